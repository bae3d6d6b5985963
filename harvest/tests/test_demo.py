"""The demo's partner sources: served by the portal itself only when HARVEST_DEMO_SOURCES is on,
harvested by ``load_demo`` through a short-lived local server, idempotently."""

import io
import socket

import pytest
from wagtail.models import Locale

from harvest.models import HarvestedItem, HarvestRun, HarvestSource
from portail.demo import data
from portail.demo.harvest import load
from portail.demo.harvest.sources import API_TOKEN, BEARER
from portail.portals import create_portal
from resources.models import Domain

pytestmark = pytest.mark.django_db
OAI = "/demo-sources/oai/?verb=ListRecords&metadataPrefix=oai_dc"


@pytest.fixture
def demo_sources(settings):
    settings.HARVEST_DEMO_SOURCES = True
    return settings


@pytest.fixture
def demo_portals(db):
    """The demo's six domains and three portals."""
    for order, (slug, name, *_rest) in enumerate(data.DOMAINS):
        Domain.objects.create(slug=slug, name=name, sort_order=order, locale=Locale.get_default())
    return [create_portal(portal["hostname"], portal["name"]).site for portal in data.PORTALS]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def items_of(name):
    return HarvestedItem.objects.filter(source__name=name).prefetch_related("domains").select_related("territory")


def test_demo_sources_are_harvested_once_per_load(demo_sources, demo_portals, client):
    port = free_port()
    out = io.StringIO()

    runs = load(demo_portals, port, out)

    assert [(run.source.backend, run.status, run.created) for run in runs] == [
        ("rss", HarvestRun.Status.DONE, 12),
        ("rss", HarvestRun.Status.DONE, 10),
        ("oai", HarvestRun.Status.DONE, 12),
        ("sitemap", HarvestRun.Status.DONE, 10),
        ("aides-territoires", HarvestRun.Status.DONE, 14),
    ], [(run.errors, run.item_errors) for run in runs]
    assert f"http://127.0.0.1:{port}/demo-sources/" in out.getvalue()
    assert {source.site.hostname for source in HarvestSource.objects.filter(backend="aides-territoires")} == {
        "aides.localhost"
    }

    page = items_of("Centre de ressources Ville durable").get(
        title="Construire en bois et paille : le gymnase intercommunal de Saint-Aubin"
    )
    assert page.summary.startswith("Une ossature bois") and "paille" in page.body_html  # JSON-LD, then the page's text
    assert page.authors == "Service patrimoine bâti" and page.published_at.date().isoformat() == "2026-11-05"
    opengraph = items_of("Centre de ressources Ville durable").get(title__startswith="Confort d'été")
    assert opengraph.summary.startswith("Brise-soleil") and opengraph.language == "fr"
    assert {d.slug for d in items_of("Archive ouverte Littoral et risques").first().domains.all()} == {
        "environnement-risques",
        "mer-littoral",
    }
    aid = items_of("Aides-territoires (démonstration)").get(
        title="Adapter les territoires littoraux au recul du trait de côte"
    )
    assert {d.slug for d in aid.domains.all()} == {"environnement-risques", "mer-littoral"}
    assert (aid.territory.scale, aid.territory.name) == ("region", "Nouvelle-Aquitaine")
    covered = {d.slug for item in items_of("Aides-territoires (démonstration)") for d in item.domains.all()}
    assert covered == {slug for slug, *_rest in data.DOMAINS}

    villes = client.get("/mobilites/", HTTP_HOST="villes-durables.localhost").text  # opted in to the RSS source
    assert "Réseau Mobilités &amp; Territoires" in villes and "Transport à la demande" in villes

    again = load(demo_portals, port, io.StringIO())

    assert [(run.status, run.created, run.updated, run.unchanged) for run in again] == [
        (HarvestRun.Status.DONE, 0, 0, count) for count in (12, 10, 12, 10, 14)
    ]
    assert HarvestSource.objects.count() == 5 and HarvestedItem.objects.count() == 58


def test_demo_documents_are_served_only_when_enabled(client, settings):
    settings.HARVEST_DEMO_SOURCES = False
    assert client.get("/demo-sources/mobilites.rss.xml").status_code == 404

    settings.HARVEST_DEMO_SOURCES = True
    feed = client.get("/demo-sources/mobilites.rss.xml")
    assert feed.status_code == 200 and b"<rss" in feed.content
    sitemap = client.get("/demo-sources/ville-durable/sitemap.xml").text
    assert "<loc>http://testserver/demo-sources/ville-durable/gymnase-bois-paille.html</loc>" in sitemap
    assert client.get("/demo-sources/../settings.py").status_code == 404
    assert client.get("/demo-sources/aides.json").status_code == 404  # only through the API


def test_demo_oai_endpoint_honours_from(client, demo_sources):
    recent = client.get(OAI + "&from=2026-11-01").text
    assert recent.count("<record>") == 3
    assert "noRecordsMatch" in client.get(OAI + "&from=2027-01-01").text
    assert "badVerb" in client.get("/demo-sources/oai/?verb=Identify").text


def test_demo_aides_api_wants_its_tokens(client, demo_sources):
    assert client.post("/demo-sources/aides/api/connexion/", HTTP_X_AUTH_TOKEN="faux").status_code == 401
    assert client.post("/demo-sources/aides/api/connexion/", HTTP_X_AUTH_TOKEN=API_TOKEN).json() == {"token": BEARER}
    assert client.get("/demo-sources/aides/api/aids/").status_code == 401

    page = client.get(
        "/demo-sources/aides/api/aids/?itemsPerPage=5&page=3", HTTP_AUTHORIZATION=f"Bearer {BEARER}"
    ).json()
    assert (page["count"], len(page["results"]), page["next"]) == (14, 4, None)
    assert page["previous"] == "http://testserver/demo-sources/aides/api/aids/?itemsPerPage=5&page=2"

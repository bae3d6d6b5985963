from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from harvest.backends.aides_territoires import connexion_url
from harvest.models import HarvestedItem, HarvestRun, HarvestSource
from harvest.pipeline import harvest
from sites.sanitize import plain_text

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitemap_site(serve, serve_template):
    serve_template("/sitemap_guides.xml.gz", "sitemap_guides.xml", gzipped=True, content_type="application/gzip")
    serve_template("/sitemap_fiches.xml", "sitemap_fiches.xml")
    serve("/guides/renovation-energetique.html", "page_jsonld.html", content_type="text/html; charset=utf-8")
    serve("/fiches/haies-bocageres.html", "page_opengraph.html", content_type="text/html; charset=utf-8")
    return serve_template("/sitemap.xml", "sitemap_index.xml")


def test_sitemap_index_with_gzip_and_page_metadata(sitemap_site, make_source, httpserver):
    source = make_source("sitemap", sitemap_site)
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, (run.errors, run.item_errors)
    assert run.created == 2
    guide = HarvestedItem.objects.get(remote_id__endswith="renovation-energetique.html")
    assert guide.title == "Rénovation énergétique des bâtiments publics"
    assert guide.summary.startswith("Méthode et retours")
    assert guide.authors == "Agence locale de l'énergie"
    assert guide.published_at == datetime(2025, 2, 1, tzinfo=UTC)
    assert guide.image_url == httpserver.url_for("/img/ecole.jpg")
    assert "patrimoine bâti" in guide.body_html
    assert (
        "javascript:" not in guide.body_html
        and "onmouseover" not in guide.body_html
        and "cookie" not in guide.body_html
    )
    assert guide.remote_version.startswith("2025-02-10")
    haies = HarvestedItem.objects.get(remote_id__endswith="haies-bocageres.html")
    assert haies.title == "Planter et gérer des haies bocagères"
    assert haies.authors == "Conservatoire des espaces naturels"
    assert sorted(t.name for t in haies.tags.all()) == ["agriculture", "biodiversité"]


def test_sitemap_pages_with_same_lastmod_are_not_fetched_again(sitemap_site, make_source, httpserver):
    source = make_source("sitemap", sitemap_site)
    harvest(source)
    httpserver.clear_log()

    run = harvest(source)

    assert (run.created, run.updated, run.unchanged) == (0, 0, 2)
    fetched = {request.path for request, _response in httpserver.log}
    assert not any(path.endswith(".html") for path in fetched)

    preview = harvest(source, trigger=HarvestRun.Trigger.PREVIEW)  # a preview shows the pages all the same
    assert sorted(entry["outcome"] for entry in preview.preview) == ["unchanged", "unchanged"]


def test_oai_pmh_pages_incremental_and_deleted(httpserver, serve, make_source):
    httpserver.expect_request(
        "/oai", query_string={"verb": "ListRecords", "resumptionToken": "page2"}
    ).respond_with_data(fixture_bytes("oai_page2.xml"), content_type="text/xml")
    url = serve("/oai", "oai_page1.xml")
    source = make_source("oai", url)

    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE_WITH_ERRORS
    assert (run.created, run.failed) == (2, 1)
    assert "sans adresse web" in run.item_errors[0]["message"]
    notice = HarvestedItem.objects.get(remote_id="oai:archives.example.org:101")
    assert notice.url == "https://archives.example.org/notices/101"
    assert notice.authors == "Dupont, Marie"
    assert "<script" not in notice.body_html
    assert sorted(t.name for t in notice.tags.all()) == ["ruralité", "tiers-lieux"]
    source.refresh_from_db()
    assert source.cursor == datetime.now(UTC).date().isoformat()

    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("")
    httpserver.expect_request(
        "/oai", query_string={"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": source.cursor}
    ).respond_with_data(fixture_bytes("oai_incremental.xml"), content_type="text/xml")
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, run.errors
    assert run.archived == 1
    assert HarvestedItem.objects.get(remote_id="oai:archives.example.org:102").archived_at is not None
    assert (
        HarvestedItem.objects.get(remote_id="oai:archives.example.org:101").archived_at is None
    )  # incremental: no vanishing


def test_oai_xml_bomb_is_refused_before_sickle_parses_it(serve, make_source):
    source = make_source("oai", serve("/oai", "rss_bomb.xml"))
    run = harvest(source)
    assert run.status == HarvestRun.Status.FAILED
    assert "sécurité" in run.errors[0]


@pytest.fixture
def aides_api(httpserver, serve_template):
    httpserver.expect_request(
        "/api/connexion/", method="POST", headers={"X-AUTH-TOKEN": "secret-token"}
    ).respond_with_json({"token": "bearer-123"})
    serve_template(
        "/api/aids/",
        "aides_page2.json",
        content_type="application/json",
        query_string={"itemsPerPage": "2", "page": "2"},
    )
    serve_template(
        "/api/aids/", "aides_page1.json", content_type="application/json", query_string={"itemsPerPage": "2"}
    )
    return httpserver.url_for("/api/aids/")


def test_aides_territoires_token_pagination_and_mapping(aides_api, make_source, httpserver):
    source = make_source("aides-territoires", aides_api, config={"api_token": "secret-token", "items_per_page": 2})
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, (run.errors, run.item_errors)
    assert run.created == 3
    aid = HarvestedItem.objects.get(source=source, remote_id="1001")
    assert aid.title == "Rénovation énergétique des écoles"
    assert aid.url == "https://aides-territoires.beta.gouv.fr/aides/renovation-ecoles/"
    assert aid.resource_type.name == "Aide financière"
    assert aid.authors == "Région Occitanie, ADEME"
    assert "Occitanie" in aid.body_html and "2025-09-30" in aid.body_html
    assert 'href="https://demarches.example.org/ecoles"' in aid.body_html
    assert "<script" not in aid.body_html
    assert sorted(t.name for t in aid.tags.all()) == [
        "Bâtiments",
        "Énergie",
    ]  # a category's own name, without its theme
    assert "javascript:" not in HarvestedItem.objects.get(remote_id="1003").body_html
    aid_requests = [request for request, _response in httpserver.log if request.path == "/api/aids/"]
    assert all(request.headers["Authorization"] == "Bearer bearer-123" for request in aid_requests)

    run = harvest(source)
    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)


@pytest.fixture
def six_domains():
    from wagtail.models import Locale

    from resources.models import Domain

    slugs = [
        "mobilites",
        "environnement-risques",
        "ingenierie-territoires",
        "batiment",
        "mer-littoral",
        "infrastructures-transport",
    ]
    return {slug: Domain.objects.create(name=slug, slug=slug, locale=Locale.get_default()) for slug in slugs}


def test_aides_territoires_categories_become_domains_and_perimeters_territories(aides_api, make_source, six_domains):
    from resources.models import Territory

    mapping = {
        "urbanisme / logement / aménagement|bâtiments": "batiment",
        "Energies / Déchets": ["batiment"],
        "Biodiversité": ["environnement-risques", "mer-littoral"],
    }
    source = make_source(
        "aides-territoires",
        aides_api,
        config={"api_token": "secret-token", "items_per_page": 2, "category_domains": mapping},
    )
    source.default_domains.add(six_domains["ingenierie-territoires"])
    source.save()

    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, (run.errors, run.item_errors)
    domains = {
        item.remote_id: sorted(d.slug for d in item.domains.all())
        for item in HarvestedItem.objects.prefetch_related("domains")
    }
    assert domains == {
        "1001": ["batiment", "ingenierie-territoires"],  # full name, theme (case and accents ignored): once
        "1002": ["environnement-risques", "ingenierie-territoires", "mer-littoral"],  # the category's own name
        "1003": ["ingenierie-territoires"],  # not mapped: the source's default domains only
    }
    territories = {
        item.remote_id: (item.territory.scale, item.territory.name)
        for item in HarvestedItem.objects.select_related("territory")
    }
    assert territories == {
        "1001": ("region", "Occitanie"),
        "1002": ("national", "France"),
        "1003": ("national", "France"),
    }
    assert Territory.objects.filter(name="France").count() == 1

    source.config = {**source.config, "category_domains": {"Mobilité": "mobilites"}}
    source.save()
    run = harvest(source)
    assert (run.updated, run.unchanged) == (3, 0)  # the mapping is part of what is stored
    assert [d.slug for d in HarvestedItem.objects.get(remote_id="1003").domains.all()] == [
        "ingenierie-territoires",
        "mobilites",
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "api_token"),
        ({"api_token": "x", "items_per_page": 500}, "items_per_page"),
        ({"api_token": "x", "colour": "red"}, "inconnues"),
        ({"api_token": "x", "category_domains": ["mobilites"]}, "category_domains"),
        ({"api_token": "x", "category_domains": {"Mobilité": 3}}, "category_domains"),
        ({"api_token": "x", "category_domains": {"Mobilité": "aviation"}}, "Domaines inconnus.*aviation"),
    ],
)
def test_aides_territoires_config_is_validated_on_save(portal, config, message):
    source = HarvestSource(
        name="AT",
        site=portal.site,
        backend="aides-territoires",
        url="https://aides-territoires.beta.gouv.fr/api/aids/",
        config=config,
    )
    with pytest.raises(ValidationError, match=message):
        source.save()


@pytest.mark.parametrize(
    ("aids_url", "expected"),
    [
        ("https://aides-territoires.beta.gouv.fr/api/aids/", "https://aides-territoires.beta.gouv.fr/api/connexion/"),
        (
            "http://127.0.0.1:8000/demo-sources/aides/api/aids/?itemsPerPage=5",
            "http://127.0.0.1:8000/demo-sources/aides/api/connexion/",
        ),
        ("https://aides.example.org/aids", "https://aides.example.org/api/connexion/"),
    ],
)
def test_aides_territoires_token_endpoint_sits_beside_the_aids(aids_url, expected):
    assert connexion_url(aids_url) == expected


def test_summaries_keep_paragraphs_apart():
    assert (
        plain_text("<p>Bilan.</p><p>Suite <strong>en gras</strong></p>fin<br>ligne") == "Bilan. Suite en gras fin ligne"
    )

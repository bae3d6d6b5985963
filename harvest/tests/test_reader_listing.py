"""Harvested items appear in the domain listings of their portal and of the
portals that accepted their source's share, in a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from werkzeug import Response

from harvest.models import HarvestedItem, HarvestShare
from harvest.pipeline import harvest
from portail.portals import create_portal

pytestmark = pytest.mark.django_db


def rss(count):
    entries = "".join(
        f'<item><guid isPermaLink="false">ve-{n}</guid><title>Plan vélo n°{n}</title><link>https://velo.example.org/{n}</link>'
        f"<pubDate>Mon, {n + 1:02d} Sep 2025 09:00:00 +0200</pubDate><description>Itinéraires cyclables "
        f"{n}.</description></item>"
        for n in range(count)
    )
    channel = f"<channel><title>Vélo</title>{entries}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def velo_source(domains, httpserver, make_source):
    """A source filed under « Mobilités », whose feed grows from 2 to 12 items."""
    feeds = iter([rss(2), rss(12)])
    httpserver.expect_request("/velo.xml").respond_with_handler(
        lambda request: Response(next(feeds), content_type="application/rss+xml")
    )
    source = make_source("rss", httpserver.url_for("/velo.xml"), name="Club des villes cyclables")
    source.default_domains.add(domains[0])
    source.save()
    return source


def test_domain_listing_shows_the_latest_partner_items(domains, velo_source, client):
    other = create_portal("autre.localhost", "Autre portail")
    harvest(velo_source)

    html = client.get("/mobilites/", HTTP_HOST="portail.localhost").text

    assert "Ressources des partenaires" in html
    item = HarvestedItem.objects.get(remote_id="ve-1")
    assert f'href="{item.get_absolute_url()}"' in html and "Plan vélo n°1" in html
    assert "Club des villes cyclables" in html and "2 septembre 2025" in html
    assert (
        "Ressources des partenaires" not in client.get("/environnement-et-risques/", HTTP_HOST="portail.localhost").text
    )
    assert "Plan vélo" not in client.get("/mobilites/", HTTP_HOST="autre.localhost").text

    share = HarvestShare.objects.create(source=velo_source, site=other.site)
    assert "Plan vélo" not in client.get("/mobilites/", HTTP_HOST="autre.localhost").text  # offered, not accepted
    share.status = HarvestShare.Status.ACCEPTED
    share.save()
    HarvestedItem.objects.filter(remote_id="ve-0").update(archived_at=timezone.now())
    shared = client.get("/mobilites/", HTTP_HOST="autre.localhost").text
    assert "Plan vélo n°1" in shared and "Plan vélo n°0" not in shared


def test_partner_items_keep_the_listing_query_count_constant(domains, velo_source, client):
    def count_queries():
        client.get("/mobilites/", HTTP_HOST="portail.localhost")  # warm caches, as a running server's
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/mobilites/", HTTP_HOST="portail.localhost")
        return len(captured), response.text.count('class="card card--partner"')

    harvest(velo_source)
    with_2 = count_queries()
    harvest(velo_source)
    with_12 = count_queries()

    assert (with_2[1], with_12[1]) == (2, 6)
    assert with_12[0] == with_2[0]

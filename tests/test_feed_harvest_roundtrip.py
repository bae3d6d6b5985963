"""The platform is harvestable by partners, and by itself: portal Bêta harvests
portal Alpha's feeds, served by a live server, through the same harvester as
any partner's, and gets Alpha's resources and veille issues as harvested items
with their titles and links, from RSS and from Atom; a second run finds the feed
unchanged (conditional GET)."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import connection

from harvest.listing import visible_items
from harvest.models import HarvestedItem, HarvestRun, HarvestSource
from harvest.pipeline import harvest
from portail.portals import create_portal
from resources.factories import ResourcePageFactory
from tests.utils import library_of
from veille.models import VeilleEntry, VeilleIndexPage, VeillePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module", autouse=True)
def migrated_data_restored(django_db_setup, django_db_blocker):
    """A transactional test ends by emptying the database, which later tests
    expect as migrations left it (locales, root page): put that data back once
    this module is done."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def harvest_settings(settings):
    """Alpha is served on the loopback address, which the harvester refuses
    unless the operator allows it."""
    settings.HARVEST_ALLOWED_PRIVATE_NETWORKS = ["127.0.0.0/8"]
    settings.HARVEST_HOST_MIN_INTERVAL = 0
    return settings


@pytest.fixture
def alpha(live_server, domains):
    """Portal Alpha, on the live server's address, with two resources in
    Mobilités and one veille issue."""
    address = urlsplit(live_server.url)
    portal = create_portal(address.hostname, "Portail Alpha", port=address.port)
    library = library_of(portal)
    resources = [
        ResourcePageFactory(
            parent=library,
            title="Mobilité & vélo « rural »",
            domains=[domains[0]],
            publication_date=datetime.date(2025, 3, 11),
        ),
        ResourcePageFactory(
            parent=library, title="Plan vélo", domains=[domains[0]], publication_date=datetime.date(2025, 3, 1)
        ),
    ]
    issue = VeillePage(title="Veille de mars", entries=[VeilleEntry(resource=resources[0])])
    VeilleIndexPage.objects.child_of(portal.home).get().add_child(instance=issue)
    issue.save_revision().publish()
    return portal, resources, issue


def harvest_into(portal, url):
    source = HarvestSource.objects.create(site=portal.site, backend="rss", url=url, name="Portail Alpha")
    run = harvest(source)
    assert run.status == HarvestRun.Status.DONE, (run.errors, run.item_errors)
    return source, run


def test_portal_b_harvests_portal_a_feeds(live_server, harvest_settings, alpha, client):
    portal_a, resources, issue = alpha
    portal_b = create_portal("beta.localhost", "Portail Bêta")
    expected = {page.title: page.full_url for page in resources}
    assert all(url.startswith(live_server.url) for url in expected.values())

    source, run = harvest_into(portal_b, f"{live_server.url}/flux/domaines/mobilites/rss/")

    assert (run.created, run.failed) == (2, 0)
    items = HarvestedItem.objects.filter(source=source)
    assert {item.title: item.url for item in items} == expected
    newest = items.get(url=resources[0].full_url)
    assert newest.published_at == datetime.datetime(2025, 3, 10, 23, 0, tzinfo=datetime.UTC)  # 11 March, Paris time
    assert set(visible_items(portal_b.site).values_list("title", flat=True)) == set(expected)
    page = client.get(f"/moissonnage/{newest.pk}/", HTTP_HOST="beta.localhost")
    assert page.status_code == 200 and "Mobilité &amp; vélo « rural »" in page.content.decode()

    # The feed has not changed: the harvester's conditional request writes nothing.
    again = harvest(source)
    assert (again.status, again.created, again.updated, again.unchanged) == (HarvestRun.Status.DONE, 0, 0, 2)

    veille, run = harvest_into(portal_b, f"{live_server.url}/flux/veille/atom/")
    [item] = HarvestedItem.objects.filter(source=veille)
    assert (item.title, item.url) == ("Veille de mars", issue.full_url)
    assert "Mobilité &amp; vélo « rural »" in item.body_html

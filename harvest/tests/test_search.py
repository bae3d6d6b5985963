"""Harvested items are found by the platform's search, on the portals that show
them, with their source as a facet; archived items only when asked for."""

import pytest
from django.utils import timezone

from harvest import sharing
from harvest.models import HarvestedItem, HarvestRun, HarvestShare
from harvest.pipeline import harvest
from harvest.search import index_items
from portail.portals import create_portal
from search.service import SearchRequest, run_search
from search.tests.conftest import refresh, search_backend, search_index  # noqa: F401 (fixtures)
from sites.factories import UserFactory

pytestmark = pytest.mark.django_db


def found(site, query, **options):
    refresh()
    return run_search(SearchRequest(site=site, language="fr", query=query, **options))


def test_harvested_items_are_searchable_where_their_source_is_shown(
    search_index, serve, make_source, portal, django_capture_on_commit_callbacks
):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    assert harvest(source).status == HarvestRun.Status.DONE
    item = HarvestedItem.objects.get(source=source, remote_id="rr-001")

    outcome = found(portal.site, "revitaliser centres-bourgs")
    hit = next(document for document in outcome.documents if document.key == f"harvest.harvesteditem:{item.pk}")
    assert hit.kind == "harvested"
    assert hit.url == f"http://portail.localhost/moissonnage/{item.pk}/"
    source_facet = {value.label: value.count for value in outcome.facets["source"]}
    assert source_facet.get(source.name) == outcome.count

    elsewhere = create_portal("ailleurs.localhost", "Ailleurs")
    assert found(elsewhere.site, "revitaliser centres-bourgs").count == 0
    share = HarvestShare.objects.create(source=source, site=elsewhere.site)  # offered, not yet accepted
    index_items([item.pk])
    assert found(elsewhere.site, "revitaliser centres-bourgs").count == 0
    with django_capture_on_commit_callbacks(execute=True):
        sharing.decide(share, UserFactory(username="editrice-ailleurs", groups=[elsewhere.editors]), accept=True)
    assert found(elsewhere.site, "revitaliser centres-bourgs").count == 1
    with django_capture_on_commit_callbacks(execute=True):
        sharing.decide(share, UserFactory(username="editeur-ailleurs", groups=[elsewhere.editors]), accept=False)
    assert found(elsewhere.site, "revitaliser centres-bourgs").count == 0


def test_archived_items_are_found_only_when_asked_for(search_index, serve, make_source, portal):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    harvest(source)
    item = HarvestedItem.objects.get(source=source, remote_id="rr-001")
    HarvestedItem.objects.filter(pk=item.pk).update(archived_at=timezone.now())
    index_items([item.pk])

    assert found(portal.site, "revitaliser centres-bourgs").count == 0
    assert found(portal.site, "revitaliser centres-bourgs", include_archived=True).count == 1

"""A source offered to another portal appears there only once an editor of
that portal accepts it: never before (listings, reader pages, search), never
on the word of the offering portal's editors, and no longer once declined or
withdrawn. Superusers share at once; existing shares were migrated as accepted."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site

from harvest import sharing
from harvest.listing import visible_items
from harvest.models import HarvestedItem, HarvestShare, HarvestSource
from harvest.pipeline import harvest
from harvest.wagtail_hooks import ShareMenuItem
from portail.portals import create_portal
from search.service import SearchRequest, run_search
from search.tests.conftest import refresh, search_backend, search_index  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

QUERY = "revitaliser centres-bourgs"  # an item of rss_v1.xml
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def found(site):
    refresh()
    return run_search(SearchRequest(site=site, language="fr", query=QUERY)).count


def user(username, *groups, **fields):
    person = get_user_model().objects.create_user(username, f"{username}@example.org", "pass", **fields)
    person.groups.add(*groups)
    return person


@pytest.fixture
def world(portal, serve):
    other = create_portal("autre.localhost", "Autre portail")
    return {
        "portal": portal,
        "other": other,
        "feed": serve("/feed.xml", "rss_v1.xml"),
        "editor_a": user("editrice-a", portal.editors),
        "editor_b": user("editeur-b", other.editors),
    }


def source_data(world, **fields):
    data = {
        "name": "Réseau rural",
        "site": world["portal"].site.pk,
        "backend": "rss",
        "url": world["feed"],
        "config": "{}",
        "interval": "1 00:00:00",
        "archive_grace": "7 00:00:00",
        "active": "on",
    }
    return {**data, **fields}


def offer_as(client, person, world, **fields):
    client.force_login(person)
    response = client.post(
        reverse("harvest_sources:add"), source_data(world, shared_with=[world["other"].site.pk], **fields)
    )
    assert response.status_code == 302
    source = HarvestSource.objects.get(name="Réseau rural")
    harvest(source)
    return source


def decision_url(share, accept):
    return reverse("harvest_shares:accept" if accept else "harvest_shares:decline", args=[share.pk])


def test_an_offer_waits_for_the_other_portals_consent(client, world, search_index, django_capture_on_commit_callbacks):
    other = world["other"].site
    source = offer_as(client, world["editor_a"], world, shared_with_all="on")
    share = source.shares.get()
    item = source.items.get(remote_id="rr-001")

    assert (share.site, share.status, share.requested_by) == (other, HarvestShare.Status.PENDING, world["editor_a"])
    assert source.shared_with_all is False  # editors cannot share with every portal
    assert list(visible_items(other)) == [] and found(other) == 0
    assert client.get(item.get_absolute_url(), HTTP_HOST="autre.localhost").status_code == 404
    assert found(world["portal"].site) == 1

    # The offering portal's editor cannot accept on the other portal's behalf.
    for method in ("get", "post"):
        assert getattr(client, method)(decision_url(share, True), **XHR).status_code == 403
    assert decision_url(share, True) not in client.get(reverse("harvest_shares:index")).text
    share.refresh_from_db()
    assert share.status == HarvestShare.Status.PENDING and found(other) == 0

    # The other portal's editor sees the offer, counted in the menu, and accepts it.
    client.force_login(world["editor_b"])
    listing = client.get(reverse("harvest_shares:index"))
    assert "Réseau rural" in listing.text and decision_url(share, True) in listing.text
    request = listing.wsgi_request
    assert (
        ShareMenuItem("Partages proposés", "/admin/harvest/shares/").render_component(request).label
        == "Partages proposés (1)"
    )
    assert client.get(decision_url(share, True)).status_code == 200  # the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decision_url(share, True))
    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.status, share.decided_by) == (HarvestShare.Status.ACCEPTED, world["editor_b"])
    assert set(visible_items(other)) == set(source.items.all()) and found(other) == 1
    assert client.get(item.get_absolute_url(), HTTP_HOST="autre.localhost").status_code == 200
    assert sharing.pending_count(world["editor_b"]) == 0

    # Consent withdrawn: the items leave the portal's listings and search.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(decision_url(share, False)).status_code == 302
    share.refresh_from_db()
    assert share.status == HarvestShare.Status.DECLINED
    assert list(visible_items(other)) == [] and found(other) == 0


def test_declining_keeps_the_items_away(client, world, search_index):
    source = offer_as(client, world["editor_a"], world)
    client.force_login(world["editor_b"])

    assert client.post(decision_url(source.shares.get(), False)).status_code == 302

    assert source.shares.get().status == HarvestShare.Status.DECLINED
    assert list(visible_items(world["other"].site)) == [] and found(world["other"].site) == 0


def test_deciding_needs_a_post_with_its_csrf_token(world, serve, client):
    source = offer_as(client, world["editor_a"], world)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world["editor_b"])

    assert strict.post(decision_url(source.shares.get(), True)).status_code == 403
    assert source.shares.get().status == HarvestShare.Status.PENDING


def test_withdrawing_an_offer_removes_the_items(client, world, search_index, django_capture_on_commit_callbacks):
    source = offer_as(client, world["editor_a"], world)
    with django_capture_on_commit_callbacks(execute=True):
        sharing.decide(source.shares.get(), world["editor_b"], accept=True)
    assert found(world["other"].site) == 1

    client.force_login(world["editor_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("harvest_sources:edit", args=[source.pk]), source_data(world))
    assert response.status_code == 302

    assert not source.shares.exists()
    assert list(visible_items(world["other"].site)) == [] and found(world["other"].site) == 0


def test_superusers_share_at_once(client, world, search_index, django_capture_on_commit_callbacks):
    admin = user("admin", is_superuser=True, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        source = offer_as(client, admin, world)

    assert source.shares.get().status == HarvestShare.Status.ACCEPTED
    assert found(world["other"].site) == 1


def test_editors_of_both_portals_share_at_once(client, world):
    both = user("editrice-double", world["portal"].editors, world["other"].editors)
    source = offer_as(client, both, world)

    assert source.shares.get().status == HarvestShare.Status.ACCEPTED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_shares_are_migrated_as_accepted():
    # serialized_rollback: the flush that ends this test must not recreate content
    # types and permissions under new keys, or the next transactional test, which
    # restores the serialised rows by key, collides with them.
    before, after = [("harvest", "0002_source_document_hash")], [("harvest", "0003_source_shares_with_consent")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldSite, OldSource = old.get_model("wagtailcore", "Site"), old.get_model("harvest", "HarvestSource")
    root = Page.objects.filter(depth=1).values_list("pk", flat=True).first()
    a, b = (
        OldSite.objects.create(hostname=name, port=80, root_page_id=root) for name in ("a.localhost", "b.localhost")
    )
    source = OldSource.objects.create(name="Source partagée", site=a, backend="rss", url="https://example.org/flux")
    # Historical models are not clusterable: the links are written as rows.
    OldSource.shared_with.through.objects.bulk_create(
        OldSource.shared_with.through(harvestsource_id=source.pk, site_id=site.pk) for site in (a, b)
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        assert list(HarvestShare.objects.values_list("source_id", "site_id", "status")) == [
            (source.pk, b.pk, "accepted")
        ]
        assert list(sources_of(Site.objects.get(pk=b.pk))) == [source.pk]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def sources_of(site):
    from harvest.listing import sources_shown_on

    return sources_shown_on(site).values_list("pk", flat=True)


def test_the_item_chooser_offers_what_the_portal_shows(client, world):
    """The harvested item chooser (veille issues) offers the items of the
    editor's portal and of the sources its editors accepted, nothing else."""

    def source_with_item(site, name, title):
        source = HarvestSource.objects.create(name=name, site=site, backend="rss", url=f"https://example.org/{name}")
        return source, HarvestedItem.objects.create(
            source=source, remote_id="1", url=f"https://example.org/{name}/1", title=title
        )

    source_with_item(world["portal"].site, "mine", "Note du portail")
    _theirs, private = source_with_item(world["other"].site, "theirs", "Note gardée par l autre portail")
    offered, shared = source_with_item(world["other"].site, "offered", "Note offerte au portail")
    share = HarvestShare.objects.create(source=offered, site=world["portal"].site)
    client.force_login(world["editor_a"])

    def chooser():
        return client.get(reverse("wagtailsnippetchoosers_harvest_harvesteditem:choose")).json()["html"]

    def chosen(item):
        return client.get(reverse("wagtailsnippetchoosers_harvest_harvesteditem:chosen", args=[item.pk])).status_code

    html = chooser()
    assert "Note du portail" in html
    assert "Note gardée" not in html and "Note offerte" not in html
    assert (chosen(private), chosen(shared)) == (404, 404)

    share.status = HarvestShare.Status.ACCEPTED
    share.save()
    assert "Note offerte au portail" in chooser() and chosen(shared) == 200

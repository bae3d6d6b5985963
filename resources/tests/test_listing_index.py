"""The listing index follows every change that decides what a portal lists: it
always agrees with the visibility rules evaluated from scratch
(``visible_resources``), and a rebuild gives the same rows as the changes did."""

import pytest
from wagtail.models import PageViewRestriction, Site

from resources import listing_index
from resources.factories import ResourcePageFactory
from resources.listing import listed_entries, visible_resources
from resources.models import ListingEntry, ListingTag
from sites.rendering import portal_root_path
from tests.utils import library_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def from_scratch(portal, domain=None):
    resources = visible_resources(portal.site, portal.home.locale_id, portal_root_path(portal.home))
    if domain is not None:
        resources = resources.filter(domains__translation_key=domain.translation_key)
    return set(resources.values_list("pk", flat=True))


def indexed(portal, domain=None):
    return set(listed_entries(portal.site, portal.home.locale_id, domain).values_list("resource_id", flat=True))


def assert_agrees(portals, domains):
    for portal in portals:
        for domain in (None, *domains):
            assert indexed(portal, domain) == from_scratch(portal, domain), (portal.site.hostname, domain)


def rows():
    entries = set(
        ListingEntry.objects.values_list(
            "site_id", "resource_id", "locale_id", "domain_key", "resource_type_id", "publication_date"
        )
    )
    tags = set(ListingTag.objects.values_list("site_id", "resource_id", "domain_key", "tag_id"))
    return entries, tags


@pytest.fixture
def world(portal_a, portal_b, domains):
    """Resources of portal A: one of its own, one shared with B, one with every
    portal, one draft, one in two domains."""
    library = library_of(portal_a)
    made = {
        "own": ResourcePageFactory(parent=library, title="Propre", domains=[domains[0]], tags=["vélo"]),
        "to_b": ResourcePageFactory(parent=library, title="Pour B", domains=[domains[0]], shared_with=[portal_b.site]),
        "to_all": ResourcePageFactory(
            parent=library, title="Pour tous", domains=[domains[1]], shared_with_all=True, tags=["eau"]
        ),
        "draft": ResourcePageFactory(
            parent=library, title="Brouillon", domains=[domains[0]], shared_with_all=True, live=False
        ),
        "both": ResourcePageFactory(parent=library, title="Deux domaines", domains=domains, shared_with_all=True),
    }
    return [portal_a, portal_b], domains, made


def test_saved_resources_are_indexed_as_the_rules_say(world):
    portals, domains, made = world

    assert_agrees(portals, domains)
    assert indexed(portals[1]) == {made["to_b"].pk, made["to_all"].pk, made["both"].pk}
    assert made["draft"].pk not in indexed(portals[0])
    assert set(ListingTag.objects.filter(resource=made["own"]).values_list("tag__name", flat=True)) == {"vélo"}


def test_publishing_a_draft_and_unpublishing_follow(world):
    portals, domains, made = world

    made["draft"].save_revision().publish()
    assert made["draft"].pk in indexed(portals[1], domains[0])
    made["own"].unpublish()
    assert made["own"].pk not in indexed(portals[0])
    assert not ListingTag.objects.filter(resource=made["own"]).exists()
    assert_agrees(portals, domains)


def test_a_new_revision_that_changes_domains_and_sharing_follows(world):
    portals, domains, made = world
    page = made["to_b"]
    page.domains = [domains[1]]
    page.shared_with = []
    page.save_revision().publish()

    assert page.pk not in indexed(portals[1])
    assert page.pk in indexed(portals[0], domains[1])
    assert page.pk not in indexed(portals[0], domains[0])
    assert_agrees(portals, domains)


def test_a_draft_revision_changes_nothing_until_published(world):
    portals, domains, made = world
    page = made["to_b"]
    page.shared_with = []
    page.save_revision()

    assert page.pk in indexed(portals[1])


def test_view_restrictions_hide_and_show(world):
    portals, domains, made = world

    restriction = PageViewRestriction.objects.create(
        page=library_of(portals[0]), restriction_type=PageViewRestriction.LOGIN
    )
    assert indexed(portals[1]) == set()
    assert_agrees(portals, domains)
    restriction.delete()
    assert made["to_all"].pk in indexed(portals[1])
    assert_agrees(portals, domains)


def test_moving_a_resource_to_another_portal_follows(world):
    portals, domains, made = world

    made["own"].move(library_of(portals[1]), pos="last-child")
    assert made["own"].pk in indexed(portals[1])
    assert made["own"].pk not in indexed(portals[0])
    assert_agrees(portals, domains)


def test_a_new_portal_lists_what_is_shared_with_all(world, make_portal):
    portals, domains, made = world

    gamma = make_portal("gamma.localhost", "Portail Gamma")
    assert indexed(gamma) == {made["to_all"].pk, made["both"].pk}
    assert_agrees([*portals, gamma], domains)
    Site.objects.filter(pk=gamma.site.pk).delete()
    assert not ListingEntry.objects.filter(site_id=gamma.site.pk).exists()


def test_deleting_a_resource_removes_its_rows(world):
    portals, domains, made = world

    made["both"].delete()
    assert not ListingEntry.objects.filter(resource_id=made["both"].pk).exists()
    assert_agrees(portals, domains)


def test_rebuild_gives_the_rows_the_changes_gave(world):
    portals, domains, made = world
    made["draft"].save_revision().publish()
    made["own"].move(library_of(portals[1]), pos="last-child")
    before = rows()

    count = listing_index.rebuild()

    assert rows() == before
    assert count == len(before[0])


def test_the_rebuild_command_restores_a_lost_index(world):
    from io import StringIO

    from django.core.management import call_command

    portals, domains, made = world
    ListingEntry.objects.all().delete()
    output = StringIO()

    call_command("rebuild_listing_index", stdout=output)

    assert "Listing index rebuilt: " in output.getvalue()
    assert_agrees(portals, domains)
    assert indexed(portals[1])  # not trivially empty

"""Veille issues are found by the platform's search, by their entries' words; an
issue of a community that is not public only by the community's readers."""

import pytest

from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from search.registry import audiences_for
from search.service import SearchRequest, run_search
from search.tests.conftest import refresh, search_backend, search_index  # noqa: F401 (fixtures)

from .conftest import harvest_item, make_source, publish_issue, publish_resource

pytestmark = pytest.mark.django_db


def found(site, query, user=None, **options):
    refresh()
    audiences = audiences_for(user) if user is not None else [""]
    outcome = run_search(SearchRequest(site=site, language="fr", query=query, audiences=audiences, **options))
    assert not outcome.engine_down
    return outcome


def test_an_issue_is_found_by_its_entries_and_notes(search_index, portal_a, portal_b):
    guide = publish_resource(portal_a, "Guide des haltes fluviales")
    item = harvest_item(make_source(portal_a), "Les péniches reviennent en centre-ville")
    issue = publish_issue(portal_a, "Veille de mars", [guide, item], notes=["À lire avant l'appel à projets écluses"])

    for query in ["péniches", "écluses", "haltes fluviales"]:
        outcome = found(portal_a.site, query)
        hits = [hit for hit in outcome.documents if hit.kind == "veille"]
        assert [hit.title for hit in hits] == ["Veille de mars"], query
        assert hits[0].url == issue.get_full_url()
    kinds = {value.value: value.label for value in found(portal_a.site, "écluses").facets["kind"]}
    assert kinds["veille"] == "Numéro de veille"
    assert not [hit for hit in found(portal_b.site, "écluses").documents if hit.kind == "veille"]


def test_an_unpublished_issue_leaves_search(search_index, portal_a):
    issue = publish_issue(portal_a, "Veille des friches", [publish_resource(portal_a, "Reconquête des friches")])
    assert "Veille des friches" in [hit.title for hit in found(portal_a.site, "friches").documents]
    issue.unpublish()
    assert "Veille des friches" not in [hit.title for hit in found(portal_a.site, "friches").documents]


def test_a_community_issue_is_found_only_by_its_readers(search_index, portal_a):
    communities = ensure_community_index(portal_a.home)
    club = create_community(communities, "Club des élus du littoral", Visibility.PUBLIC)
    member, outsider = member_user("elu-membre"), member_user("elu-dehors")
    add_member(club, member)
    publish_issue(
        portal_a, "Veille du club", [publish_resource(portal_a, "Trait de côte et relocalisation")], community=club
    )

    def titles(user):
        return [
            hit.title for hit in found(portal_a.site, "relocalisation", user=user).documents if hit.kind == "veille"
        ]

    assert titles(None) == titles(outsider) == titles(member) == ["Veille du club"]
    club.visibility = Visibility.SECRET
    club.save_revision().publish()  # the community turns secret: its issues follow
    assert titles(None) == titles(outsider) == []
    assert titles(member) == ["Veille du club"]

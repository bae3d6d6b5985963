"""« Recherches fréquentes » and the corrected search never reveal restricted content:
popular searches count distinct visitors and only queries public content answers,
spelling suggestions come from what the reader may see in the searched scope.
On the database backend and on OpenSearch."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from communities.questions import answering
from search import analytics
from search.models import QueryStat, QueryVisitor
from search.tasks import prune_query_visitors

from .conftest import refresh

pytestmark = pytest.mark.usefixtures("search_index")  # every test twice: database and OpenSearch backends

# Words found only in restricted content: a secret community of each portal, and
# the questions of an on-request community of portal A.
RESTRICTED_QUERIES = ("garonne", "dordogne", "vezere", "instructeurs", "directeurs")
# A misspelling of each, and the community whose members may read the word.
MISSPELT = {
    "garone": "secret_a",
    "instructeurz": "secret_a",
    "ripisylce": "secret_a",  # a tag of the secret question
    "dordogme": "on_request_a",
    "vezerre": "secret_b",
    "directeurz": "secret_b",
}


@dataclass
class Scene:
    portal_a: object
    portal_b: object
    rural: object  # a public resource of portal A
    secret_a: list  # members of portal A's secret community
    on_request_a: list  # members of portal A's on-request community
    secret_b: list  # members of portal B's secret community
    fresh: object  # a member of no community


@pytest.fixture
def scene(portal_a, portal_b, publish):
    rural = publish(portal_a, "Plan de mobilité rurale", "Covoiturage et transport à la demande.")
    publish(portal_a, "Trame verte urbaine", "Continuités écologiques en ville.")
    index_a, index_b = ensure_community_index(portal_a.home), ensure_community_index(portal_b.home)
    communities = {
        "secret_a": create_community(index_a, "Cercle des instructeurs", Visibility.SECRET, summary="Entre pairs."),
        "on_request_a": create_community(
            index_a, "Réseau des hydrologues", Visibility.ON_REQUEST, summary="Entre pairs."
        ),
        "secret_b": create_community(index_b, "Club des directeurs", Visibility.SECRET, summary="Entre pairs."),
    }
    members = {name: [member_user(f"{name}-{n}") for n in range(3)] for name in communities}
    for name, community in communities.items():
        for user in members[name]:
            add_member(community, user)
    answering.ask(
        communities["secret_a"],
        members["secret_a"][0],
        "Crue de la Garonne",
        "<p>Digues et ripisylve.</p>",
        tags=["Ripisylve"],
    )
    answering.ask(
        communities["on_request_a"], members["on_request_a"][0], "Étiage de la Dordogne", "<p>Débits réservés.</p>"
    )
    answering.ask(communities["secret_b"], members["secret_b"][0], "Tempête sur la Vézère", "<p>Arbres tombés.</p>")
    refresh()
    return Scene(
        portal_a,
        portal_b,
        rural,
        members["secret_a"],
        members["on_request_a"],
        members["secret_b"],
        member_user("nouvelle"),
    )


@pytest.fixture
def editor_a(portal_a):
    return member_user("editrice", groups=[portal_a.editors])


def search(client, portal, user=None, address="192.0.2.1", **params):
    """The search page as ``user`` (anonymous when None) from the client ``address``."""
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get("/recherche/", params, HTTP_HOST=portal.site.hostname, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response


def popular(client, portal, user=None):
    """The popular searches a zero-result page shows, checked in the rendered page too."""
    response = search(client, portal, user, address="198.51.100.99", q="xyzzy")
    shown = response.context_data["popular"]
    html = response.content.decode()
    for query in shown:
        assert f">{query}</a>" in html.split("Recherches fréquentes")[1]
    if not shown:
        assert "Recherches fréquentes" not in html
    return shown


def suggestion(client, portal, user=None, **params):
    """The corrected spelling a search found its results with, checked in the rendered page too."""
    response = search(client, portal, user, **params)
    suggested = response.context_data["suggestion"]
    html = response.content.decode()
    if suggested:
        assert f">{suggested}</a>" in html.split("recherche corrigée")[1][:300]
    else:
        assert "recherche corrigée" not in html
    return suggested


def test_restricted_searches_never_become_popular(client, scene):
    """Members of restricted communities search their words from many places; many
    anonymous visitors try them too: none of it reaches anyone's popular searches."""
    for n, user in enumerate(scene.secret_a):
        for query in ("garonne", "instructeurs", "directeurs"):
            search(client, scene.portal_a, user, address=f"10.0.1.{n}", q=query)
            search(client, scene.portal_a, user, address=f"10.0.1.{n}", q=query, scope="all")
    for n, user in enumerate(scene.on_request_a):
        search(client, scene.portal_a, user, address=f"10.0.2.{n}", q="dordogne")
    for n, user in enumerate(scene.secret_b):
        search(client, scene.portal_b, user, address=f"10.0.3.{n}", q="vezere")
        search(client, scene.portal_a, user, address=f"10.0.3.{n}", q="directeurs", scope="all")
    for n in range(5):
        for query in RESTRICTED_QUERIES:
            search(client, scene.portal_a, address=f"203.0.113.{n}", q=query)
        search(client, scene.portal_a, address=f"203.0.113.{n}", q="mobilité rurale")
    assert QueryStat.objects.filter(query="garonne", site=scene.portal_a.site).get().searches == 11

    for portal in (scene.portal_a, scene.portal_b):
        for reader in (None, scene.fresh, scene.secret_a[0], scene.secret_b[0]):
            cache.clear()  # the list is cached for a few minutes per portal
            shown = popular(client, portal, reader)
            assert not set(shown) & set(RESTRICTED_QUERIES)
            assert shown == (["mobilite rurale"] if portal == scene.portal_a else [])


def test_one_client_repeating_a_query_does_not_make_it_popular(client, scene):
    for _ in range(50):
        search(client, scene.portal_a, address="203.0.113.7", q="mobilité rurale")
    for n in range(5):  # one member from several addresses is one visitor
        search(client, scene.portal_a, scene.fresh, address=f"10.9.9.{n}", q="trame verte")
    for n in range(5):  # so is one IPv6 subscriber, whose network is a /64
        search(client, scene.portal_a, address=f"2001:db8:0:7::{n + 1}", q="trame verte")
    assert popular(client, scene.portal_a) == []
    assert QueryStat.objects.get(query="mobilite rurale").searches == 50


def test_a_query_of_enough_distinct_visitors_that_public_content_answers_is_popular(client, scene):
    search(client, scene.portal_a, address="203.0.113.1", q="Mobilité rurale")
    search(client, scene.portal_a, scene.fresh, address="203.0.113.1", q="mobilite  rurale")
    assert popular(client, scene.portal_a) == []  # two visitors are not enough
    cache.clear()
    # The API counts too, one more visitor.
    client.get(
        "/api/v1/search/", {"q": "mobilité rurale"}, HTTP_HOST=scene.portal_a.site.hostname, REMOTE_ADDR="203.0.113.2"
    )
    assert popular(client, scene.portal_a) == ["mobilite rurale"]
    assert popular(client, scene.portal_b) == []  # per portal

    scene.rural.unpublish()  # no public content answers it any more: it drops out
    refresh()
    cache.clear()
    assert popular(client, scene.portal_a) == []


def test_free_text_nothing_public_answers_is_never_popular(client, scene):
    for n in range(10):
        search(client, scene.portal_a, address=f"203.0.113.{n}", q="achetez des montres")
        search(client, scene.portal_a, scene.secret_a[n % 3], address=f"10.0.1.{n}", q="crue garonne")
    assert popular(client, scene.portal_a) == []


@pytest.mark.parametrize("misspelt", sorted(MISSPELT))
def test_outsiders_get_no_suggestion_from_restricted_content(client, scene, misspelt):
    other_community = scene.secret_b[0] if MISSPELT[misspelt] != "secret_b" else scene.secret_a[0]
    for reader in (None, scene.fresh, other_community):
        for portal in (scene.portal_a, scene.portal_b):
            for scope in ("", "all"):
                assert suggestion(client, portal, reader, q=misspelt, scope=scope) == ""
    # The same readers still get suggestions from public content.
    assert suggestion(client, scene.portal_a, q="ruralle") == "rurale"
    assert (
        suggestion(client, scene.portal_a, scene.fresh, q="hydrologes") == "hydrologues"
    )  # the on-request community's page is public


def test_members_get_suggestions_from_their_community_on_its_scope(client, scene):
    member_a, member_b = scene.secret_a[0], scene.secret_b[0]
    assert suggestion(client, scene.portal_a, member_a, q="garrone") == "garonne"  # "garone" finds it: same stem
    assert suggestion(client, scene.portal_b, member_a, q="garrone") == ""  # not on the other portal
    response = search(client, scene.portal_b, member_a, q="garrone", scope="all")  # unless all portals are searched
    assert response.context_data["suggestion"] == "garonne"
    assert 'href="?q=garonne&amp;scope=all"' in response.content.decode()  # the suggestion keeps the scope
    assert suggestion(client, scene.portal_a, member_a, q="directeurz") == ""  # portal B's secret community
    assert suggestion(client, scene.portal_b, member_b, q="directeurz") == "directeurs"
    assert suggestion(client, scene.portal_a, member_b, q="directeurz") == ""
    assert suggestion(client, scene.portal_a, scene.on_request_a[1], q="dordogme") == "dordogne"


def test_a_suggestion_must_find_something(client, scene):
    """Each word is known, but no document the reader may see has them all."""
    assert suggestion(client, scene.portal_a, q="ruralle urbaine") == ""
    assert suggestion(client, scene.portal_a, q="ruralle mobilité") == "rurale mobilité"


def test_query_report_counts_what_the_public_would_find(client, scene, editor_a):
    """Editors read their portal's searches; a search only a secret community answers
    counts as finding nothing, as it does for the public and for them."""
    for n, user in enumerate(scene.secret_a):
        search(client, scene.portal_a, user, address=f"10.0.1.{n}", q="garonne")
    search(client, scene.portal_a, q="trame verte")
    search(client, scene.portal_b, q="tempete")
    report = analytics.query_report(scene.portal_a.site)
    assert {"query": "garonne", "total": 3, "empty": 3} in report["popular"]
    assert {"query": "trame verte", "total": 1, "empty": 0} in report["popular"]
    client.force_login(editor_a)
    html = client.get("/admin/recherche/statistiques/", {"site": scene.portal_b.site.pk}).content.decode()
    assert "trame verte" in html and "tempete" not in html  # another portal's report is not theirs


def test_visitors_are_forgotten_after_the_popular_window(client, scene, tasks_in_process):
    for n in range(3):
        search(client, scene.portal_a, address=f"203.0.113.{n}", q="trame verte")
    assert QueryVisitor.objects.count() == 3
    assert not QueryVisitor.objects.filter(visitor__contains="203.0.113").exists()  # keyed hashes, no address
    QueryStat.objects.update(day=timezone.localdate() - datetime.timedelta(days=analytics.POPULAR_DAYS + 1))
    assert prune_query_visitors() == 3
    assert "search.prune_query_visitors" in {
        entry["task"] for entry in tasks_in_process.conf.beat_schedule.values()
    }  # daily
    assert QueryVisitor.objects.count() == 0 and QueryStat.objects.get().searches == 3

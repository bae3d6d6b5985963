"""Readers' side: the archive and the issues, what other apps get from
listing.py, and the query budgets of both pages."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from tests.utils import path_of
from veille.listing import issue_entries, published_issues
from veille.models import VeilleIndexPage

from .conftest import harvest_item, make_source, publish_issue, publish_resource, veille_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]
ALPHA = "alpha.localhost"


@pytest.fixture
def issues(portal_a, portal_b):
    guide = publish_resource(portal_a, "Guide des pistes cyclables", organisation="Cerema")
    item = harvest_item(make_source(portal_a), "Appel à projets vélo")
    older = publish_issue(
        portal_a, "Veille de septembre", [guide], notes=["Le guide de référence."], date=_date(2026, 10, 1)
    )
    newer = publish_issue(
        portal_a,
        "Veille de novembre",
        [item, guide],
        notes=["<script>alert('x')</script> À suivre.", "Mis à jour."],
        date=_date(2026, 11, 1),
    )
    publish_issue(portal_b, "Veille du portail Bêta", [publish_resource(portal_b, "Fiche Bêta")])
    return {"older": older, "newer": newer, "guide": guide, "item": item}


def _date(*parts):
    import datetime

    return datetime.date(*parts)


def test_every_portal_gets_a_veille_archive_in_each_language(english, make_portal):
    index = veille_of(make_portal("gamma.localhost", "Portail Gamma"))
    assert index.live and index.slug == "veille"
    translations = VeilleIndexPage.objects.filter(translation_key=index.translation_key)
    assert translations.count() == Locale.objects.count() == 2
    assert translations.get(locale=english).title == "Watch"  # from locale/en


def test_archive_lists_the_portals_issues_newest_first(client, issues, portal_a):
    response = client.get(path_of(veille_of(portal_a)), HTTP_HOST=ALPHA)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Veille de novembre") < html.index("Veille de septembre")
    assert "Veille du portail Bêta" not in html
    assert '<label for="id_email">Votre adresse e-mail</label>' in html
    assert "2 éléments" in html


def test_an_empty_archive_says_so(client, portal_b):
    response = client.get(path_of(veille_of(portal_b)), HTTP_HOST="beta.localhost")
    assert "Aucun numéro n'est encore paru." in response.content.decode()


def test_an_issue_shows_its_entries_in_order_with_escaped_notes(client, issues):
    response = client.get(path_of(issues["newer"]), HTTP_HOST=ALPHA)
    html = response.content.decode()
    assert html.index("Appel à projets vélo") < html.index("Guide des pistes cyclables")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; À suivre." in html
    assert 'href="https://partenaire.example.org/actu/' in html
    assert "<h1>Veille de novembre</h1>" in html


def test_published_issues_and_entries_for_other_apps(client, issues, portal_a):
    assert list(published_issues(portal_a.site)) == [issues["newer"], issues["older"]]
    draft = publish_issue(portal_a, "Brouillon", [issues["guide"]])
    draft.unpublish()
    assert draft not in published_issues(portal_a.site)

    entries = issue_entries(issues["newer"])
    assert [entry.title for entry in entries] == ["Appel à projets vélo", "Guide des pistes cyclables"]
    assert entries[1].note == "Mis à jour." and entries[1].date == issues["guide"].publication_date
    assert entries[0].url == issues["item"].url
    assert entries[1].url.startswith("http://alpha.localhost/")
    assert client.get(entries[1].url.removeprefix("http://alpha.localhost"), HTTP_HOST=ALPHA).status_code == 200


def test_entries_readers_cannot_open_are_left_out(client, issues):
    PageViewRestriction.objects.create(page=issues["guide"], restriction_type=PageViewRestriction.LOGIN)
    issues["item"].archived_at = issues["item"].first_seen
    issues["item"].save()
    assert issue_entries(issues["newer"]) == []
    assert (
        "Ce numéro ne contient aucun élément." in client.get(path_of(issues["newer"]), HTTP_HOST=ALPHA).content.decode()
    )


def test_issues_of_non_public_communities_stay_with_their_members(client, issues, portal_a):
    communities = ensure_community_index(portal_a.home)
    secret = create_community(communities, "Club des élus", Visibility.SECRET)
    public = create_community(communities, "Réseau vélo", Visibility.PUBLIC)
    hidden = publish_issue(portal_a, "Veille du club", [issues["guide"]], community=secret)
    shown = publish_issue(portal_a, "Veille du réseau vélo", [issues["guide"]], community=public)
    assert hidden not in published_issues(portal_a.site) and shown in published_issues(portal_a.site)
    assert client.get(path_of(hidden), HTTP_HOST=ALPHA).status_code == 404
    assert client.get(path_of(shown), HTTP_HOST=ALPHA).status_code == 200


BUDGET = 16


def _queries_for(client, path, django_assert_max_num_queries):
    """Queries to render ``path`` once the site and branding caches are warm,
    within the page budget."""
    client.get(path, HTTP_HOST=ALPHA)
    with django_assert_max_num_queries(BUDGET) as captured:
        assert client.get(path, HTTP_HOST=ALPHA).status_code == 200
    return len(captured)


def test_archive_query_budget_does_not_grow_with_issues(client, portal_a, django_assert_max_num_queries):
    guide = publish_resource(portal_a, "Guide")
    path = path_of(veille_of(portal_a))
    for number in range(2):
        publish_issue(portal_a, f"Numéro {number}", [guide])
    few = _queries_for(client, path, django_assert_max_num_queries)
    for number in range(2, 12):
        publish_issue(portal_a, f"Numéro {number}", [guide])
    assert _queries_for(client, path, django_assert_max_num_queries) == few


def test_issue_query_budget_does_not_grow_with_entries(client, portal_a, django_assert_max_num_queries):
    source = make_source(portal_a)

    def issue_of(count, title):
        targets = [publish_resource(portal_a, f"{title} ressource {n}") for n in range(count)]
        targets += [harvest_item(source, f"{title} actu {n}") for n in range(count)]
        return publish_issue(portal_a, title, targets, notes=["Note"] * len(targets))

    few = _queries_for(client, path_of(issue_of(1, "Petit numéro")), django_assert_max_num_queries)
    assert _queries_for(client, path_of(issue_of(10, "Gros numéro")), django_assert_max_num_queries) == few

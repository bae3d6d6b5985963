"""Suggestions while typing: titles, domains and tags, under the search's own
visibility rules, on the database backend and on OpenSearch."""

import pytest
from django.test import override_settings

from search.autocomplete import suggestions
from search.models import SearchDocument
from search.service import SearchRequest
from tests.utils import library_of

from .conftest import refresh
from .test_views import closed_port, get

SECRET_AUDIENCE = "community:4242"


def suggested(site, query, **options):
    options.setdefault("language", "fr")
    found = suggestions(SearchRequest(site=site, query=query, **options), "/recherche/")
    return [(suggestion.kind, suggestion.label) for suggestion in found]


def restrict(title, audience=SECRET_AUDIENCE):
    """Give a document an audience, as a secret community's content has."""
    document = SearchDocument.objects.get(title=title)
    document.audience = audience
    document.save()  # reindexed
    refresh()


@pytest.mark.django_db
def test_titles_domains_and_tags_are_suggested_without_accents(portal_a, publish, domains):
    publish(portal_a, "Plan de mobilité rurale", domains=[domains[0]], tags=["Mobilité douce"])
    publish(portal_a, "Budget participatif")
    found = suggested(portal_a.site, "mobi")
    assert ("title", "Plan de mobilité rurale") in found
    assert ("domain", "Mobilités") in found
    assert ("tag", "Mobilité douce") in found
    assert ("title", "Budget participatif") not in found
    assert suggested(portal_a.site, "mobilité rur") == [("title", "Plan de mobilité rurale")]
    assert suggested(portal_a.site, "m") == []


@pytest.mark.django_db
def test_restricted_titles_and_their_tags_are_suggested_to_their_audience_only(portal_a, publish):
    publish(portal_a, "Feuille de route confidentielle", tags=["Confidentiel"])
    restrict("Feuille de route confidentielle")
    assert suggested(portal_a.site, "confid") == []
    member = suggested(portal_a.site, "confid", audiences=["", SECRET_AUDIENCE])
    assert member == [("title", "Feuille de route confidentielle"), ("tag", "Confidentiel")]


@pytest.mark.django_db
def test_suggestions_follow_the_portal_scope_and_the_language(english, portal_a, portal_b, publish):
    publish(portal_b, "Observatoire des friches")
    publish(library_of(portal_a).get_translation(english), "Brownfield observatory")
    assert suggested(portal_a.site, "observ") == []
    assert suggested(portal_a.site, "observ", all_portals=True) == [("title", "Observatoire des friches")]
    assert suggested(portal_a.site, "observ", language="en") == [("title", "Brownfield observatory")]


@pytest.mark.django_db
def test_archived_documents_are_not_suggested(portal_a, publish):
    publish(portal_a, "Ancienne charte")
    document = SearchDocument.objects.get(title="Ancienne charte")
    document.archived = True
    document.save()
    refresh()
    assert suggested(portal_a.site, "charte") == []


@pytest.mark.django_db
def test_autocomplete_endpoint_returns_suggestions_with_links(client, portal_a, publish, domains):
    page = publish(portal_a, "Trame verte et bleue", domains=[domains[1]], tags=["Trame"])
    data = get(client, portal_a, "/api/v1/search/autocomplete/", q="tram").json()
    assert data["query"] == "tram"
    assert data["suggestions"][0] == {
        "kind": "title",
        "kind_label": "Contenu",
        "label": "Trame verte et bleue",
        "url": page.get_full_url(),
    }
    assert {"kind": "tag", "kind_label": "Mot-clé", "label": "Trame", "url": "/recherche/?tag=trame"} in data[
        "suggestions"
    ]
    assert data["message"] == "2 suggestions"
    english = get(client, portal_a, "/api/v1/search/autocomplete/", q="environ", lang="en").json()
    assert english["suggestions"] == []  # the domain's documents are all in French
    french = get(client, portal_a, "/api/v1/search/autocomplete/", q="environ").json()
    assert french["suggestions"] == [
        {
            "kind": "domain",
            "kind_label": "Domaine",
            "label": "Environnement et risques",
            "url": "/recherche/?domain=environnement-et-risques",
        }
    ]


@pytest.mark.django_db
def test_search_boxes_are_comboboxes_once_scripted(client, portal_a, portal_b, publish):
    publish(portal_a, "Gestion des déchets")
    for portal in (portal_a, portal_b):
        html = get(client, portal, "/recherche/", q="dechets").content.decode()
        assert html.count('data-autocomplete="/api/v1/search/autocomplete/"') == 2  # header and page
        assert "search/autocomplete.js" in html


@pytest.mark.django_db
def test_autocomplete_falls_back_to_the_database_when_the_engine_is_down(client, portal_a, publish):
    publish(portal_a, "Gestion des eaux pluviales")
    engine = {
        "default": {
            "BACKEND": "search.backends.opensearch2",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "portail_down_",
            "TIMEOUT": 1,
            "AUTO_UPDATE": False,
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=engine):
        data = get(client, portal_a, "/api/v1/search/autocomplete/", q="pluvia").json()
    assert [suggestion["label"] for suggestion in data["suggestions"]] == ["Gestion des eaux pluviales"]

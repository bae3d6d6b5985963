"""The search page and the JSON API, through real requests on a portal's host."""

import socket

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backend

from search.analytics import popular_queries
from search.models import PromotedResult, QueryStat, SearchDocument
from search.service import MAX_PAGE, SearchRequest, run_search
from search.views import API_MAX_PAGE_SIZE, API_RATE_LIMIT


def get(client, portal, url, **params):
    return client.get(url, params, HTTP_HOST=portal.site.hostname)


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_search_page_shows_results_facets_and_highlights(client, portal_a, publish, domains):
    publish(portal_a, "Plan de mobilité rurale", "Covoiturage et mobilités partagées.", domains=[domains[0]])
    response = get(client, portal_a, "/recherche/", q="mobilites")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plan de mobilité rurale" in html
    assert "<mark>mobilités</mark>" in html
    assert '<label for="recherche-q" class="visually-hidden">' in html
    assert 'Mobilités <span class="search-facet__count">1</span>' in html
    assert 'role="search"' in html  # the header search box


@pytest.mark.django_db
def test_results_come_first_with_readable_types_and_removable_filters(client, portal_a, publish, domains):
    publish(portal_a, "Plan de mobilité rurale", "Covoiturage et mobilités partagées.", domains=[domains[0]])
    publish(portal_a, "Atlas des mobilités douces", "Pistes cyclables.", domains=[domains[1]])

    soup = BeautifulSoup(get(client, portal_a, "/recherche/", q="mobilites").content, "html.parser")
    layout = soup.select_one(".search-layout")
    # Results before the filters in the page, which the wide layout puts beside them.
    assert [child.name for child in layout.find_all(recursive=False)] == ["section", "aside"]
    assert {badge.get_text() for badge in soup.select(".search-result .badge")} == {"Ressource"}
    kinds = {a.get_text(" ", strip=True) for a in soup.select(".search-kinds a")}
    assert kinds == {"Tout", "Ressource 2"}
    assert not soup.select(".search-chips")

    filtered = get(client, portal_a, "/recherche/", q="mobilites", domain=domains[0].slug, sort="date")
    soup = BeautifulSoup(filtered.content, "html.parser")
    assert soup.select_one(".search-results__count").get_text(strip=True) == "1 résultat"
    chip = soup.select_one(".search-chips a.search-chip")
    assert chip.get_text(" ", strip=True) == f"Retirer le filtre Domaine : {domains[0].name} ✕"
    # Removing the filter keeps the words and the sort.
    assert dict(QueryDict(chip["href"][1:]).items()) == {"q": "mobilites", "sort": "date"}

    api = client.get("/api/v1/search/", {"q": "mobilites"}, HTTP_HOST="alpha.localhost").json()
    assert {(result["kind"], result["kind_label"]) for result in api["results"]} == {("resource", "Ressource")}


@pytest.mark.django_db
def test_dsfr_portal_renders_the_search_page_in_its_theme(client, portal_b, publish):
    publish(portal_b, "Atlas de la biodiversité")
    html = get(client, portal_b, "/recherche/", q="biodiversite").content.decode()
    assert "fr-header" in html and "Atlas de la biodiversité" in html


@pytest.mark.django_db
def test_a_misspelt_search_shows_the_corrected_results_and_an_empty_one_popular_searches(client, portal_a, publish):
    publish(portal_a, "Rénovation énergétique des écoles")
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        client.get("/recherche/", {"q": "rénovation"}, HTTP_HOST=portal_a.site.hostname, REMOTE_ADDR=address)
    html = get(client, portal_a, "/recherche/", q="renovatoin").content.decode()
    assert "Aucun résultat pour «\u00a0renovatoin\u00a0»" in html
    assert ">rénovation</a>" in html.split("recherche corrigée")[1][:200]
    assert "Rénovation énergétique des écoles</a>" in html
    assert QueryStat.objects.get(query="renovatoin").zero_results == 1  # for editors, the query found nothing
    html = get(client, portal_a, "/recherche/", q="xqzw").content.decode()
    assert "recherche corrigée" not in html
    assert ">renovation</a>" in html.split("Recherches fréquentes")[1]
    assert popular_queries(portal_a.site, "fr") == ["renovation"]


@pytest.mark.django_db
def test_promoted_results_are_scoped_to_their_portal(client, portal_a, portal_b, publish):
    page = publish(portal_a, "Guide des aides")
    PromotedResult.objects.create(site=portal_a.site, query="aides", page=page, description="À lire en premier")
    assert "À lire en premier" in get(client, portal_a, "/recherche/", q="Aides").content.decode()
    assert "À lire en premier" not in get(client, portal_b, "/recherche/", q="aides").content.decode()


@pytest.mark.django_db
def test_api_returns_results_and_facets(client, portal_a, publish, domains, guide_type):
    publish(
        portal_a, "Trame verte et bleue", "Continuités écologiques.", domains=[domains[1]], resource_type=guide_type
    )
    data = get(client, portal_a, "/api/v1/search/", q="continuite ecologique", type="guide").json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["title"] == "Trame verte et bleue"
    assert result["type"] == "Guide" and result["domains"] == ["Environnement et risques"]
    assert result["url"].startswith("http://alpha.localhost")
    assert {"value": "guide", "label": "Guide", "count": 1} in data["facets"]["type"]


@pytest.mark.django_db
def test_api_limits_page_size_and_rate(client, portal_a, publish):
    publish(portal_a, "Schéma directeur")
    data = get(client, portal_a, "/api/v1/search/", q="schema", page_size=1000, page=10**6).json()
    assert data["count"] == 1 and data["page"] == MAX_PAGE and data["results"] == []
    assert data["page_size"] == API_MAX_PAGE_SIZE
    statuses = [get(client, portal_a, "/api/v1/search/", q="schema").status_code for _ in range(API_RATE_LIMIT + 1)]
    assert statuses[-1] == 429 and statuses[0] == 200


@pytest.mark.django_db
def test_page_falls_back_to_the_database_when_the_engine_is_down(client, portal_a, publish):
    publish(portal_a, "Gestion des eaux pluviales", "Noues et bassins.")
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
        response = get(client, portal_a, "/recherche/", q="eau pluviale")
        api = get(client, portal_a, "/api/v1/search/", q="eau pluviale").json()
    html = response.content.decode()
    assert response.status_code == 200
    assert "momentanément indisponible" in html
    assert "Gestion des eaux pluviales" in html
    assert api["engine_down"] is True and api["count"] == 1


@pytest.mark.django_db
def test_update_index_rebuilds_documents(portal_a, publish):
    publish(portal_a, "Plan climat (PCAET)")
    SearchDocument.objects.all().delete()
    call_command("update_index", verbosity=0)
    assert list(SearchDocument.objects.values_list("title", flat=True)) == ["Plan climat (PCAET)"]
    assert SearchDocument.objects.get().facet_values.filter(token="kind:resource").exists()
    outcome = run_search(SearchRequest(site=portal_a.site, language="fr", query="pcaet"))
    assert [document.title for document in outcome.documents] == ["Plan climat (PCAET)"]
    backend = get_search_backend()
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        # Loaded without refreshes or replicas, then back to the index's settings.
        index_settings = backend.es.indices.get_settings(index=backend.get_index_for_model(SearchDocument).name)
        for index in index_settings.values():
            assert "refresh_interval" not in index["settings"]["index"]
            assert index["settings"]["index"]["number_of_replicas"] == "1"

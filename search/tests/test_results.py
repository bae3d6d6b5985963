"""What a result shows is the same on every backend; an engine shows it from what
it keeps with each document, without reading the documents back."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from search.hits import PREVIEW_LENGTH, SearchHit
from search.models import SearchDocument
from search.service import SearchRequest, run_search
from search.templatetags.search_tags import highlight

from .conftest import refresh

SHOWN = ["pk", "key", "kind", "title", "url", "site_id", "date", "archived", "labels", "preview"]


def shown(result):
    return {name: getattr(result, name) for name in SHOWN}


def search(site, query):
    outcome = run_search(SearchRequest(site=site, language="fr", query=query))
    assert not outcome.engine_down
    return outcome


@pytest.mark.django_db
def test_a_result_shows_what_its_document_holds(portal_a, publish, domains, guide_type, gironde):
    publish(
        portal_a,
        "Plan de mobilité rurale",
        "Le covoiturage   dans les bourgs.",
        summary="",
        domains=[domains[0]],
        resource_type=guide_type,
        territory=gironde,
        publication_date=datetime.date(2025, 3, 14),
    )
    [result] = search(portal_a.site, "covoiturage").documents
    document = SearchDocument.objects.get(title="Plan de mobilité rurale")
    assert shown(result) == shown(document)
    assert result.preview.startswith("Le covoiturage dans les bourgs.")
    assert result.date == datetime.date(2025, 3, 14)
    assert result.labels["type"] == "Guide" and result.labels["territory"] == gironde.name
    assert result.labels["domains"] == [domains[0].name]


@pytest.mark.django_db
def test_the_excerpt_comes_from_the_start_of_a_long_text(portal_a, publish):
    words = " ".join(f"mot{number}" for number in range(400)) + " rivière"
    publish(portal_a, "Étude longue", words, summary="")
    [result] = search(portal_a.site, "étude").documents
    assert len(result.preview) == PREVIEW_LENGTH
    assert result.preview.startswith("mot0 mot1 ")
    assert highlight(result, "mot3").startswith("mot0 mot1 mot2 <mark>mot3</mark>")


engine_only = pytest.mark.parametrize("search_backend", ["opensearch"], indirect=True)


@engine_only
@pytest.mark.django_db
def test_the_engine_shows_results_without_reading_documents_back(portal_a, publish, search_index):
    assert isinstance(search_index, ElasticsearchBaseSearchBackend)
    publish(portal_a, "Trame verte et bleue", "Continuités écologiques.")
    search(portal_a.site, "trame")  # labels cached
    with CaptureQueriesContext(connection) as queries:
        [result] = search(portal_a.site, "trame").documents
    assert isinstance(result, SearchHit)
    table = SearchDocument._meta.db_table
    assert not [query["sql"] for query in queries if table in query["sql"]]


@engine_only
@pytest.mark.django_db
def test_documents_indexed_before_results_were_kept_are_read_from_the_database(portal_a, publish, search_index):
    publish(portal_a, "Friches urbaines", "Reconvertir les friches.")
    publish(portal_a, "Friches agricoles", "Remettre en culture.")
    document = SearchDocument.objects.get(title="Friches urbaines")
    index = search_index.get_index_for_model(SearchDocument)
    mapping = search_index.mapping_class(SearchDocument)
    source = mapping.get_document(document)
    del source["_result"]
    search_index.es.index(index=index.name, id=mapping.get_document_id(document), body=source)
    refresh(search_index)

    results = {result.title: result for result in search(portal_a.site, "friches").documents}
    assert set(results) == {"Friches urbaines", "Friches agricoles"}
    assert isinstance(results["Friches urbaines"], SearchDocument)
    assert isinstance(results["Friches agricoles"], SearchHit)
    assert shown(results["Friches urbaines"]) == shown(document)

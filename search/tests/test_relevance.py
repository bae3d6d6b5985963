"""The relevance set: French and English queries of the field with their expected
answers (``relevance/queries.json``) over a corpus of documents of the field
(``relevance/corpus.json``), run on every backend.

Each query is searched as the search page searches it (second chance included:
a corrected spelling, then the documents holding some of the words) over all
portals, in the query's language; its expected documents must all be among the
first five results. Every backend must answer them all. The score of each backend
is printed (``pytest -s``) and, on failure, given with the queries it missed.

A second test holds the analysis of the engines to the Python one of the database
backends, token for token, on every text of the corpus and every query.
"""

import json
from pathlib import Path

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

from search.analysis import analyse
from search.backends.settings import ANALYZER_NAMES
from search.documents import build, bulk_store
from search.models import SearchDocument
from search.registry import DocumentData
from search.service import SearchRequest
from search.suggestions import search_with_second_chance

from .conftest import refresh

HERE = Path(__file__).with_name("relevance")
CORPUS = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
QUERIES = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
TOP = 5


@pytest.fixture
def corpus(search_index):
    """The corpus, stored as search documents are (tokens included) and indexed."""
    bulk_store(
        build(
            f"relevance:{entry['key']}",
            DocumentData(
                title=entry["title"],
                summary=entry["summary"],
                body=entry["body"],
                url=f"/pertinence/{entry['key']}/",
                language=entry["language"],
                kind=entry["kind"],
                all_portals=True,
            ),
        )
        for entry in CORPUS
    )
    search_index.add_bulk(SearchDocument, list(SearchDocument.objects.all()))
    refresh(search_index)
    return search_index


def top_keys(query, language):
    request = SearchRequest(site=None, language=language, query=query, all_portals=True, per_page=TOP, facet_names=[])
    outcome = search_with_second_chance(request)
    return [document.key.removeprefix("relevance:") for document in outcome.documents]


def test_every_query_finds_its_documents_in_the_top_five(corpus, search_backend):
    missed = []
    for entry in QUERIES:
        found = top_keys(entry["query"], entry["language"])
        if not set(entry["expected"]) <= set(found):
            missed.append(f"  [{entry['case']}] {entry['query']!r}: expected {entry['expected']}, top {TOP}: {found}")
    score = 100 * (len(QUERIES) - len(missed)) / len(QUERIES)
    report = f"relevance on {search_backend}: {len(QUERIES) - len(missed)}/{len(QUERIES)} queries ({score:.1f} %)"
    print(report)
    assert not missed, "\n".join([report, *missed])


def test_the_set_covers_the_cases_of_the_field():
    """At least 60 French and 20 English queries, over documents that exist in the
    query's language, and every kind of difficulty in French."""
    languages = {entry["key"]: entry["language"] for entry in CORPUS}
    assert len(languages) == len(CORPUS)
    assert sum(entry["language"] == "fr" for entry in QUERIES) >= 60
    assert sum(entry["language"] == "en" for entry in QUERIES) >= 20
    for entry in QUERIES:
        assert entry["expected"] and all(languages.get(key) == entry["language"] for key in entry["expected"]), entry
    cases = {entry["case"] for entry in QUERIES if entry["language"] == "fr"}
    assert {"unaccented", "number", "elision", "acronym", "expansion", "word-order", "typo", "question"} <= cases


def engine_terms(backend, analyzer, text):
    index = backend.get_index_for_model(SearchDocument)
    body = {"analyzer": analyzer, "text": text}
    response = backend.es.indices.analyze(index=index.name, body=body)
    return [token["token"] for token in response["tokens"]]


@pytest.mark.parametrize("search_backend", ["opensearch"], indirect=True)
def test_the_engine_analyses_text_as_python_does(search_index, search_backend):
    assert isinstance(search_index, ElasticsearchBaseSearchBackend)
    differences = []
    texts = [(entry["language"], entry[field]) for entry in CORPUS for field in ("title", "summary", "body")]
    texts += [(entry["language"], entry["query"]) for entry in QUERIES]
    for language, text in texts:
        expected, found = analyse(text, language), engine_terms(search_index, ANALYZER_NAMES[language], text)
        if expected != found:
            differences.append(f"  [{language}] {text!r}\n    python: {expected}\n    engine: {found}")
    assert not differences, f"{len(differences)} of {len(texts)} texts analysed differently:\n" + "\n".join(
        differences[:20]
    )

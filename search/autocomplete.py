"""Suggestions while a reader types in a search box: titles of the documents they
may see, and the tags and domains of those documents.

Titles come from the search backend's autocomplete (OpenSearch / Elasticsearch
edge n-grams, FTS5 or tsvector prefix matching on the database), under the same
visibility filters as a search; when the engine is down, from the database
documents. Tags and domains are matched on their labels, then kept only when a
document the reader may see carries them, so that a label used only in a secret
community is never suggested to a non-member.
"""

import re
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelsearch.query import PlainText

from .analysis import LANGUAGES, analyse_word, autocomplete_terms, fold, words
from .models import FacetLabel, SearchFacetValue
from .query import parse
from .service import TokenFilters, base_queryset, with_fallback

MIN_LENGTH = 2
TITLES = 6
LABELS = {"domain": 3, "tag": 4}
KIND_LABELS = {"title": _("Contenu"), "domain": _("Domaine"), "tag": _("Mot-clé")}
LABELS_CACHE_SECONDS = 600


@dataclass
class Suggestion:
    kind: str
    label: str
    url: str

    def as_json(self):
        return {"kind": self.kind, "kind_label": str(KIND_LABELS[self.kind]), "label": self.label, "url": self.url}


def _titles_from_backend(request, limit, backend, engine):
    queryset = base_queryset(request, TokenFilters(engine))
    # The words read by search.query, folded: the engines' edge n-grams are
    # folded, their query analyser is not.
    typed = " ".join(autocomplete_terms(" ".join(parse(request.query).all_words)))
    if not typed:
        return []
    results = backend.autocomplete(PlainText(typed, operator="and"), queryset)
    if engine:
        # Rows fetched by key: the engine applied the token filters (see engines.py).
        return results.faceted_page(0, limit, [])[0]
    return list(results[:limit])


def _titles_from_documents(request, limit):
    """Without the engine: documents whose analysed text has, for each word typed,
    a term starting with the word or with its stem."""
    queryset = base_queryset(replace(request, query=""), TokenFilters(engine=False))
    for word in words(request.query):
        starts = {fold(word)} | {analyse_word(word, language) for language in LANGUAGES}
        queryset = queryset.filter(reduce(or_, (Q(search_text__contains=f" {start}") for start in starts if start)))
    return list(queryset.order_by("-date", "-id")[:limit])


def titles(request, limit=TITLES):
    found, _engine_down = with_fallback(
        lambda backend, engine: _titles_from_backend(request, limit, backend, engine),
        lambda: _titles_from_documents(request, limit),
    )
    return found


def _labels(facet):
    """[(token, label, folded label)] of a facet, cached for a while."""
    key = f"search-autocomplete-labels:{facet}"
    found = cache.get(key)
    if found is None:
        rows = FacetLabel.objects.filter(token__startswith=f"{facet}:").values_list("token", "label")
        found = [(token, label, fold(label.lower())) for token, label in rows]
        cache.set(key, found, LABELS_CACHE_SECONDS)
    return found


def labels(request, facet, limit, search_url):
    """Labels of ``facet`` with a word starting with what was typed, carried by a
    document the reader may see; each links to the search filtered by it."""
    typed = " ".join(autocomplete_terms(request.query))
    pattern = re.compile(r"\b" + re.escape(typed))
    matching = {token: (label, folded) for token, label, folded in _labels(facet) if pattern.search(folded)}
    if not matching:
        return []
    visible = base_queryset(replace(request, query=""), TokenFilters(engine=False)).order_by().values("pk")
    shown = (
        SearchFacetValue.objects.filter(token__in=list(matching), document__in=visible)
        .values_list("token", flat=True)
        .distinct()
    )
    ordered = sorted(shown, key=lambda token: (not matching[token][1].startswith(typed), matching[token][1]))
    return [
        Suggestion(facet, matching[token][0], f"{search_url}?{urlencode({facet: token.split(':', 1)[1]})}")
        for token in ordered[:limit]
    ]


def suggestions(request, search_url):
    """Suggestions for ``request`` (a SearchRequest whose query is what was typed);
    tags and domains link to ``search_url`` filtered by them."""
    if len(request.query) < MIN_LENGTH or not autocomplete_terms(request.query):
        return []
    found = [Suggestion("title", document.title, document.url) for document in titles(request)]
    for facet, limit in LABELS.items():
        found += labels(request, facet, limit, search_url)
    return found

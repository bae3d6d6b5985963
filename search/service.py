"""One faceted search over search documents, shared by the page and the API.

Visibility is part of the query itself: language, archived items, audience and
portal scope are filters of the search, never applied afterwards. When the search
engine is unreachable, the same request runs on the database documents (analysed
``search_text``), and the outcome says so. What the reader typed reaches the
backends only as read by ``search.query``: a query with no searchable word finds
nothing, on every backend."""

import datetime
import logging
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import MATCH_ALL
from wagtail.models import Site

from .analysis import query_terms
from .backends.engines import engine_unavailable
from .backends.faceting import queryset_faceted_page
from .backends.shared import search_backend
from .documents import SCOPE_PREFIX, cached_labels
from .models import SearchDocument, SearchFacetValue
from .query import clean, parse
from .registry import kind_labels

logger = logging.getLogger(__name__)

FACETS = [
    ("domain", _("Domaine")),
    ("type", _("Type de ressource")),
    ("kind", _("Type de contenu")),
    ("source", _("Source ou partenaire")),
    ("portal", _("Portail")),
    ("territory", _("Territoire")),
    ("tag", _("Mot-clé")),
    ("year", _("Année")),
]
FACET_NAMES = [name for name, _label in FACETS]
SORTS = ("relevance", "date")
MAX_PAGE = 200


@dataclass
class SearchRequest:
    site: Site | None
    language: str
    query: str = ""
    all_portals: bool = False
    all_languages: bool = False
    include_archived: bool = False
    audiences: list[str] = field(default_factory=lambda: [""])
    filters: dict[str, str] = field(default_factory=dict)
    after: datetime.date | None = None
    before: datetime.date | None = None
    indexed_after: datetime.datetime | None = None  # only what was first indexed since then
    sort: str = "relevance"
    operator: str = "and"  # "or": documents holding any of the words (a relaxed search)
    page: int = 1
    per_page: int = 20
    facet_names: list[str] = field(default_factory=lambda: list(FACET_NAMES))

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchOutcome:
    request: SearchRequest
    documents: list
    count: int
    facets: dict
    engine_down: bool = False
    # A second chance (search.suggestions.search_with_second_chance) found these:
    corrected_query: str = ""  # by searching this spelling instead
    relaxed: bool = False  # by searching documents holding some of the words

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.request.per_page))


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def parse_page(value):
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def request_from_params(params, site, language, audiences, per_page=20):
    """A SearchRequest from query-string parameters (page and API share them)."""
    return SearchRequest(
        site=site,
        language=language,
        query=clean(params.get("q", "")),
        all_portals=params.get("scope") == "all" or site is None,
        all_languages=params.get("lang") == "all",
        include_archived=params.get("archived") == "1",
        audiences=audiences,
        filters={name: clean(params[name]) for name in FACET_NAMES if clean(params.get(name, ""))},
        after=parse_date(params.get("after")),
        before=parse_date(params.get("before")),
        sort=params.get("sort") if params.get("sort") in SORTS else "relevance",
        page=parse_page(params.get("page")),
        per_page=per_page,
    )


class TokenFilters:
    """How a token condition is written for a backend: a keyword term in an
    engine's index, a subquery on the token table in the database."""

    def __init__(self, engine):
        self.engine = engine

    def has(self, token):
        if self.engine:
            return Q(facet_tokens=token)
        return Q(pk__in=SearchFacetValue.objects.filter(token=token).values("document_id"))


def base_queryset(request, tokens):
    queryset = SearchDocument.objects.filter(audience__in=request.audiences)
    if not request.all_languages:
        queryset = queryset.filter(language=request.language)
    if not request.include_archived:
        queryset = queryset.filter(archived=False)
    if not request.all_portals and request.site is not None:
        queryset = queryset.filter(tokens.has(f"{SCOPE_PREFIX}:{request.site.pk}") | Q(all_portals=True))
    for name, value in request.filters.items():
        queryset = queryset.filter(tokens.has(f"{name}:{value}"))
    if request.after:
        queryset = queryset.filter(date__gte=request.after)
    if request.before:
        queryset = queryset.filter(date__lte=request.before)
    if request.indexed_after:
        queryset = queryset.filter(first_indexed_at__gt=request.indexed_after)
    if request.sort == "date" or not request.query:
        queryset = queryset.order_by("-date", "-id")
    return queryset


def backend_query(request):
    """The modelsearch query of ``request``: everything without words, None when
    its words leave nothing to search (punctuation, stop words)."""
    return parse(request.query).backend_query(request.operator) if request.query else MATCH_ALL


def search_results(request, backend):
    """The backend's lazy search results for ``request``, which has something to
    search (``backend_query``)."""
    engine = isinstance(backend, ElasticsearchBaseSearchBackend)
    queryset = base_queryset(request, TokenFilters(engine))
    by_relevance = bool(request.query) and request.sort == "relevance"
    # Engines analyse each language in its own fields: search those of the request's.
    languages = {"languages": None if request.all_languages else [request.language]} if engine else {}
    return backend.search(
        backend_query(request), queryset, operator=request.operator, order_by_relevance=by_relevance, **languages
    )


def _engine_page(request, backend):
    results = search_results(request, backend)
    if not hasattr(results, "faceted_page"):
        # A backend without facet support: results and count, facets marked unavailable.
        return list(results[request.offset : request.offset + request.per_page]), results.count(), None
    return results.faceted_page(request.offset, request.per_page, request.facet_names)


def _fallback_page(request):
    """The database documents, matched on their analysed text (every word, or any
    with the "or" operator), newest first."""
    queryset = base_queryset(request, TokenFilters(engine=False)).order_by("-date", "-id")
    matches = [
        reduce(or_, (Q(search_text__contains=f" {stem}") for stem in stems))
        for stems in query_terms(" ".join(parse(request.query).all_words))
    ]
    if matches and request.operator == "or":
        queryset = queryset.filter(reduce(or_, matches))
    else:
        for match in matches:
            queryset = queryset.filter(match)
    return queryset_faceted_page(queryset, request.offset, request.per_page, request.facet_names)


def _labels(tokens):
    labels = cached_labels(tokens)
    labels.update({f"kind:{key}": str(label) for key, label in kind_labels().items()})
    portal_ids = [token.split(":", 1)[1] for token in tokens if token.startswith("portal:")]
    if portal_ids:
        labels.update(
            {f"portal:{pk}": name for pk, name in Site.objects.filter(pk__in=portal_ids).values_list("pk", "site_name")}
        )
    return labels


def build_facets(request, counts):
    """Facet values with labels and counts, or None when they could not be computed."""
    if counts is None:
        return None
    labels = _labels(list(counts))
    facets = {name: [] for name in request.facet_names}
    for token, count in counts.items():
        name, value = token.split(":", 1)
        if name in facets:
            facets[name].append(FacetValue(value, labels.get(token, value), count, request.filters.get(name) == value))
    for name, values in facets.items():
        if name == "year":
            values.sort(key=lambda item: item.value, reverse=True)
        else:
            values.sort(key=lambda item: (-item.count, item.label.lower()))
    return facets


def with_fallback(on_backend, on_database):
    """``on_backend(backend, engine)`` on the configured search backend (``engine``:
    whether it is OpenSearch or Elasticsearch); when that engine cannot be reached,
    ``on_database()`` instead, on the database documents. Returns the result and
    whether the engine was down. Every search of the platform goes through here."""
    backend = search_backend()
    engine = isinstance(backend, ElasticsearchBaseSearchBackend)
    try:
        return on_backend(backend, engine), False
    except Exception as error:
        if not engine or not engine_unavailable(error):
            raise
        logger.warning("Search engine unreachable, falling back to the database: %s", error)
        return on_database(), True


def run_search(request):
    if backend_query(request) is None:
        return SearchOutcome(request, [], 0, build_facets(request, {}))
    (documents, count, counts), engine_down = with_fallback(
        lambda backend, _engine: _engine_page(request, backend), lambda: _fallback_page(request)
    )
    return SearchOutcome(request, documents, count, build_facets(request, counts), engine_down)

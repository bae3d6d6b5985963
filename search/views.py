"""The search page of every portal, the JSON API and its autocomplete."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from wagtail.models import Page

from sites import ratelimit
from sites.portal import portal_for
from sites.rendering import content_language, render

from . import analytics
from .autocomplete import suggestions
from .models import PromotedResult
from .registry import audiences_for, kind_labels
from .service import FACETS, request_from_params
from .suggestions import search_with_second_chance

API_PAGE_SIZE = 20
API_MAX_PAGE_SIZE = 50
API_RATE_LIMIT = getattr(settings, "SEARCH_API_RATE_LIMIT", 60)  # requests per minute and client
# Typing sends a request every few keystrokes.
AUTOCOMPLETE_RATE_LIMIT = getattr(settings, "SEARCH_AUTOCOMPLETE_RATE_LIMIT", 300)


def _promoted(site, query):

    if site is None or not query:
        return []
    promotions = PromotedResult.objects.filter(site=site, query=analytics.normalise(query)).order_by("sort_order")
    live = set(Page.objects.filter(pk__in=promotions.values("page_id")).live().public().values_list("pk", flat=True))
    return [promotion for promotion in promotions.select_related("page") if promotion.page_id in live]


def _with_query(params, query):
    """The query string of ``params`` searching ``query`` instead: a suggestion keeps
    the scope and filters it was checked with."""
    params = params.copy()
    params["q"] = query
    return params.urlencode()


def _without(params, *names):
    """The query string of ``params`` without ``names`` (nor the page number)."""
    params = params.copy()
    for name in (*names, "page"):
        params.pop(name, None)
    return params.urlencode()


def _active_filters(request, search, outcome):
    """The filters in use, each with what readers read and the query string without it."""
    facet_labels = dict(FACETS)
    active = []
    for name, value in search.filters.items():
        values = (outcome.facets or {}).get(name) or []
        label = next((item.label for item in values if item.value == value), value)
        active.append({"facet": facet_labels.get(name, name), "label": label, "remove": _without(request.GET, name)})
    return active


@require_GET
def search_page(request):
    site = portal_for(request).site
    search = request_from_params(request.GET, site, content_language(), audiences_for(request.user))
    outcome = search_with_second_chance(search)
    if search.query and search.page == 1:
        analytics.record(request, search, outcome)
    params = request.GET.copy()
    params.pop("page", None)
    suggestion = outcome.corrected_query
    context = {
        "search": search,
        "current_site": site,
        "outcome": outcome,
        "facet_names": FACETS,
        "promoted": _promoted(site, search.query) if search.page == 1 else [],
        "popular": analytics.popular_queries(site, search.language) if site and not outcome.count else [],
        "suggestion": suggestion,
        "suggestion_query": _with_query(params, suggestion) if suggestion else "",
        "page_query": params.urlencode(),
        "filter_params": {key: value for key, value in request.GET.items() if key not in ("page",)},
        "active_filters": _active_filters(request, search, outcome),
        "all_kinds_query": _without(request.GET, "kind"),
        "clear_query": _without(request.GET, *search.filters),
        "kind_labels": kind_labels(),
    }
    return render(request, "search/results.html", context)


def _rate_limited(request, name="search-api", limit=API_RATE_LIMIT):
    """A fixed one-minute window per client."""
    return ratelimit.hit(name, ratelimit.client_address(request), limit, 60)


def _too_many_requests():
    response = JsonResponse({"error": _("Trop de requêtes, réessayez dans une minute.")}, status=429)
    response["Retry-After"] = "60"
    return response


def _requested_language(request):
    return request.GET.get("lang") if request.GET.get("lang") in dict(settings.LANGUAGES) else content_language()


def _page_size(value):
    try:
        return min(max(int(value), 1), API_MAX_PAGE_SIZE)
    except (TypeError, ValueError):
        return API_PAGE_SIZE


def _result(document):
    labels = document.labels
    return {
        "title": document.title,
        "url": document.url,
        "type": labels.get("type") or document.kind,
        "kind": document.kind,
        "kind_label": str(kind_labels().get(document.kind, document.kind)),
        "source": labels.get("source", ""),
        "portal": document.site_id,
        "date": document.date.isoformat() if document.date else None,
        "domains": labels.get("domains", []),
        "excerpt": document.preview[:300],
    }


@require_GET
def api_search(request):
    if _rate_limited(request):
        return _too_many_requests()
    site = portal_for(request).site
    search = request_from_params(
        request.GET,
        site,
        _requested_language(request),
        audiences_for(request.user),
        _page_size(request.GET.get("page_size")),
    )
    outcome = search_with_second_chance(search)
    if search.query and search.page == 1:
        analytics.record(request, search, outcome)
    facets = None
    if outcome.facets is not None:
        facets = {
            name: [{"value": value.value, "label": value.label, "count": value.count} for value in values]
            for name, values in outcome.facets.items()
        }
    response = JsonResponse(
        {
            "count": outcome.count,
            "page": search.page,
            "page_size": search.per_page,
            "num_pages": outcome.num_pages,
            "results": [_result(document) for document in outcome.documents],
            "facets": facets,
            "engine_down": outcome.engine_down,
            # When nothing matched every word: the spelling searched instead, or
            # whether the results hold only some of the words.
            "corrected_query": outcome.corrected_query,
            "relaxed": outcome.relaxed,
        }
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def api_autocomplete(request):
    """``{"query": …, "suggestions": [{"kind", "kind_label", "label", "url"}…], "message"}``:
    titles, domains and tags for what was typed, under the rules of the search
    itself; ``message`` is for screen readers."""
    if _rate_limited(request, "search-autocomplete", AUTOCOMPLETE_RATE_LIMIT):
        return _too_many_requests()
    language = _requested_language(request)
    search = request_from_params(request.GET, portal_for(request).site, language, audiences_for(request.user))
    with translation.override(language):
        found = [suggestion.as_json() for suggestion in suggestions(search, reverse("search"))]
        message = ngettext("%(count)d suggestion", "%(count)d suggestions", len(found)) % {"count": len(found)}
    response = JsonResponse({"query": search.query, "suggestions": found, "message": message})
    response["Cache-Control"] = "private, max-age=60"
    return response

"""Query analytics per portal: what readers search for, and what finds nothing.

Popular searches are shown to anyone, so they are built only from what the public
may see: a query becomes popular once enough distinct visitors searched it (one
client repeating a query is one visitor), and only while content an anonymous
reader of the portal may see answers it. Searches of members in their restricted
communities, and free text nothing public answers, never reach the list."""

import datetime
import ipaddress
from dataclasses import replace
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .analysis import fold
from .models import QueryStat, QueryVisitor
from .service import SearchRequest, run_search

POPULAR_DAYS = 30
POPULAR_CACHE_SECONDS = 300
# Candidates checked against public content for each popular search shown.
POPULAR_CANDIDATES = 3


def normalise(query):
    return fold(" ".join(query.lower().split()))[:120]


def min_visitors():
    return getattr(settings, "SEARCH_POPULAR_MIN_VISITORS", 3)


def _client_network(address):
    """The client's IPv4 address, or its IPv6 /64: one subscriber holds a whole /64
    and could search from as many addresses as they like."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def visitor_key(request, site, query):
    """Who searched, as a keyed hash: the member when signed in (from any device),
    else the client's network (a session would be dropped with its cookie to count
    as someone new). The portal and query are part of the hash, so that rows of one
    visitor's different queries cannot be linked."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        who = f"user:{user.pk}"
    else:
        who = f"client:{_client_network(request.META.get('REMOTE_ADDR', ''))}"
    return salted_hmac("search.analytics.visitor", f"{site.pk}:{query}:{who}", algorithm="sha256").hexdigest()[:32]


def public_request(site, language, query):
    """The search a popular query links to, as an anonymous reader of the portal."""
    return SearchRequest(site=site, language=language, query=query, per_page=1, facet_names=[])


def public_count(site, language, query):
    return run_search(public_request(site, language, query)).count


def _public_count_of(search, outcome):
    """How many results the public would get for ``search``'s query: the outcome's own
    count when the search was already that (an anonymous reader, no filter, no
    second chance), else one more count."""
    public = public_request(search.site, search.language, search.query)
    second_chance = outcome.corrected_query or outcome.relaxed
    if not second_chance and replace(search, page=1, per_page=1, facet_names=[], sort=public.sort) == public:
        return outcome.count
    return run_search(public).count


def record(request, search, outcome):
    """Count a first page of results of ``search`` on its portal, by the visitor of ``request``."""
    query = normalise(search.query)
    site = search.site
    if site is None or not query:
        return
    public_empty = int(_public_count_of(search, outcome) == 0)
    stat, _created = QueryStat.objects.get_or_create(site=site, query=query, day=timezone.localdate())
    QueryStat.objects.filter(pk=stat.pk).update(
        searches=F("searches") + 1, zero_results=F("zero_results") + public_empty
    )
    QueryVisitor.objects.bulk_create(
        [QueryVisitor(stat=stat, visitor=visitor_key(request, site, query))], ignore_conflicts=True
    )


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def popular_queries(site, language, limit=8, days=POPULAR_DAYS):
    """The queries of a portal searched by the most distinct visitors (at least
    ``SEARCH_POPULAR_MIN_VISITORS``) that content the public may see in ``language``
    answers, checked again when the list is built (cached for a few minutes), so
    that content since restricted or deleted takes its queries away."""
    key = f"search-popular:{site.pk}:{language}"
    found = cache.get(key)
    if found is None:
        candidates = (
            QueryStat.objects.filter(site=site, day__gte=_since(days))
            .values("query")
            .annotate(
                people=Count("visitors__visitor", distinct=True),
                answered=Count("pk", filter=Q(zero_results__lt=F("searches"))),
            )
            .filter(people__gte=min_visitors(), answered__gt=0)
            .order_by("-people", "query")
            .values_list("query", flat=True)[: limit * POPULAR_CANDIDATES]
        )
        found = list(islice((query for query in candidates if public_count(site, language, query)), limit))
        cache.set(key, found, POPULAR_CACHE_SECONDS)
    return found


def prune_visitors(days=POPULAR_DAYS):
    """Forget who searched once it no longer counts for popular searches."""
    deleted, _by_model = QueryVisitor.objects.filter(stat__day__lt=_since(days)).delete()
    return deleted


def query_report(site, days=POPULAR_DAYS, limit=50):
    """Popular and zero-result queries of a portal, for the admin."""
    stats = (
        QueryStat.objects.filter(site=site, day__gte=_since(days))
        .values("query")
        .annotate(total=Sum("searches"), empty=Sum("zero_results"))
    )
    return {
        "popular": list(stats.order_by("-total", "query")[:limit]),
        "zero_results": list(stats.filter(empty__gt=0).order_by("-empty", "query")[:limit]),
    }

"""Query analytics per portal: what readers search for, and what finds nothing."""

import datetime

from django.db.models import F, Sum
from django.utils import timezone

from .analysis import fold
from .models import QueryStat

POPULAR_DAYS = 30


def normalise(query):
    return fold(" ".join(query.lower().split()))[:120]


def record(site, query, count):
    query = normalise(query)
    if site is None or not query:
        return
    stat, _created = QueryStat.objects.get_or_create(site=site, query=query, day=timezone.localdate())
    QueryStat.objects.filter(pk=stat.pk).update(searches=F("searches") + 1, zero_results=F("zero_results") + int(count == 0))


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def popular_queries(site, limit=8, days=POPULAR_DAYS):
    """The most searched queries of a portal that found something."""
    return list(
        QueryStat.objects.filter(site=site, day__gte=_since(days))
        .values("query")
        .annotate(total=Sum("searches"), empty=Sum("zero_results"))
        .filter(total__gt=F("empty"))
        .order_by("-total", "query")
        .values_list("query", flat=True)[:limit]
    )


def query_report(site, days=POPULAR_DAYS, limit=50):
    """Popular and zero-result queries of a portal, for the admin."""
    stats = QueryStat.objects.filter(site=site, day__gte=_since(days)).values("query").annotate(
        total=Sum("searches"), empty=Sum("zero_results")
    )
    return {
        "popular": list(stats.order_by("-total", "query")[:limit]),
        "zero_results": list(stats.filter(empty__gt=0).order_by("-empty", "query")[:limit]),
    }

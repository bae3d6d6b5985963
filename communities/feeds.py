"""Activity feeds: listing what happens (``communities.activity`` records it) for a reader.

Every listing is a fixed number of queries whatever the size of the feed: items
come with their actor, profile, post, comment and pinned target in bulk."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Subquery
from django.utils import timezone

from sites import dates

from . import access
from .models import ActivityItem, Follow

PAGE_SIZE = 20


# Everything a line shows, for a single query of a few lines.
FEED_RELATIONS = ("actor__profile", "post", "comment", "pin__page", "pin__harvested_item")
# A page of a feed joins what every line shows. The pinned page or item, which
# few lines have, comes in a query of its own when the page holds a pin, and so
# do the lines' communities: with fewer joins, PostgreSQL still plans the query
# from the page's few lines rather than from every line of the feed.
FEED_JOINS = ("actor__profile", "post", "comment", "pin")
PIN_TARGETS = ("pin__page", "pin__harvested_item")


def with_feed_data(queryset, community=True):
    """``queryset`` of lines with what they show, their community unless told not to."""
    prefetched = ("community", *PIN_TARGETS) if community else PIN_TARGETS
    return queryset.select_related(*FEED_JOINS).prefetch_related(*prefetched)


def community_items(community):
    return ActivityItem.objects.filter(community=community, hidden=False).order_by("-created_at", "-pk")


def page_of_lines(request, lines, count=None, community=True):
    """One page of the feed ``lines``. The page's lines are picked from the
    feed's own table first, then read with what they show: deep pages join
    twenty lines, not every line before them."""
    page = paginate(request, lines, count=count)
    chosen = ActivityItem.objects.filter(pk__in=Subquery(page.object_list.values("pk")))
    page.object_list = list(with_feed_data(chosen, community=community).order_by(*lines.query.order_by))
    display_date = dates.long_datetime_formatter()
    for item in page.object_list:
        item.iso_date = timezone.localtime(item.created_at).isoformat()
        item.display_date = display_date(item.created_at)
    return page


def community_page(request, community, count=None):
    """One page of a community's feed; its lines share the community object.
    ``count``, the number of lines when the caller has read it already, spares
    the paginator its own count."""
    page = page_of_lines(request, community_items(community), count=count, community=False)
    for item in page:
        item.community = community
    return page


def items_for(user):
    """Activity of the communities ``user`` follows and may read."""
    followed = Follow.objects.filter(user=user).values("community_id")
    readable = access.readable_communities(user).filter(pk__in=followed)
    return ActivityItem.objects.filter(community__in=readable.values("pk"), hidden=False).order_by("-created_at", "-pk")


def page_number(request):
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        return 1


def paginate(request, queryset, per_page=PAGE_SIZE, count=None):
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(page_number(request))
    except EmptyPage:
        return paginator.page(paginator.num_pages)

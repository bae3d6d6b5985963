"""Which events a portal or a community shows, listed with a fixed number of
queries whatever their number.

A portal's agenda and calendar feed show its public events (those under its
agenda) and the events of its public communities; never those of an on-request
or a secret community, whose events only their readers see, in the community's
own agenda."""

import datetime

from django.db.models import Q
from django.utils import timezone

from communities.models import CommunityPage, Visibility

from .models import EventPage

# Time zones span UTC-12 to UTC+14: a window around a month in UTC, wide enough
# to catch every event that touches the month in its own zone.
ZONE_MARGIN = datetime.timedelta(hours=15)


def _live(queryset):
    return queryset.live().public().select_related("locale")


def community_events(community):
    """A community's events, each knowing its community."""
    return EventList(_live(EventPage.objects.child_of(community)), {community.path: community})


def portal_events(agenda):
    """The events of the portal whose agenda is ``agenda``."""
    home = agenda.get_parent()
    communities = {
        c.path: c
        for c in CommunityPage.objects.live().public().descendant_of(home).filter(visibility=Visibility.PUBLIC)
    }
    where = Q(path__startswith=agenda.path)
    for path in communities:
        where |= Q(path__startswith=path)
    return EventList(_live(EventPage.objects.filter(where)), {agenda.path: None, **communities})


class EventList:
    """Events not fetched yet; once listed, each knows its community without a
    query of its own."""

    def __init__(self, queryset, parents):
        self.queryset = queryset
        self.parents = parents

    def filter(self, *args, **kwargs):
        return EventList(self.queryset.filter(*args, **kwargs), self.parents)

    def order_by(self, *fields):
        return EventList(self.queryset.order_by(*fields), self.parents)

    def list(self, limit=None):
        return self._attach(list(self.queryset[:limit] if limit else self.queryset))

    def count(self):
        return self.queryset.count()

    def __getitem__(self, index):
        """A slice of the events (what a Paginator asks for)."""
        return self._attach(list(self.queryset[index]))

    def _attach(self, events):
        for event in events:
            event._community = self.parents.get(event.path[: -event.steplen])
        return events


def upcoming(events, now=None):
    return events.filter(end__gt=now or timezone.now()).order_by("start", "pk")


def past(events, now=None):
    """The events that are over, latest first."""
    return events.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")


def touching(events, first_day, last_day):
    """Events that may fall on the days ``first_day`` to ``last_day`` in their own
    zone (the month view places them exactly)."""
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=datetime.UTC) - ZONE_MARGIN
    end = (
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC)
        + ZONE_MARGIN
    )
    return events.filter(start__lt=end, end__gt=start).order_by("start", "pk").list()

"""Figures for the admin report: members and activity per month, per community."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from . import access
from .models import ActivityItem, CommunityPage, Membership

MONTHS = 12


def month_starts(count=MONTHS, today=None):
    today = today or timezone.localdate()
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(starts))


def community_stats(communities, today=None):
    """Rows for ``communities`` (a CommunityPage queryset): members, pending requests
    and the number of activity lines per month over the last twelve months."""
    months = month_starts(today=today)
    communities = communities.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE), distinct=True),
        pending_count=Count("memberships", filter=Q(memberships__status=Membership.Status.PENDING), distinct=True),
    ).order_by("title")
    counts = (
        ActivityItem.objects.filter(community__in=communities.values("pk"), created_at__date__gte=months[0])
        .annotate(month=TruncMonth("created_at"))
        .values("community_id", "month")
        .annotate(count=Count("pk"))
    )
    per_month = {(row["community_id"], _as_date(row["month"])): row["count"] for row in counts}
    return months, [
        {"community": community, "months": [per_month.get((community.pk, month), 0) for month in months]}
        for community in communities
    ]


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def editable_communities(user):
    """Communities whose portal ``user`` edits (every one for a superuser)."""
    communities = CommunityPage.objects.all()
    if user.is_superuser:
        return communities
    query = Q(pk__in=[])
    for path in access.editor_paths(user):
        query |= Q(path__startswith=path)
    return communities.filter(query)

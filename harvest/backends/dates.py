"""Turning the many date shapes sources use into aware datetimes."""

import calendar
from datetime import UTC, date, datetime

from django.utils.dateparse import parse_date, parse_datetime


def from_struct(value):
    """A feedparser ``*_parsed`` struct (UTC) as an aware datetime."""
    if not value:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


def from_text(value):
    """An ISO 8601 date or datetime string as an aware datetime, or None."""
    if not value:
        return None
    value = str(value).strip()
    try:
        parsed = parse_datetime(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        try:
            day = parse_date(value[:10])
        except ValueError:
            day = None
        if day is None:
            return None
        parsed = datetime.combine(day, datetime.min.time())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def as_datetime(value):
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), tzinfo=UTC)
    return from_text(value)

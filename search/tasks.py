"""Celery tasks of search: saved-search alerts, daily and weekly, and forgetting
who searched what once it no longer counts."""

from celery import shared_task


@shared_task(name="search.send_daily_alerts")
def send_daily_alerts():
    from .alerts import send_alerts
    from .models import SavedSearch

    return send_alerts(SavedSearch.Frequency.DAILY)


@shared_task(name="search.send_weekly_alerts")
def send_weekly_alerts():
    from .alerts import send_alerts
    from .models import SavedSearch

    return send_alerts(SavedSearch.Frequency.WEEKLY)


@shared_task(name="search.prune_query_visitors")
def prune_query_visitors():
    from .analytics import prune_visitors

    return prune_visitors()

"""Celery tasks of search: saved-search alerts, daily and weekly, and forgetting
who searched what once it no longer counts."""

from celery import shared_task

from .alerts import send_alerts
from .analytics import prune_visitors
from .models import SavedSearch


@shared_task(name="search.send_daily_alerts")
def send_daily_alerts():

    return send_alerts(SavedSearch.Frequency.DAILY)


@shared_task(name="search.send_weekly_alerts")
def send_weekly_alerts():

    return send_alerts(SavedSearch.Frequency.WEEKLY)


@shared_task(name="search.prune_query_visitors")
def prune_query_visitors():

    return prune_visitors()

"""Celery tasks of search: saved-search alerts, daily and weekly, and forgetting
who searched what once it no longer counts."""

from celery import shared_task
from celery.schedules import crontab

ALERT_HOUR = 6
PRUNE_HOUR = 3


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


def register_beat_schedule():
    from sites.celery import app

    app.conf.beat_schedule = {
        **(app.conf.beat_schedule or {}),
        "search-daily-alerts": {"task": "search.send_daily_alerts", "schedule": crontab(hour=ALERT_HOUR, minute=30)},
        "search-weekly-alerts": {
            "task": "search.send_weekly_alerts",
            "schedule": crontab(hour=ALERT_HOUR, minute=45, day_of_week="monday"),
        },
        "search-prune-query-visitors": {
            "task": "search.prune_query_visitors",
            "schedule": crontab(hour=PRUNE_HOUR, minute=15),
        },
    }

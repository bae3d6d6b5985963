"""Celery tasks: one run per source under a lock, a dispatcher following each
source's interval and a watchdog for stuck runs. The pipeline's own tasks sit
with what they do: bulk indexing in ``harvest.search``, the e-mail sent when a
run fails in ``harvest.notifications``. With no broker configured
(CELERY_TASK_ALWAYS_EAGER), they run in-process."""

from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .conf import setting
from .models import HarvestRun, HarvestSource
from .pipeline import harvest


def lock_key(source_id):
    return f"harvest:source-lock:{source_id}"


@contextmanager
def source_lock(source_id):
    """True when this process got the source's lock; it expires with the run timeout."""
    key = lock_key(source_id)
    acquired = cache.add(key, timezone.now().isoformat(), timeout=setting("HARVEST_RUN_TIMEOUT"))
    try:
        yield acquired
    finally:
        if acquired:
            cache.delete(key)


@shared_task(name="harvest.run_source")
def run_source(source_id, trigger="schedule"):
    """Harvest one source unless it is already running. Returns the run's id, or None."""
    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    with source_lock(source_id) as acquired:
        if not acquired or HarvestRun.objects.filter(source=source, status=HarvestRun.Status.RUNNING).exists():
            return None
        return harvest(source, trigger=trigger).pk


@shared_task(name="harvest.run_due_sources")
def run_due_sources():
    """Start every active source whose interval has passed since its last run."""
    now = timezone.now()
    sources = HarvestSource.objects.filter(active=True).annotate(
        last_started=Max("runs__started_at", filter=~Q(runs__trigger=HarvestRun.Trigger.PREVIEW))
    )
    due = [
        source.pk for source in sources if source.last_started is None or source.last_started + source.interval <= now
    ]
    for source_id in due:
        run_source.delay(source_id, HarvestRun.Trigger.SCHEDULE)
    return due


@shared_task(name="harvest.watchdog")
def watchdog():
    """Mark runs that have been running longer than HARVEST_RUN_TIMEOUT as failed."""
    limit = timezone.now() - timedelta(seconds=setting("HARVEST_RUN_TIMEOUT"))
    stuck = list(
        HarvestRun.objects.filter(
            status__in=[HarvestRun.Status.PENDING, HarvestRun.Status.RUNNING], started_at__lt=limit
        )
    )
    for run in stuck:
        run.status = HarvestRun.Status.FAILED
        run.finished_at = timezone.now()
        run.errors.append(
            _("Moisson interrompue : aucune fin signalée après %(hours)s h.")
            % {"hours": round(setting("HARVEST_RUN_TIMEOUT") / 3600, 1)}
        )
        run.save(update_fields=["status", "finished_at", "errors"])
        cache.delete(lock_key(run.source_id))
    return [run.pk for run in stuck]

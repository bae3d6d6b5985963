from datetime import timedelta

import pytest
from django.utils import timezone

from harvest.models import HarvestRun
from harvest.tasks import run_due_sources, run_source, source_lock, watchdog

pytestmark = pytest.mark.django_db


def test_run_source_task_runs_eagerly(serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    run_id = run_source.delay(source.pk, "manual").get()
    run = HarvestRun.objects.get(pk=run_id)
    assert (run.trigger, run.status, run.created) == ("manual", HarvestRun.Status.DONE, 3)


def test_a_source_never_runs_twice_at_once(serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    with source_lock(source.pk) as acquired:
        assert acquired
        assert run_source(source.pk) is None
    assert not HarvestRun.objects.exists()
    assert run_source(source.pk) is not None


def test_due_sources_follow_their_interval(serve, make_source):
    due = make_source("rss", serve("/a.xml", "rss_v1.xml"), name="due", interval=timedelta(hours=1))
    recent = make_source("rss", serve("/b.xml", "rss_v2.xml"), name="recent", interval=timedelta(days=1))
    make_source("rss", serve("/c.xml", "rss_v2.xml"), name="inactive", active=False)
    HarvestRun.objects.create(source=due, status=HarvestRun.Status.DONE, started_at=timezone.now() - timedelta(hours=2))
    HarvestRun.objects.create(
        source=recent, status=HarvestRun.Status.DONE, started_at=timezone.now() - timedelta(hours=2)
    )

    assert run_due_sources() == [due.pk]
    assert due.runs.filter(trigger=HarvestRun.Trigger.SCHEDULE, status=HarvestRun.Status.DONE).count() == 1


def test_watchdog_fails_stuck_runs(make_source, settings):
    source = make_source("rss", "https://example.org/feed.xml")
    stuck = HarvestRun.objects.create(
        source=source, status=HarvestRun.Status.RUNNING, started_at=timezone.now() - timedelta(hours=3)
    )
    fresh = HarvestRun.objects.create(source=source, status=HarvestRun.Status.RUNNING, started_at=timezone.now())

    assert watchdog() == [stuck.pk]
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == HarvestRun.Status.FAILED and "interrompue" in stuck.errors[0]
    assert fresh.status == HarvestRun.Status.RUNNING

"""End to end through a real Celery worker on the real Redis broker: the test
queues a run with ``.delay()``, a ``celery -A portail worker`` process harvests a
local feed into the test database, and the test finds the items stored.

It needs REDIS_URL (skipped without it, failed under CI=true). The worker
reaches the test database through DATABASE_URL: PostgreSQL in CI; with
SQLite, the test settings keep the test database in a file when a broker is
configured."""

import os
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from harvest.models import HarvestedItem, HarvestRun
from harvest.tasks import run_source

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
WORKER_TIMEOUT_S = 120


@pytest.fixture(scope="module", autouse=True)
def migrated_data_restored(django_db_setup, django_db_blocker):
    """A transactional test ends by emptying the database, which later tests
    expect as migrations left it (locales, root page): put that data back once
    this module is done, as Django's serialized rollback would at the next setup."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def worker_database_url():
    """The URL of the database this test runs on, for another process."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'] or '', safe='')}@" if db["USER"] else ""
        return f"postgres://{credentials}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{db['NAME']}"
    pytest.fail(f"A worker process cannot reach this test database ({connection.vendor}, {db['NAME']}).", pytrace=False)


def wait_for_run(source, worker, log_path):
    deadline = time.monotonic() + WORKER_TIMEOUT_S
    while time.monotonic() < deadline:
        run = source.runs.first()
        if run is not None and run.is_finished:
            return run
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker exited with {worker.returncode}:\n{log_path.read_text()}", pytrace=False)
        time.sleep(0.5)
    pytest.fail(f"No finished run after {WORKER_TIMEOUT_S} s. Worker log:\n{log_path.read_text()}", pytrace=False)


@pytest.fixture
def worker(tmp_path, tasks_in_process, require_service):
    """A ``celery worker`` process on the broker, with the test database."""
    redis_url = require_service("redis")
    tasks_in_process.conf.task_always_eager = False  # .delay() goes to the broker
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portail.settings.test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": redis_url,
        "HARVEST_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portail",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process, log_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_queued_run_is_harvested_by_a_real_worker(worker, serve, make_source):
    process, log_path = worker
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"), name="Réseau rural")

    result = run_source.delay(source.pk, HarvestRun.Trigger.MANUAL)

    run = wait_for_run(source, process, log_path)
    assert (run.trigger, run.status, run.created) == (HarvestRun.Trigger.MANUAL, HarvestRun.Status.DONE, 3), (
        run.errors,
        run.item_errors,
    )
    assert sorted(HarvestedItem.objects.filter(source=source).values_list("remote_id", flat=True)) == [
        "rr-001",
        "rr-002",
        "rr-003",
    ]
    assert f"Task harvest.run_source[{result.id}] received" in log_path.read_text()

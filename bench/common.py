"""What every benchmark shares: a throw-away database, Django set up on it, timed
requests through Django's test client, and the printed table.

A benchmark never touches other data. On PostgreSQL it takes the server and the
credentials from DATABASE_URL but always works in a database of its own,
``portail_bench_<name>`` (``portail_bench_pages`` for bench/pages.py), which it
creates at the start and drops at the end; benchmarks may run side by side. SQLite
is refused unless asked for, since its figures say nothing about production.
"""

import math
import os
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://portail:portail@127.0.0.1:5432/portail"
POSTGRES_WAIT_SECONDS = 60


class BenchError(SystemExit):
    """A reason not to run, printed for the person running the benchmark."""

    def __init__(self, message):
        super().__init__(f"bench: {message}")


def _postgres_admin_connection(url):
    """An autocommit connection to the server's maintenance database, waiting a
    while for a server that is still starting (scripts/services.sh)."""
    import psycopg

    parts = urlsplit(url)
    deadline = time.monotonic() + POSTGRES_WAIT_SECONDS
    while True:
        try:
            return psycopg.connect(
                host=parts.hostname or "127.0.0.1",
                port=parts.port or 5432,
                user=parts.username,
                password=parts.password,
                dbname="postgres",
                autocommit=True,
                connect_timeout=5,
            )
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise BenchError(
                    f"PostgreSQL at {parts.hostname}:{parts.port or 5432} is unreachable ({error}). "
                    "Start it with `make services`."
                ) from error
            time.sleep(2)


def bench_database_name(name=None):
    """``portail_bench_<name>``, by default after the running script's name."""
    name = name or Path(sys.argv[0]).stem
    return "portail_bench_" + re.sub(r"[^a-z0-9_]", "_", name.lower())


def _drop(admin, database, attempts=30):
    """Drop the benchmark database. An autovacuum worker may be busy in it after
    a bulk load, and only a superuser may end it: wait for it to finish."""
    import psycopg

    for attempt in range(attempts):
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == attempts - 1:
                raise
            time.sleep(2)


@contextmanager
def bench_database(allow_sqlite=False, keep=False, name=None):
    """Yield the URL of an empty database for the benchmark, and drop it afterwards
    (unless ``keep``)."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    scheme = urlsplit(url).scheme
    if scheme.startswith("postgres"):
        database = bench_database_name(name)
        admin = _postgres_admin_connection(url)
        _drop(admin, database)
        admin.execute(f'CREATE DATABASE "{database}"')
        try:
            yield urlunsplit(urlsplit(url)._replace(path=f"/{database}"))
        finally:
            from django.db import connections

            connections.close_all()
            if not keep:
                _drop(admin, database)
            admin.close()
    elif scheme == "sqlite":
        if not allow_sqlite:
            raise BenchError(
                "DATABASE_URL points at SQLite; the benchmark measures PostgreSQL. "
                "Run `make services` and unset DATABASE_URL (or point it at PostgreSQL), "
                "or pass --allow-sqlite for indicative figures only."
            )
        with tempfile.TemporaryDirectory(prefix="portail-bench-") as directory:
            yield f"sqlite:///{directory}/bench.sqlite3"
    else:
        raise BenchError(f"unsupported database in DATABASE_URL: {scheme!r}")


def setup_django(database_url):
    """Configure Django on the benchmark database: production-like (DEBUG off, a
    persistent connection), with the cache in-process so that clearing it between
    requests never flushes a shared Redis, and search on the database since the
    bulk-seeded rows are not indexed."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("SEARCH_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portail.settings.test"

    import django
    from django.conf import settings

    django.setup()
    assert not settings.DEBUG, "benchmarks run with DEBUG off"

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def database_description():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def analyze_database():
    """Vacuum and refresh the planner statistics after bulk loading, as
    autovacuum would sooner or later: done now, autovacuum does not start in the
    middle of the timed requests."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


@dataclass
class Timing:
    p50_ms: float
    p95_ms: float
    queries: int


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def time_pages(pages, requests, warmup, clear_cache=True):
    """Server time of each page and the number of queries of one request to it:
    ``pages`` maps a name to (test client, host, path). The pages are requested
    in turn, round after round, so that a slower spell of the machine (other
    work, another VM on the host) spreads over all of them rather than falling
    on whichever was being timed. The Django cache is emptied before every
    request unless ``clear_cache`` is false."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(client, host, path):
        if clear_cache:
            cache.clear()
        response = client.get(path, HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="fr", HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code != 200:
            raise BenchError(f"GET http://{host}{path} answered {response.status_code}")
        return response

    for _ in range(warmup):
        for page in pages.values():
            get(*page)
    durations = {name: [] for name in pages}
    for _ in range(requests):
        for name, page in pages.items():
            start = time.perf_counter()
            get(*page)
            durations[name].append((time.perf_counter() - start) * 1000)
    timings = {}
    for name, page in pages.items():
        with CaptureQueriesContext(connection) as captured:
            get(*page)
        timings[name] = Timing(statistics.median(durations[name]), percentile(durations[name], 0.95), len(captured))
    return timings


def print_table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    line = "  ".join(f"{{:<{width}}}" if i == 0 else f"{{:>{width}}}" for i, width in enumerate(widths))
    print(line.format(*headers))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line.format(*row))

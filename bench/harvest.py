"""Harvest benchmark: one command, prints medians.

    .venv/bin/python bench/harvest.py [--items 10000] [--urls 50000] [--trials 3]

1. A local RSS feed of N items: first run end to end (fetch, parse, sanitise,
   store, queue indexing) in items/s; unchanged re-runs with ETag (304) and
   without validators (the same document, recognised by its digest), with the
   number of writes to harvested items; and, for information, a re-run of the
   same items in a regenerated document, compared item by item.
2. A sitemap index of M URLs (gzipped children) walked in a child process,
   whose peak resident memory is reported.

Targets (issue #3): first run >= 300 items/s, unchanged re-run <= 2 s with zero
writes (both with ETag and without), sitemap walk < 300 MB peak.
"""

import argparse
import gzip
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portail.settings.test")
os.environ.setdefault("HARVEST_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8")
WRITES = ("INSERT", "UPDATE", "DELETE")
FIRST_RUN_TARGET = 300  # items/s
RERUN_TARGET = 2.0  # s
SITEMAP_MEMORY_TARGET = 300  # MB


def rss_feed(count, prefix, generator="Banc"):
    items = []
    for n in range(count):
        items.append(
            f'<item><guid isPermaLink="false">{prefix}-{n}</guid><title>Fiche {n} : rénovation et sobriété</title>'
            f"<link>https://bench.example.org/{prefix}/{n}</link><pubDate>Mon, 03 Mar 2025 09:00:00 +0100</pubDate>"
            f"<category>énergie</category><category>bâtiments</category>"
            f"<description><![CDATA[<p>Retour d'expérience n°{n} d'une commune sur la <strong>rénovation</strong> "
            f'de ses bâtiments publics, avec <a href="/docs/{n}.pdf">le '
            "dossier</a>.</p><script>x()</script>]]></description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Banc</title><link>https://bench.example.org/</link>'
        f"<description>Banc</description><generator>{generator}</generator><language>fr</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def sitemap_files(total, per_file, base):
    files = {}
    index = ['<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for part in range(0, total, per_file):
        name = f"/sitemap-{part // per_file}.xml.gz"
        urls = "".join(
            f"<url><loc>https://bench.example.org/pages/{n}.html</loc><lastmod>2025-01-01</lastmod></url>"
            for n in range(part, min(part + per_file, total))
        )
        body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        files[name] = (gzip.compress(body.encode()), None)
        index.append(f"<sitemap><loc>{base}{name}</loc></sitemap>")
    files["/sitemap.xml"] = ("".join(index + ["</sitemapindex>"]).encode(), None)
    return files


class Server:
    """A threaded local server answering from a dict {path: (body, etag)}."""

    def __init__(self):
        self.files = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                entry = files.get(self.path)
                if entry is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, etag = entry
                if etag and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def setup_django(database):
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.conf import settings

    settings.HARVEST_HOST_MIN_INTERVAL = 0
    from portail.celery import app

    # Index tasks are queued (in-memory broker), as with a real worker; the
    # indexing itself is timed on its own below.
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"


def count_writes():
    """A context manager counting SQL writes to harvested items."""
    from contextlib import contextmanager

    from django.db import connection

    @contextmanager
    def counter():
        seen = []

        def wrapper(execute, sql, params, many, context):
            if sql.lstrip().upper().startswith(WRITES) and "harvest_harvesteditem" in sql:
                seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            yield seen

    return counter()


def timed_rerun(source):
    """Harvest ``source`` again, unchanged; return (seconds, writes to harvested items)."""
    from harvest.pipeline import harvest

    with count_writes() as seen:
        started = time.perf_counter()
        run = harvest(source)
        elapsed = time.perf_counter() - started
    assert run.created == run.updated == 0 and run.unchanged == run.source.items.count(), (run.errors, run.summary())
    return elapsed, len(seen)


def bench_rss(items, trials):
    from django.core.management import call_command

    from harvest.models import HarvestedItem, HarvestSource
    from harvest.pipeline import harvest
    from portail.portals import create_portal

    call_command("migrate", verbosity=0)
    portal = create_portal("bench.localhost", "Banc")
    server = Server()
    first, first_cpu, with_etag, same_document, regenerated = [], [], [], [], []
    for trial in range(trials):
        server.files[f"/feed-{trial}.xml"] = (rss_feed(items, f"t{trial}"), f'"v{trial}"')
        server.files[f"/plain-{trial}.xml"] = (rss_feed(items, f"p{trial}"), None)
        source = HarvestSource.objects.create(
            name=f"Banc {trial}", site=portal.site, backend="rss", url=f"{server.base}/feed-{trial}.xml"
        )
        started, cpu = time.perf_counter(), time.process_time()
        run = harvest(source)
        first.append(time.perf_counter() - started)
        first_cpu.append(time.process_time() - cpu)
        assert run.created == items and HarvestedItem.objects.filter(source=source).count() == items, run.errors
        with_etag.append(timed_rerun(source))

        plain = HarvestSource.objects.create(
            name=f"Banc sans ETag {trial}", site=portal.site, backend="rss", url=f"{server.base}/plain-{trial}.xml"
        )
        harvest(plain)
        same_document.append(timed_rerun(plain))
        server.files[f"/plain-{trial}.xml"] = (rss_feed(items, f"p{trial}", generator="Banc, régénéré"), None)
        regenerated.append(timed_rerun(plain))
    server.httpd.shutdown()
    from harvest.search import index_items

    pks = list(HarvestedItem.objects.filter(source__name="Banc 0").values_list("pk", flat=True))
    started = time.perf_counter()
    index_items(pks)
    indexing = time.perf_counter() - started

    rate = items / statistics.median(first)
    checks = [
        (
            f"RSS {items} items, first run",
            f"median {statistics.median(first):.2f} s = {rate:.0f} items/s (runs: "
            f"{', '.join(f'{t:.2f}' for t in first)}; "
            f"CPU of this process: median {statistics.median(first_cpu):.2f} s)",
            f">= {FIRST_RUN_TARGET} items/s",
            rate >= FIRST_RUN_TARGET,
        ),
    ]
    for label, timings in (
        ("unchanged re-run, ETag/304", with_etag),
        ("unchanged re-run, no validators (same document)", same_document),
    ):
        median, writes = statistics.median(t for t, _w in timings), sum(w for _t, w in timings)
        checks.append(
            (
                f"RSS {label}",
                f"median {median:.2f} s, {writes} writes",
                f"<= {RERUN_TARGET:.0f} s, 0 writes",
                median <= RERUN_TARGET and writes == 0,
            )
        )
    for label, value, target, ok in checks:
        print(f"{label}: {value}  [target {target}: {'met' if ok else 'NOT met'}]")
    median, writes = statistics.median(t for t, _w in regenerated), sum(w for _t, w in regenerated)
    print(
        f"RSS same items in a regenerated document (compared item by item, for information): median {median:.2f} s, "
        f"{writes} writes"
    )
    print(
        f"Indexing (the queued task, run apart): {len(pks)} items in {indexing:.2f} s = {len(pks) / indexing:.0f} "
        "items/s"
    )
    return all(ok for *_rest, ok in checks)


def walk_sitemap(url):
    """Child process: walk the sitemap index and print URL count and peak RSS (MB)."""
    from harvest.backends.base import RunContext
    from harvest.backends.sitemap import SitemapBackend
    from harvest.http import SafeClient
    from harvest.models import HarvestSource

    source = HarvestSource(url=url, backend="sitemap", config={})
    started = time.perf_counter()
    with SafeClient() as client:
        count = sum(1 for _stub in SitemapBackend().gather(RunContext(source=source, client=client)))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} {peak:.0f} {elapsed:.2f}")


def bench_sitemap(urls, database):
    server = Server()
    server.files.update(sitemap_files(urls, 5000, server.base))
    output = subprocess.run(
        [sys.executable, __file__, "--walk", f"{server.base}/sitemap.xml", "--database", str(database)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    server.httpd.shutdown()
    count, peak, elapsed = int(output[0]), float(output[1]), float(output[2])
    ok = count == urls and peak < SITEMAP_MEMORY_TARGET
    print(
        f"Sitemap index of {urls} URLs ({urls // 5000} gzipped sitemaps): {count} URLs walked in {elapsed:.2f} s, "
        f"peak memory {peak:.0f} MB"
        f"  [target < {SITEMAP_MEMORY_TARGET} MB: {'met' if ok else 'NOT met'}]"
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--urls", type=int, default=50_000)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--walk", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.walk:
        setup_django(args.database)
        walk_sitemap(args.walk)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite3"
        setup_django(database)
        rss_ok = bench_rss(args.items, args.trials)
        sitemap_ok = bench_sitemap(args.urls, database)
    print(
        "Targets met (first run, both unchanged re-runs, sitemap memory)"
        if rss_ok and sitemap_ok
        else "Targets NOT met"
    )
    return 0 if rss_ok and sitemap_ok else 1


if __name__ == "__main__":
    sys.exit(main())

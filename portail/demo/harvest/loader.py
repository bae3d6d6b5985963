"""Creating the demo sources and harvesting them once."""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application
from django.utils.translation import gettext as _
from wagtail.models import Locale

from harvest.models import HarvestRun, HarvestShare, HarvestSource
from harvest.pipeline import harvest
from resources.models import Domain

from .sources import SOURCES


class QuietRequestHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        """The demo server's requests are not worth a line each."""


@contextmanager
def serving(port):
    """Serve this site on 127.0.0.1:``port`` while the block runs, unless a
    server already listens there: the running dev server serves the same documents."""
    try:
        server = ThreadedWSGIServer(("127.0.0.1", port), QuietRequestHandler)
    except OSError:
        server = None
    if server is None:
        yield
        return
    server.set_app(get_internal_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def demo_url(port, path=""):
    return f"http://127.0.0.1:{port}/demo-sources/{path}"


def create_sources(sites, port):
    """The demo sources of the portals in ``sites`` (created or brought up to date)."""
    portals = {site.hostname: site for site in sites}
    domains = {domain.slug: domain for domain in Domain.objects.filter(locale=Locale.get_default())}
    sources = []
    for spec in SOURCES:
        if spec.hostname not in portals:
            continue
        source, _created = HarvestSource.objects.update_or_create(
            site=portals[spec.hostname],
            name=spec.name,
            defaults={
                "backend": spec.backend,
                "url": demo_url(port, spec.path),
                "config": spec.config,
                "licence": spec.licence,
                "attribution": spec.attribution,
            },
        )
        source.default_domains.set([domains[slug] for slug in spec.domains if slug in domains])
        source.save()
        for hostname in spec.shared_with:  # portals that opted in: accepted shares
            if hostname in portals:
                HarvestShare.objects.update_or_create(
                    source=source, site=portals[hostname], defaults={"status": HarvestShare.Status.ACCEPTED}
                )
        sources.append(source)
    return sources


def load(sites, port, stdout=None):
    """Create the demo sources of ``sites`` and harvest each once (idempotent:
    a second load finds everything unchanged). Returns the runs."""
    write = stdout.write if stdout is not None else (lambda line: None)
    if not settings.HARVEST_DEMO_SOURCES:
        write(_("Sources moissonnées de démonstration ignorées : HARVEST_DEMO_SOURCES n'est pas activé."))
        return []
    sources = create_sources(sites, port)
    write(_("Moissonnage des sources de démonstration (servies sous %(url)s) :") % {"url": demo_url(port)})
    runs = []
    with serving(port):
        for source in sources:
            run = harvest(source, trigger=HarvestRun.Trigger.MANUAL)
            runs.append(run)
            errors = f" ({' ; '.join(run.errors)})" if run.errors else ""
            write(f"  {source.name} [{source.site.hostname}] : {run.get_status_display()} — {run.summary()}{errors}")
    return runs

"""manage.py harvest add|run|list|items"""

import json
from functools import partial

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from wagtail.models import Site

from harvest.backends import BACKENDS
from harvest.models import HarvestedItem, HarvestRun, HarvestSource
from harvest.pipeline import harvest
from harvest.tasks import source_lock
from resources.models import Domain


class Command(BaseCommand):
    help = gettext_lazy("Gère les sources moissonnées : add, run, list, items.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        add = commands.add_parser("add", help=_("Ajoute une source et affiche son identifiant."))
        add.add_argument("--name", required=True)
        add.add_argument("--backend", required=True, choices=list(BACKENDS))
        add.add_argument("--url", required=True)
        add.add_argument("--portal", help=_("Nom d'hôte du portail (par défaut : le portail par défaut)."))
        add.add_argument("--domain", action="append", default=[], help=_("Identifiant d'un domaine (répétable)."))
        add.add_argument("--config", default="{}", help=_("Configuration JSON du type de source."))
        run = commands.add_parser("run", help=_("Moissonne une source, ou toutes."))
        run.add_argument("source_id", nargs="?", type=int)
        run.add_argument("--all", action="store_true", dest="all_sources")
        commands.add_parser("list", help=_("Liste les sources."))
        items = commands.add_parser("items", help=_("Liste les éléments d'une source."))
        items.add_argument("--source", type=int, required=True)
        items.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, name, backend, url, portal, domain, config, **_options):
        site = (
            Site.objects.filter(hostname=portal).first()
            if portal
            else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError(_("Portail introuvable : %(portal)s.") % {"portal": portal or _("(par défaut)")})
        domains = list(Domain.objects.filter(slug__in=domain, locale__language_code="fr"))
        missing = set(domain) - {d.slug for d in domains}
        if missing:
            raise CommandError(_("Domaines inconnus : %(slugs)s.") % {"slugs": ", ".join(sorted(missing))})
        try:
            source = HarvestSource(name=name, backend=backend, url=url, site=site, config=json.loads(config))
            source.full_clean()
            source.save()
        except (ValidationError, ValueError) as error:
            raise CommandError(_("Source invalide : %(error)s") % {"error": error}) from error
        source.default_domains.set(domains)
        source.save()
        self.stdout.write(str(source.pk))

    def handle_run(self, source_id, all_sources, **_options):
        if all_sources:
            sources = list(HarvestSource.objects.filter(active=True))
        elif source_id:
            sources = list(HarvestSource.objects.filter(pk=source_id))
            if not sources:
                raise CommandError(_("Source %(id)s introuvable.") % {"id": source_id})
        else:
            raise CommandError(_("Indiquez SOURCE_ID ou --all."))
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        summaries = []
        with Progress(*columns, transient=True) as progress:
            for source in sources:
                task = progress.add_task(source.name, total=None)
                with source_lock(source.pk) as acquired:
                    if not acquired:
                        summaries.append(
                            _("%(id)s %(name)s: déjà en cours, ignorée") % {"id": source.pk, "name": source.name}
                        )
                        continue
                    run = harvest(source, trigger=HarvestRun.Trigger.MANUAL, progress=partial(progress.advance, task))
                summaries.append(self._summary(source, run))
        for line in summaries:
            self.stdout.write(line)

    def _summary(self, source, run):
        line = (
            f"{source.pk} {source.name}: {run.get_status_display()} — created {run.created}, updated {run.updated}, "
            f"unchanged {run.unchanged}, failed {run.failed}, archived {run.archived}"
        )
        return line + (f" ({' ; '.join(run.errors)})" if run.errors else "")

    def handle_list(self, **_options):
        for source in HarvestSource.objects.select_related("site").order_by("pk"):
            state = "active" if source.active else "inactive"
            self.stdout.write(
                f"{source.pk}\t{source.backend}\t{state}\t{source.site.hostname}\t{source.name}\t{source.url}"
            )

    def handle_items(self, source, format, **_options):
        items = HarvestedItem.objects.filter(source_id=source).select_related("source__site").order_by("pk")
        for item in items.iterator(chunk_size=500):
            if format == "json":
                data = {
                    "id": item.pk,
                    "remote_id": item.remote_id,
                    "title": item.title,
                    "url": item.get_full_url(),
                    "original_url": item.url,
                    "body_html": item.body_html,
                    "status": item.status,
                }
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                self.stdout.write(f"{item.pk}\t{item.status}\t{item.remote_id}\t{item.title}")

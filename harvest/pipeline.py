"""A harvest run: gather → fetch → transform → store.

A bad record becomes an item error, never a failed run. An unchanged content
hash (or remote version) means no write and no reindex; an unchanged listing
(a 304, or the same document as the last complete, clean run) is not even
read. Items missing from a complete listing are archived once the source's
grace period has passed; nothing is ever deleted. Fields an editor curated are
never overwritten.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .backends.base import RunContext
from .conf import setting
from .errors import HarvestError, MalformedDocument, NotModified
from .http import SafeClient
from .models import HarvestedItem, HarvestedItemTag, HarvestRun
from .notifications import notify_failure
from .search import index_items
from .taxonomy import domain_ids_by_slug, resource_type, tag_name, tags_by_name, territory

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
MAX_STORED_ERRORS = 500
HARVESTED_FIELDS = (
    "url",
    "title",
    "summary",
    "body_html",
    "image_url",
    "authors",
    "published_at",
    "updated_at",
    "language",
    "raw",
)


@dataclass
class Known:
    pk: int
    content_hash: str
    version: str
    archived_at: datetime | None
    missing_since: datetime | None


class Store:
    """Upserts records of one source, counting what it does on the run."""

    def __init__(self, source, run, dry_run=False):
        self.source, self.run, self.dry_run = source, run, dry_run
        self.now = timezone.now()
        self.known = {
            row[0]: Known(*row[1:])
            for row in HarvestedItem.objects.filter(source=source).values_list(
                "remote_id", "pk", "content_hash", "remote_version", "archived_at", "missing_since"
            )
        }
        self.seen = set()
        self.pending = []
        self.back_in_source = []
        self.default_domain_ids = [domain.pk for domain in source.default_domains.all()]
        self.default_tags = source.default_tag_names
        self.types = {}
        self.territories = {}
        self._domain_ids = None

    def resource_type_for(self, record):
        """The type a backend imposes (created once), else the source's default."""
        if not record.resource_type:
            return self.source.default_resource_type
        slug, name = record.resource_type
        if slug not in self.types:
            self.types[slug] = resource_type(slug, name)
        return self.types[slug]

    def territory_for(self, record):
        if not record.territory:
            return None
        if record.territory not in self.territories:
            self.territories[record.territory] = territory(*record.territory)
        return self.territories[record.territory]

    def domain_ids_for(self, record):
        """The source's default domains and those the backend filed the record under."""
        if not record.domains:
            return self.default_domain_ids
        if self._domain_ids is None:
            self._domain_ids = domain_ids_by_slug()
        mapped = [self._domain_ids[slug] for slug in record.domains if slug in self._domain_ids]
        return list(dict.fromkeys([*self.default_domain_ids, *mapped]))

    def item_error(self, remote_id, message, counter="failed"):
        if counter:
            setattr(self.run, counter, getattr(self.run, counter) + 1)
        if len(self.run.item_errors) < MAX_STORED_ERRORS:
            self.run.item_errors.append({"remote_id": remote_id, "message": str(message)})

    def process(self, backend, ctx, stub):
        remote_id = (stub.remote_id or "").strip()
        if remote_id in self.seen:
            self.item_error(
                remote_id,
                _("Identifiant en double dans la source : seule la première occurrence est prise en compte."),
                "skipped",
            )
            return
        self.seen.add(remote_id)
        known = self.known.get(remote_id)
        if stub.deleted:
            self._deleted(known)
            return
        if known and stub.version and stub.version == known.version and not known.archived_at and not self.dry_run:
            self._unchanged(known)
            return
        try:
            record = backend.transform(ctx, stub, backend.fetch(ctx, stub))
            record.validate()
        except HarvestError as error:
            self.item_error(remote_id, error)
            return
        except Exception as error:  # a broken record must not stop the run
            logger.exception("Harvest item %s of source %s", remote_id, self.source.pk)
            self.item_error(remote_id, _("Erreur inattendue : %(error)s") % {"error": error})
            return
        record.version = record.version or stub.version
        record.tags = list(dict.fromkeys(tag_name(tag) for tag in record.tags if tag_name(tag)))
        digest = record.content_hash()
        if self.dry_run:
            self._preview(record, known, digest)
        elif known is None:
            self._create(record, digest)
        elif known.content_hash == digest and not known.archived_at:
            self._unchanged(known)
        else:
            self._update(known, record, digest)

    def _preview(self, record, known, digest):
        outcome = "created" if known is None else ("unchanged" if known.content_hash == digest else "updated")
        setattr(self.run, outcome, getattr(self.run, outcome) + 1)
        self.run.preview.append(
            {
                "remote_id": record.remote_id,
                "title": record.title,
                "url": record.url,
                "summary": record.summary[:300],
                "outcome": outcome,
            }
        )

    def _unchanged(self, known):
        self.run.unchanged += 1
        if known.missing_since:
            self.back_in_source.append(known.pk)

    def _deleted(self, known):
        if known is None or known.archived_at:
            self.run.skipped += 1
            return
        self.run.archived += 1
        if not self.dry_run:
            self._archive([known.pk])

    def _values(self, record, digest):
        values = {name: getattr(record, name) for name in HARVESTED_FIELDS}
        values.update(
            content_hash=digest,
            remote_version=record.version[:100],
            last_seen=self.now,
            missing_since=None,
            archived_at=None,
        )
        values["title"] = values["title"][:500]
        return values

    def _create(self, record, digest):
        item = HarvestedItem(source=self.source, remote_id=record.remote_id, **self._values(record, digest))
        item.resource_type = self.resource_type_for(record)
        item.territory = self.territory_for(record)
        self.pending.append((item, record))
        self.run.created += 1
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self):
        """Insert pending new items with their domains and tags, then queue their indexing."""
        if not self.pending:
            return
        with transaction.atomic():
            items = HarvestedItem.objects.bulk_create([item for item, _record in self.pending])
            domain_rows, tag_rows = [], []
            names = {name for _item, record in self.pending for name in record.tags} | set(self.default_tags)
            tags = tags_by_name(names)
            DomainLink = HarvestedItem.domains.through
            for item, record in self.pending:
                domain_rows += [
                    DomainLink(harvesteditem_id=item.pk, domain_id=pk) for pk in self.domain_ids_for(record)
                ]
                item_tags = {
                    tags[name.lower()].pk for name in [*self.default_tags, *record.tags] if name.lower() in tags
                }
                tag_rows += [HarvestedItemTag(content_object_id=item.pk, tag_id=pk) for pk in item_tags]
            DomainLink.objects.bulk_create(domain_rows)
            HarvestedItemTag.objects.bulk_create(tag_rows)
        index_items.delay([item.pk for item in items])
        self.pending = []

    def _update(self, known, record, digest):
        item = HarvestedItem.objects.get(pk=known.pk)
        edited = set(item.locally_edited_fields)
        for name, value in self._values(record, digest).items():
            if name not in edited:
                setattr(item, name, value)
        if "resource_type" not in edited:
            item.resource_type = self.resource_type_for(record)
        if "territory" not in edited:
            item.territory = self.territory_for(record)
        if "tags" not in edited:
            item.tags.set(list(dict.fromkeys([*self.default_tags, *record.tags])))
        if "domains" not in edited:
            item.domains = self.domain_ids_for(record)
        item.save()
        self.run.updated += 1

    def _archive(self, pks):
        HarvestedItem.objects.filter(pk__in=pks).update(archived_at=self.now)
        index_items.delay(list(pks))

    def finish(self, complete):
        """Flush, then (after a complete listing only) mark or archive vanished items."""
        self.flush()
        for chunk in _chunks(self.back_in_source):
            HarvestedItem.objects.filter(pk__in=chunk).update(missing_since=None)
        if complete and not self.dry_run:
            self._archive_vanished()
            self._flag_duplicate_urls()

    def unchanged_listing(self):
        """The source lists what the last complete run read: its live items are
        unchanged and nothing newly vanished, but items that were already
        missing are archived once their grace period has passed."""
        live = [known for known in self.known.values() if not known.archived_at]
        self.run.unchanged += sum(1 for known in live if not known.missing_since)
        if not self.dry_run:
            self._archive_expired([known for known in live if known.missing_since])

    def _archive_vanished(self):
        gone = [
            known for remote_id, known in self.known.items() if remote_id not in self.seen and not known.archived_at
        ]
        newly_missing = [known.pk for known in gone if not known.missing_since]
        for chunk in _chunks(newly_missing):
            HarvestedItem.objects.filter(pk__in=chunk).update(missing_since=self.now)
        self._archive_expired(gone)

    def _archive_expired(self, missing):
        grace = self.source.archive_grace
        expired = [known.pk for known in missing if (known.missing_since or self.now) + grace <= self.now]
        for chunk in _chunks(expired):
            self._archive(chunk)
        self.run.archived += len(expired)

    def _flag_duplicate_urls(self):
        """The same original URL from two sources is flagged on both, never merged."""
        live = HarvestedItem.objects.filter(archived_at__isnull=True)
        ours = live.filter(source=self.source)
        theirs = live.exclude(source=self.source)
        clashes = list(ours.filter(duplicate_url=False, url__in=theirs.values("url")).values_list("remote_id", "url"))
        if not clashes:
            return
        urls = [url for _remote_id, url in clashes]
        HarvestedItem.objects.filter(archived_at__isnull=True, url__in=urls).update(duplicate_url=True)
        for remote_id, url in clashes:
            message = _(
                "La même adresse d'origine (%(url)s) vient aussi d'une autre source : éléments signalés, non fusionnés."
            )
            self.item_error(remote_id, message % {"url": url}, counter=None)


def _chunks(values, size=BATCH_SIZE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def harvest(source, trigger=HarvestRun.Trigger.MANUAL, run=None, progress=None):
    """Run ``source`` once and return its HarvestRun. A preview stores nothing but
    the run and its first items. ``progress`` is called once per record."""
    run = run or HarvestRun(source=source, trigger=trigger)
    run.trigger, run.status, run.started_at = trigger, HarvestRun.Status.RUNNING, timezone.now()
    run.save()
    dry_run = trigger == HarvestRun.Trigger.PREVIEW
    limit = setting("HARVEST_PREVIEW_LIMIT") if dry_run else None
    store = Store(source, run, dry_run)
    # A preview reads the source afresh: it shows what the source holds, not what changed.
    ctx = RunContext(source=source, client=None)
    if not dry_run:
        ctx.etag, ctx.last_modified, ctx.cursor, ctx.document_hash = (
            source.etag,
            source.last_modified,
            source.cursor,
            source.document_hash,
        )
    backend = source.get_backend()
    gathered = unchanged = False
    try:
        with SafeClient() as client:
            ctx.client = client
            for stub in islice(backend.gather(ctx), limit):
                store.process(backend, ctx, stub)
                if progress:
                    progress()
        gathered = True
    except NotModified:
        gathered = unchanged = True
    except MalformedDocument as error:
        run.errors.append(str(error))
    except HarvestError as error:
        run.errors.append(str(error))
        run.status = HarvestRun.Status.FAILED
    except Exception as error:  # the run must end with a readable status, whatever happened
        logger.exception("Harvest run %s of source %s", run.pk, source.pk)
        run.errors.append(_("Erreur inattendue : %(error)s") % {"error": error})
        run.status = HarvestRun.Status.FAILED
    complete = gathered and limit is None and ctx.complete_listing and run.status != HarvestRun.Status.FAILED
    if unchanged:
        store.unchanged_listing()
    else:
        store.finish(complete)
    if run.status != HarvestRun.Status.FAILED:
        run.status = HarvestRun.Status.DONE_WITH_ERRORS if run.errors or run.item_errors else HarvestRun.Status.DONE
        if gathered and not dry_run:
            _remember_state(source, ctx, clean=complete and run.status == HarvestRun.Status.DONE)
    run.finished_at = timezone.now()
    run.save()
    if run.status == HarvestRun.Status.FAILED and not dry_run:
        notify_failure.delay(run.pk)
    return run


def _remember_state(source, ctx, clean):
    """Keep the cursor of any run that read the source to its end; keep the
    validators (ETag, Last-Modified, document digest) only after a complete
    run without errors, so that a run with errors is never skipped next time."""
    source.cursor = ctx.cursor[:100]
    source.etag, source.last_modified, source.document_hash = (
        (ctx.etag[:500], ctx.last_modified[:100], ctx.document_hash) if clean else ("", "", "")
    )
    source.last_success_at = timezone.now()
    type(source).objects.filter(pk=source.pk).update(
        etag=source.etag,
        last_modified=source.last_modified,
        cursor=source.cursor,
        document_hash=source.document_hash,
        last_success_at=source.last_success_at,
    )

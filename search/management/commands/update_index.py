"""``manage.py update_index`` rebuilds search documents from their providers
(pages, harvested items…), then the search indexes, as Wagtail's command does."""

from django.db import transaction
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.documents import REBUILD_BATCH, rebuild_documents


class Command(WagtailUpdateIndex):
    help = "Recompute search documents, then rebuild the search indexes."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(chunk_size=REBUILD_BATCH)

    def handle(self, **options):
        if not options.get("schema_only"):
            count = rebuild_documents()
            if options.get("verbosity", 1) > 0:
                self.stdout.write(f"Search documents: {count}")
        super().handle(**options)

    @transaction.atomic
    def queryset_chunks(self, qs, chunk_size=REBUILD_BATCH):
        """Chunks of ``qs`` (ordered by pk) read after the last key of the previous
        one, rather than at a growing OFFSET, which PostgreSQL re-scans every time."""
        last = None
        while True:
            items = list((qs if last is None else qs.filter(pk__gt=last))[:chunk_size])
            if not items:
                return
            yield items
            last = items[-1].pk

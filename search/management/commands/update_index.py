"""``manage.py update_index`` rebuilds search documents from their providers
(pages, harvested items…), then the search indexes, as Wagtail's command does."""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.documents import rebuild_documents


class Command(WagtailUpdateIndex):
    help = "Recompute search documents, then rebuild the search indexes."

    def handle(self, **options):
        if not options.get("schema_only"):
            count = rebuild_documents()
            if options.get("verbosity", 1) > 0:
                self.stdout.write(f"Search documents: {count}")
        super().handle(**options)

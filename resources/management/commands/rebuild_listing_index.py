"""Rebuild the listing index after a bulk load that bypassed ``save()``."""

import time

from django.core.management.base import BaseCommand

from resources import listing_index


class Command(BaseCommand):
    help = "Recompute which portal lists which resource (the listing index), from the pages themselves."

    def handle(self, *args, **options):
        started = time.monotonic()
        created = listing_index.rebuild()
        self.stdout.write(f"Listing index rebuilt: {created} entries in {time.monotonic() - started:.1f} s.")

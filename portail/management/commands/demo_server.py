"""Serve the demo (Django's development server) and print the portals' addresses
once the server answers, so that the first address followed works."""

import os
import threading
import time
import urllib.error
import urllib.request

from django.core.management import call_command
from django.core.management.base import BaseCommand

from .load_demo import portal_addresses

WAIT_SECONDS = 60


def _answers(port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2).close()
    except urllib.error.HTTPError:
        return True  # an answer, whatever its status
    except (urllib.error.URLError, OSError):
        return False
    return True


def _announce(port, write, wait=WAIT_SECONDS):
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not _answers(port):
            time.sleep(0.3)
            continue
        write("\nLe portail de démonstration répond :")
        for line in portal_addresses(port):
            write(line)
        write("Les e-mails envoyés s'affichent ici, dans la console du serveur.\n")
        return


class Command(BaseCommand):
    help = "Serve the demo on every interface and print its addresses when it answers."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        # With the autoreloader, the server runs in a child process (RUN_MAIN):
        # that one announces it, once per start.
        if os.environ.get("RUN_MAIN") == "true":
            threading.Thread(target=_announce, args=(port, self.stdout.write), daemon=True).start()
        call_command("runserver", f"0.0.0.0:{port}")

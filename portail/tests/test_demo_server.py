"""`make demo` announces the portals once its server answers: the announcement
waits for a real answer on the port, then prints the admin's sign-in and every
demo portal's address."""

import http.server
import socket
import threading

import pytest

from portail.management.commands.demo_server import _announce
from portail.portals import create_portal


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


@pytest.mark.django_db
def test_the_addresses_are_printed_once_the_server_answers(local_server, domains):
    create_portal("aides.localhost", "Aides aux territoires", theme="dsfr")
    lines = []

    _announce(local_server, lines.append, wait=5)

    assert lines[0].strip() == "Le portail de démonstration répond :"
    assert lines[1].startswith(f"Admin: http://portail.localhost:{local_server}/admin/")
    assert lines[2].split() == ["Aides", "aux", "territoires", f"http://aides.localhost:{local_server}/", "(dsfr)"]


@pytest.mark.django_db
def test_nothing_is_printed_while_nothing_answers():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    lines = []

    _announce(port, lines.append, wait=0.5)

    assert lines == []

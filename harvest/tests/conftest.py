import gzip
from pathlib import Path

import pytest
from werkzeug import Response

from harvest.models import HarvestSource
from portail.portals import create_portal

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_bytes(name):
    return (FIXTURES / name).read_bytes()


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture(autouse=True)
def harvest_settings(settings):
    """The local test servers live on 127.0.0.1: let them through, unpaced."""
    settings.HARVEST_ALLOWED_PRIVATE_NETWORKS = ["127.0.0.0/8"]
    settings.HARVEST_HOST_MIN_INTERVAL = 0
    settings.HARVEST_READ_TIMEOUT = 2
    return settings


@pytest.fixture
def portal(db):
    return create_portal("portail.localhost", "Portail test")


@pytest.fixture
def make_source(portal):
    def make(backend, url, **fields):
        fields.setdefault("name", f"Source {backend}")
        return HarvestSource.objects.create(site=portal.site, backend=backend, url=url, **fields)

    return make


@pytest.fixture(autouse=True)
def robots_allow_all(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n", content_type="text/plain")


@pytest.fixture
def serve_sequence(httpserver):
    """Serve fixture files at ``path``, one per request, repeating the last one."""

    def serve_files(path, *names, content_type="application/xml"):
        remaining = list(names)

        def respond(request):
            name = remaining.pop(0) if len(remaining) > 1 else remaining[0]
            return Response(fixture_bytes(name), content_type=content_type)

        httpserver.expect_request(path).respond_with_handler(respond)
        return httpserver.url_for(path)

    return serve_files


@pytest.fixture
def serve_template(httpserver):
    """Serve a fixture file with ``{{BASE}}`` replaced by the server's address,
    gzipped when ``gzipped``; returns the absolute URL."""

    def serve_file(path, name, content_type="application/xml", gzipped=False, query_string=None):
        data = fixture_bytes(name).replace(b"{{BASE}}", httpserver.url_for("").rstrip("/").encode())
        if gzipped:
            data = gzip.compress(data)
        httpserver.expect_request(path, query_string=query_string).respond_with_data(data, content_type=content_type)
        return httpserver.url_for(path)

    return serve_file


@pytest.fixture
def serve(httpserver):
    """Serve a fixture file at ``path``; returns the absolute URL."""

    def serve_file(path, name, content_type="application/xml", headers=None):
        httpserver.expect_request(path).respond_with_data(
            fixture_bytes(name), content_type=content_type, headers=headers or {}
        )
        return httpserver.url_for(path)

    return serve_file

"""Browser fixtures: Debian's chromium driven headless by Playwright, and two
portals served by pytest-django's live server.

Chromium runs with a fresh profile and without any background networking, so a
test never waits on the network. It resolves every ``*.localhost`` name to the
loopback address, so each portal is reached on its own hostname without set-up.
"""

import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


@dataclass
class PortalUnderTest:
    """What a reader should find on one portal."""

    hostname: str
    name: str
    theme: str
    primary_colour: str
    secondary_colour: str
    url: str = ""
    domain_name: str = ""
    domain_slug: str = ""
    resource_titles: list[str] = field(default_factory=list)


PORTALS = [
    PortalUnderTest(
        hostname="alpha.localhost",
        name="Portail Alpha des mobilités",
        theme="default",
        primary_colour="#6a1b9a",
        secondary_colour="#00695c",
    ),
    PortalUnderTest(
        hostname="beta.localhost",
        name="Réseau Bêta de l'État",
        theme="dsfr",
        primary_colour="#b3261e",
        secondary_colour="#0d47a1",
    ),
]
DOMAINS = [
    ("mobilites", "Mobilités", "#0d47a1"),
    ("batiment", "Bâtiment", "#8a4b00"),
    ("mer-et-littoral", "Mer et littoral", "#00695c"),
]
RESOURCES_PER_PORTAL = 3


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_restored(django_db_blocker):
    """A transactional test ends on an empty database. Once this module is done,
    put back what the migrations created (root page, default locale…), which
    pytest-django serialised, for the tests that run afterwards."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def page(portals):
    """A tab of a headless chromium with a throw-away profile, for one test.

    The browser starts once the portals exist and stops before the database is
    flushed: while Playwright's sync API runs, this thread sees an event loop and
    another database connection object, which misses the data pytest-django
    serialised for the rollback. Django also refuses ORM calls under a running
    loop; that guard is lifted while the browser runs, since the tests and the
    live server are synchronous."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile,
        sync_playwright() as playwright,
    ):
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        context = playwright.chromium.launch_persistent_context(
            user_data_dir=profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context.pages[0] if context.pages else context.new_page()
        context.close()
        # The test's queries went through that other connection object: close it
        # while the loop still runs, or it outlives the test database.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def portals(live_server, django_db_serialized_rollback):
    """Two portals on their own hostnames, with distinct names, colours and themes,
    three domains and a few resources of their own in the first domain.

    The tests are transactional (the live server reads the data from its own
    thread); the rollback is serialised, so that pytest-django keeps the data the
    migrations created and can put it back after the flush."""
    from wagtail.models import Locale

    from portail.portals import create_portal
    from resources.factories import DomainFactory, ResourcePageFactory, ResourceTypeFactory
    from tests.utils import library_of

    port = urlsplit(live_server.url).port
    Locale.objects.get_or_create(language_code="en")
    domains = [
        DomainFactory(slug=slug, name=name, colour=colour, sort_order=order)
        for order, (slug, name, colour) in enumerate(DOMAINS)
    ]
    guide = ResourceTypeFactory(slug="guide", name="Guide")

    created = []
    for expected in PORTALS:
        portal = create_portal(
            expected.hostname,
            expected.name,
            theme=expected.theme,
            port=port,
            primary_colour=expected.primary_colour,
            secondary_colour=expected.secondary_colour,
        )
        library = library_of(portal)
        short_name = expected.hostname.split(".")[0].capitalize()
        titles = [f"{short_name} · fiche mobilité n° {number}" for number in range(1, RESOURCES_PER_PORTAL + 1)]
        for title in titles:
            ResourcePageFactory(parent=library, title=title, domains=[domains[0]], resource_type=guide)
        created.append(
            replace(
                expected,
                url=f"http://{expected.hostname}:{port}/",
                domain_name=domains[0].name,
                domain_slug=domains[0].slug,
                resource_titles=titles,
            )
        )
    return created

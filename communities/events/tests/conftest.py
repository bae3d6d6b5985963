"""Event fixtures: the communities' ``world`` (a portal, one community per
visibility, one user per role) and a helper publishing events."""

import datetime

import pytest
from django.utils import timezone, translation

from communities.events.models import AgendaPage, EventPage
from communities.tests.conftest import _database, fresh_people, host, world  # noqa: F401  (fixtures)

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def publish_event(parent, title, start=None, end=None, **fields):
    """Create and publish an event under ``parent`` (a community or an agenda)."""
    parent = type(parent).objects.get(pk=parent.pk)  # fixtures' pages may be stale
    start = start or timezone.now() + 7 * DAY
    event = EventPage(title=title, start=start, end=end or start + 2 * HOUR, **fields)
    parent.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture(autouse=True)
def _french():
    """Messages in French, whatever language an earlier request activated."""
    with translation.override("fr"):
        yield


@pytest.fixture
def agenda(world):
    return AgendaPage.objects.child_of(world.portal.home).get()

"""Veille fixtures: portals Alpha and Bêta (created once per module), their
veille archives, an editor of Alpha, and helpers to publish resources, harvest
items and issues the way editors and harvesters do."""

import datetime
import itertools

import pytest
from django.utils import timezone

from harvest.models import HarvestedItem, HarvestSource
from resources.factories import ResourcePageFactory
from sites.factories import UserFactory
from tests.utils import library_of
from veille.models import VeilleEntry, VeilleIndexPage, VeillePage

_numbers = itertools.count(1)


def veille_of(portal):
    return VeilleIndexPage.objects.child_of(portal.home).get()


def publish_resource(portal, title, **fields):
    page = ResourcePageFactory(parent=library_of(portal), title=title, **fields)
    page.save_revision().publish()
    return page


def make_source(portal, name="Réseau partenaire", **fields):
    return HarvestSource.objects.create(
        site=portal.site, backend="rss", url=f"https://partenaire{next(_numbers)}.example.org/flux", name=name, **fields
    )


def harvest_item(source, title, domains=(), **fields):
    number = next(_numbers)
    fields.setdefault("published_at", timezone.now())
    item = HarvestedItem.objects.create(
        source=source,
        remote_id=f"item-{number}",
        url=f"https://partenaire.example.org/actu/{number}",
        title=title,
        **fields,
    )
    if domains:
        item.domains.set(domains)
        item.save()
    return item


def publish_issue(portal, title, targets, notes=(), date=None, **fields):
    """Publish an issue of ``portal`` with ``targets`` (resources or items) in order."""
    issue = VeillePage(title=title, issue_date=date or timezone.localdate(), **fields)
    notes = list(notes) + [""] * len(targets)
    issue.entries = [
        VeilleEntry(
            sort_order=position,
            note=note,
            **({"resource": target} if hasattr(target, "path") else {"harvested_item": target}),
        )
        for position, (target, note) in enumerate(zip(targets, notes))
    ]
    veille_of(portal).add_child(instance=issue)
    issue.save_revision().publish()
    return issue


@pytest.fixture
def editor_a(portal_a):
    return UserFactory(username="editrice-alpha", groups=[portal_a.editors])


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin-veille", superuser=True)


@pytest.fixture
def yesterday():
    return timezone.now() - datetime.timedelta(days=1)

"""Small helpers shared by test modules."""

from contextlib import contextmanager

from django.db import transaction

from resources.models import DomainPage, ResourceIndexPage


def library_of(portal):
    """The portal's resource library (its ResourceIndexPage)."""
    return ResourceIndexPage.objects.child_of(portal.home).get()


def domain_page_of(portal, domain):
    """The portal's page for ``domain``."""
    return DomainPage.objects.child_of(portal.home).get(domain=domain)


def path_of(page):
    """The page's path on its own portal (``page.url`` is absolute when several sites exist)."""
    _site_id, _root_url, path = page.get_url_parts()
    return path


@contextmanager
def kept_for_module(django_db_blocker):
    """For a module-scoped fixture: what is created inside stays for the module's
    tests (each still rolled back to it) and is rolled back after the last one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)

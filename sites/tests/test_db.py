"""The queries every page runs are prepared by PostgreSQL; other queries keep
Django's client-side binding."""

import pytest
from django.db import connection
from wagtail.models import Site

from sites.db import prepared_statements
from tests.services import require_service


def prepared_count():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_queries_inside_the_block_are_prepared_once_for_all_their_values(portal_a):
    require_service("postgresql")
    assert connection.vendor == "postgresql"
    assert connection.settings_dict["OPTIONS"]["prepare_threshold"] == 2
    hostname = portal_a.site.hostname
    before = prepared_count()

    for _ in range(3):
        Site.objects.filter(hostname=hostname).count()
    assert prepared_count() == before  # client-side binding: never prepared

    with prepared_statements():
        for value in [hostname, "a.example", "b.example"]:  # one statement, other values
            assert Site.objects.filter(hostname=value).count() == (value == hostname)
    assert prepared_count() == before + 1


@pytest.mark.django_db
def test_queries_wagtail_cannot_run_with_server_binding_keep_working_outside(portal_a):
    require_service("postgresql")
    # Wagtail's Site manager orders by an expression with a parameter, which a
    # SELECT DISTINCT cannot repeat with server-side binding.
    assert list(Site.objects.filter(pk=portal_a.site.pk).distinct()) == [portal_a.site]

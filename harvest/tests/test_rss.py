from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from werkzeug import Response

from harvest.models import HarvestedItem, HarvestRun
from harvest.pipeline import harvest

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def test_rss_feed_creates_sanitised_items(serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"), default_tags="veille")
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, run.errors
    assert (run.created, run.updated, run.failed) == (3, 0, 0)
    item = HarvestedItem.objects.get(source=source, remote_id="rr-001")
    assert item.title == "Revitaliser les centres-bourgs : retours d'expérience"
    assert item.url == "https://reseau-rural.example.org/actualites/centres-bourgs"
    assert item.authors == "Claire Martin"
    assert item.language == "fr"
    assert item.image_url == "https://reseau-rural.example.org/img/bourg.jpg"
    assert item.published_at == datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    assert sorted(t.name for t in item.tags.all()) == ["petites villes", "revitalisation", "veille"]
    unsafe = HarvestedItem.objects.get(remote_id="rr-002").body_html
    assert "<script" not in unsafe and "alert('xss')" not in unsafe
    assert "onclick" not in unsafe and "onerror" not in unsafe and "javascript:" not in unsafe
    assert 'href="https://reseau-rural.example.org/guide.pdf"' in unsafe


def test_304_gives_zero_writes(httpserver, make_source):
    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(fixture_bytes("rss_v1.xml"), content_type="application/rss+xml", headers={"ETag": '"v1"'})

    httpserver.expect_request("/feed.xml").respond_with_handler(conditional)
    source = make_source("rss", httpserver.url_for("/feed.xml"))
    harvest(source)
    source.refresh_from_db()
    assert source.etag == '"v1"'
    before = list(HarvestedItem.objects.values_list("pk", "content_hash", "last_seen"))

    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE
    assert (run.created, run.updated, run.unchanged, run.archived) == (0, 0, 3, 0)
    assert list(HarvestedItem.objects.values_list("pk", "content_hash", "last_seen")) == before


def test_unchanged_document_without_validators_is_not_read_again(serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    harvest(source)
    # Were the items compared, this one would be updated: its stored digest no longer matches.
    HarvestedItem.objects.filter(remote_id="rr-001").update(content_hash="altered")
    before = list(HarvestedItem.objects.order_by("pk").values_list("pk", "content_hash", "last_seen"))

    with CaptureQueriesContext(connection) as queries:
        run = harvest(source)

    assert run.status == HarvestRun.Status.DONE
    assert (run.created, run.updated, run.unchanged, run.archived) == (0, 0, 3, 0)
    assert list(HarvestedItem.objects.order_by("pk").values_list("pk", "content_hash", "last_seen")) == before
    assert not [
        q["sql"]
        for q in queries
        if "harvest_harvesteditem" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]

    source.name = "Réseau rural (renommé)"
    source.save()  # after an edit, the next run reads the whole source again
    run = harvest(source)
    assert (run.updated, run.unchanged) == (1, 2)


def test_same_items_in_a_different_document_are_compared_by_content_hash(httpserver, make_source):
    versions = iter([b"", b"\n<!-- regenerated -->\n"])
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda request: Response(fixture_bytes("rss_v1.xml") + next(versions), content_type="application/rss+xml")
    )
    source = make_source("rss", httpserver.url_for("/feed.xml"))
    harvest(source)
    before = list(HarvestedItem.objects.order_by("pk").values_list("pk", "content_hash", "last_seen"))

    run = harvest(source)

    assert (run.created, run.updated, run.unchanged) == (0, 0, 3)
    assert list(HarvestedItem.objects.order_by("pk").values_list("pk", "content_hash", "last_seen")) == before


def test_changed_item_is_updated_and_vanished_item_archived_after_grace(serve_sequence, make_source):
    url = serve_sequence("/feed.xml", "rss_v1.xml", "rss_v2.xml")
    source = make_source("rss", url, archive_grace=timedelta(days=3))
    harvest(source)

    run = harvest(source)

    assert (run.updated, run.unchanged, run.archived) == (1, 1, 0)
    assert HarvestedItem.objects.get(remote_id="rr-001").title.endswith("(mis à jour)")
    vanished = HarvestedItem.objects.get(remote_id="rr-003")
    assert vanished.archived_at is None and vanished.missing_since is not None

    HarvestedItem.objects.filter(pk=vanished.pk).update(missing_since=timezone.now() - timedelta(days=4))
    run = harvest(source)

    vanished.refresh_from_db()
    assert run.archived == 1
    assert vanished.archived_at is not None
    assert HarvestedItem.objects.count() == 3  # archived, never deleted


def test_malformed_feed_is_done_with_errors_and_keeps_items(serve_sequence, make_source):
    source = make_source(
        "rss", serve_sequence("/feed.xml", "rss_v1.xml", "rss_malformed.xml"), archive_grace=timedelta(0)
    )
    harvest(source)
    before = list(HarvestedItem.objects.values_list("pk", "title", "content_hash", "missing_since", "archived_at"))

    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE_WITH_ERRORS
    assert "mal formé" in run.errors[0] and "ligne" in run.errors[0]
    assert (
        list(HarvestedItem.objects.values_list("pk", "title", "content_hash", "missing_since", "archived_at")) == before
    )


def test_xml_bomb_is_refused(serve, make_source):
    source = make_source("rss", serve("/bomb.xml", "rss_bomb.xml"))
    run = harvest(source)

    assert run.status == HarvestRun.Status.FAILED
    assert "sécurité" in run.errors[0]
    assert not HarvestedItem.objects.exists()


def test_duplicate_ids_and_bad_items_are_reported(serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_duplicates.xml"))
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE_WITH_ERRORS
    assert (run.created, run.skipped, run.failed) == (2, 1, 1)
    messages = {error["remote_id"]: error["message"] for error in run.item_errors}
    assert "double" in messages["dup-1"]
    assert "Adresse d'origine" in messages["no-link"]
    assert HarvestedItem.objects.get(remote_id="dup-1").title == "Premier"

    again = harvest(source)  # a run with errors is never skipped: the errors are reported again
    assert (again.unchanged, again.skipped, again.failed) == (2, 1, 1)


@pytest.mark.parametrize(
    ("name", "remote_id", "title"),
    [
        ("atom_latin1.xml", "urn:agence:42", "Stratégie régionale de l'eau"),
        ("rss_cp1252_undeclared.xml", "cp-1", "Économie circulaire – guide"),
    ],
)
def test_declared_and_undeclared_encodings(serve, make_source, name, remote_id, title):
    source = make_source("rss", serve("/feed.xml", name, content_type="application/xml"))
    run = harvest(source)

    assert run.status == HarvestRun.Status.DONE, run.errors
    assert list(HarvestedItem.objects.values_list("remote_id", "title")) == [(remote_id, title)]


def test_same_url_from_two_sources_is_flagged_not_merged(httpserver, make_source):
    httpserver.expect_request("/a.xml").respond_with_data(fixture_bytes("rss_v1.xml"))
    httpserver.expect_request("/b.xml").respond_with_data(fixture_bytes("rss_v2.xml"))
    first = make_source("rss", httpserver.url_for("/a.xml"), name="A")
    second = make_source("rss", httpserver.url_for("/b.xml"), name="B")
    harvest(first)

    run = harvest(second)

    assert HarvestedItem.objects.count() == 5
    flagged = HarvestedItem.objects.filter(duplicate_url=True)
    assert flagged.count() == 4
    assert {e["remote_id"] for e in run.item_errors} == {"rr-001", "rr-002"}

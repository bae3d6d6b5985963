import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from harvest.models import HarvestedItem, HarvestRun
from harvest.pipeline import harvest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pass"))
    return client


def test_source_list_offers_harvest_now_and_preview(admin_client, serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    response = admin_client.get(reverse("harvest_sources:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("harvest_sources:harvest_now", args=[source.pk]) in html
    assert reverse("harvest_sources:preview", args=[source.pk]) in html


def test_harvest_now_and_preview_buttons(admin_client, serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    assert admin_client.get(reverse("harvest_sources:harvest_now", args=[source.pk])).status_code == 200

    response = admin_client.post(reverse("harvest_sources:preview", args=[source.pk]))
    preview = HarvestRun.objects.get(trigger=HarvestRun.Trigger.PREVIEW)
    assert response.url == reverse("harvest_runs:inspect", args=[preview.pk])
    assert not HarvestedItem.objects.exists()

    admin_client.post(reverse("harvest_sources:harvest_now", args=[source.pk]))
    assert HarvestedItem.objects.count() == 3


def test_run_history_shows_readable_item_errors(admin_client, serve, make_source):
    run = harvest(make_source("rss", serve("/feed.xml", "rss_duplicates.xml")))
    html = admin_client.get(reverse("harvest_runs:inspect", args=[run.pk])).content.decode()
    assert "Identifiant en double" in html and "<code>dup-1</code>" in html
    listing = admin_client.get(reverse("harvest_runs:index"), {"source": run.source_id})
    assert listing.status_code == 200


def test_items_are_filterable_and_link_to_the_original(admin_client, serve, make_source):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    harvest(source)
    index = reverse("wagtailsnippets_harvest_harvesteditem:list")
    html = admin_client.get(index, {"source": source.pk, "status": "active"}).content.decode()
    assert "Mobilités rurales" in html
    assert 'href="https://reseau-rural.example.org/actualites/guide-mobilites"' in html
    assert "Mobilités rurales" not in admin_client.get(index, {"status": "archived"}).content.decode()

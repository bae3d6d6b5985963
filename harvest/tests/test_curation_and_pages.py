import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from harvest.listing import visible_items
from harvest.models import HarvestedItem, HarvestRun, HarvestShare
from harvest.pipeline import harvest
from portail.portals import create_portal
from resources.models import Domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def domain():
    from wagtail.models import Locale

    return Domain.objects.create(name="Transition écologique", slug="transition", locale=Locale.get_default())


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pass")
    client.force_login(user)
    return client


def test_local_edits_survive_a_reharvest(serve_sequence, make_source, admin_client, domain):
    source = make_source("rss", serve_sequence("/feed.xml", "rss_v1.xml", "rss_v2.xml"))
    harvest(source)
    item = HarvestedItem.objects.get(remote_id="rr-001")
    edit_url = reverse("wagtailsnippets_harvest_harvesteditem:edit", args=[item.pk])
    response = admin_client.post(
        edit_url,
        {
            "title": item.title,
            "summary": "Résumé rédigé par l'équipe.",
            "domains": [domain.pk],
            "tags": "choisi",
            "resource_type": "",
            "territory": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    item.refresh_from_db()
    assert item.locally_edited_fields == ["domains", "summary", "tags"]

    run = harvest(source)

    item.refresh_from_db()
    assert run.updated == 1
    assert item.title.endswith("(mis à jour)")  # not curated: follows the source
    assert item.summary == "Résumé rédigé par l'équipe."
    assert list(item.domains.all()) == [domain]
    assert [tag.name for tag in item.tags.all()] == ["choisi"]


def test_public_page_shows_sanitised_content_and_provenance(serve, make_source, client, portal):
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"), licence="CC BY 4.0", name="Réseau rural")
    harvest(source)
    item = HarvestedItem.objects.get(remote_id="rr-002")

    response = client.get(item.get_absolute_url(), HTTP_HOST="portail.localhost")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mobilités rurales : le guide 2025" in html
    assert (
        "Réseau rural" in html
        and "CC BY 4.0" in html
        and 'href="https://reseau-rural.example.org/actualites/guide-mobilites"' in html
    )
    assert "data-harvested" in html
    assert "<script>alert" not in html and "onclick" not in html and "onerror" not in html and "javascript:" not in html


def test_items_are_visible_on_their_portal_and_subscribers_only(serve, make_source, client, portal, domain):
    other = create_portal("autre.localhost", "Autre portail")
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))
    source.default_domains.add(domain)
    source.save()
    harvest(source)
    item = HarvestedItem.objects.get(remote_id="rr-001")

    assert set(visible_items(portal.site)) == set(HarvestedItem.objects.all())
    assert list(visible_items(other.site)) == []
    assert client.get(item.get_absolute_url(), HTTP_HOST="autre.localhost").status_code == 404

    share = HarvestShare.objects.create(source=source, site=other.site)
    assert list(visible_items(other.site)) == []  # offered, not accepted
    share.status = HarvestShare.Status.ACCEPTED
    share.save()
    assert visible_items(other.site, domain=domain).count() == 3
    HarvestedItem.objects.filter(pk=item.pk).update(archived_at=timezone.now())
    assert item not in visible_items(other.site)


def test_preview_is_a_dry_run_of_twenty_items(serve, make_source, settings):
    settings.HARVEST_PREVIEW_LIMIT = 2
    source = make_source("rss", serve("/feed.xml", "rss_v1.xml"))

    run = harvest(source, trigger=HarvestRun.Trigger.PREVIEW)

    assert run.status == HarvestRun.Status.DONE
    assert [entry["remote_id"] for entry in run.preview] == ["rr-001", "rr-002"]
    assert not HarvestedItem.objects.exists()
    source.refresh_from_db()
    assert source.etag == "" and source.last_success_at is None

    harvest(source)
    again = harvest(source, trigger=HarvestRun.Trigger.PREVIEW)  # the source is read afresh, not skipped as unchanged
    assert [(entry["remote_id"], entry["outcome"]) for entry in again.preview] == [
        ("rr-001", "unchanged"),
        ("rr-002", "unchanged"),
    ]


def test_items_are_searchable(serve, make_source):
    harvest(make_source("rss", serve("/feed.xml", "rss_v1.xml")))
    results = HarvestedItem.objects.search("tiers-lieux")
    assert [item.remote_id for item in results] == ["rr-003"]

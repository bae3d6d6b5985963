"""Editors of a portal manage that portal's harvest, and nothing of another portal's.

A refusal is Wagtail's PermissionDenied: a 403 for scripts (X-Requested-With),
and for browsers a redirect to the dashboard with « Désolé, vous n'avez pas les
autorisations pour accéder à cette zone. »"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from harvest.models import HarvestedItem, HarvestRun, HarvestSource
from harvest.pipeline import harvest
from portail.portals import create_portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(serve, make_source, portal):
    """Two portals, each with a harvested source; an editor of the first one."""
    other = create_portal("autre.localhost", "Autre portail")
    mine = make_source("rss", serve("/mine.xml", "rss_v1.xml"), name="Source du portail")
    theirs = HarvestSource.objects.create(
        name="Source de l'autre", site=other.site, backend="rss", url=serve("/theirs.xml", "rss_v2.xml")
    )
    harvest(mine)
    harvest(theirs)
    editor = get_user_model().objects.create_user("editrice", "editrice@example.org", "pass")
    editor.groups.add(portal.editors)  # the group create_portal made, with the rights it granted
    return {"portal": portal, "other": other, "mine": mine, "theirs": theirs, "editor": editor}


XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def assert_refused(response):
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert "autorisations" in str(list(get_messages(response.wsgi_request))[-1])


@pytest.fixture
def editor_client(client, world):
    client.force_login(world["editor"])
    return client


def test_editors_see_and_filter_only_their_portal(editor_client, world):
    sources = editor_client.get(reverse("harvest_sources:index"))
    items = editor_client.get(reverse("wagtailsnippets_harvest_harvesteditem:list"))
    runs = editor_client.get(reverse("harvest_runs:index"))

    assert (sources.status_code, items.status_code, runs.status_code) == (200, 200, 200)
    assert "Source du portail" in sources.text and "Source de l&#x27;autre" not in sources.text
    assert "Revitaliser les centres-bourgs" in items.text  # only in the portal's feed (v1)
    assert "(mis à jour)" not in items.text  # only in the other portal's feed (v2)
    assert list(items.context["filters"].form.fields["source"].queryset) == [world["mine"]]
    assert list(runs.context["filters"].form.fields["source"].queryset) == [world["mine"]]


def test_source_form_offers_only_the_editors_portals(editor_client, world):
    add_url = reverse("harvest_sources:add")
    form = editor_client.get(add_url).context["form"]
    assert list(form.fields["site"].queryset) == [world["portal"].site]

    data = {
        "name": "Intrus",
        "site": world["other"].site.pk,
        "backend": "rss",
        "url": "https://example.org/flux.xml",
        "config": "{}",
        "interval": "1 00:00:00",
        "archive_grace": "7 00:00:00",
        "active": "on",
    }
    response = editor_client.post(add_url, data)
    assert response.status_code == 200 and "site" in response.context["form"].errors
    assert not HarvestSource.objects.filter(name="Intrus").exists()

    response = editor_client.post(add_url, {**data, "site": world["portal"].site.pk})
    assert response.status_code == 302
    assert HarvestSource.objects.get(name="Intrus").site == world["portal"].site


def test_another_portals_source_run_and_items_are_refused(editor_client, world):
    theirs = world["theirs"]
    item = theirs.items.first()
    run = theirs.runs.first()
    refused = [
        reverse("harvest_sources:edit", args=[theirs.pk]),
        reverse("harvest_sources:delete", args=[theirs.pk]),
        reverse("harvest_sources:harvest_now", args=[theirs.pk]),
        reverse("harvest_sources:preview", args=[theirs.pk]),
        reverse("harvest_runs:inspect", args=[run.pk]),
        reverse("wagtailsnippets_harvest_harvesteditem:edit", args=[item.pk]),
        reverse("wagtailsnippets_harvest_harvesteditem:delete", args=[item.pk]),
        reverse("wagtailsnippets_harvest_harvesteditem:history", args=[item.pk]),
    ]
    for url in refused:
        assert editor_client.get(url, **XHR).status_code == 403, url
        assert editor_client.post(url, {"title": "Piraté"}, **XHR).status_code == 403, url
        assert_refused(editor_client.post(url, {"title": "Piraté"}))

    assert theirs.runs.count() == 1  # neither harvested nor previewed
    assert HarvestedItem.objects.get(pk=item.pk).title != "Piraté"
    assert HarvestSource.objects.filter(pk=theirs.pk).exists()


def test_own_portal_actions_are_allowed(editor_client, world):
    mine = world["mine"]
    item = mine.items.get(remote_id="rr-001")

    assert editor_client.get(reverse("harvest_sources:edit", args=[mine.pk])).status_code == 200
    assert editor_client.get(reverse("harvest_runs:inspect", args=[mine.runs.first().pk])).status_code == 200
    response = editor_client.post(reverse("harvest_sources:preview", args=[mine.pk]))
    assert response.status_code == 302 and mine.runs.filter(trigger=HarvestRun.Trigger.PREVIEW).exists()
    data = {
        "title": "Centres-bourgs (titre revu)",
        "summary": item.summary,
        "tags": "",
        "resource_type": "",
        "territory": "",
    }
    response = editor_client.post(reverse("wagtailsnippets_harvest_harvesteditem:edit", args=[item.pk]), data)
    assert response.status_code == 302
    assert HarvestedItem.objects.get(pk=item.pk).title == "Centres-bourgs (titre revu)"


def test_items_are_never_added_by_hand(client, world):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pass"))
    assert client.get(reverse("wagtailsnippets_harvest_harvesteditem:add"), **XHR).status_code == 403
    assert (
        reverse("wagtailsnippets_harvest_harvesteditem:add")
        not in client.get(reverse("wagtailsnippets_harvest_harvesteditem:list")).text
    )


def test_users_without_portal_rights_see_nothing(client, world):
    outsider = get_user_model().objects.create_user("curieux", "curieux@example.org", "pass")
    outsider.groups.add(world["other"].editors)
    client.force_login(outsider)

    assert_refused(client.get(reverse("harvest_sources:edit", args=[world["mine"].pk])))
    assert "Source du portail" not in client.get(reverse("harvest_sources:index")).text

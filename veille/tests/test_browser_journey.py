"""An editor's veille in a real browser: keep two items in the inbox, create
the issue, add a note, publish it from the Wagtail admin, and find it on the
portal's archive; the confirmed subscriber receives it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.browser.conftest import page  # noqa: F401  (the chromium tab fixture)

pytestmark = pytest.mark.browser

HOST = "alpha.localhost"
RESOURCE = "Guide des pistes cyclables"
ITEM = "Appel à projets vélo"
NOTE = "À lire avant le comité vélo de décembre."


@pytest.fixture
def portals(live_server, django_db_serialized_rollback):
    """The browser fixture starts chromium once ``portals`` exist: here, one
    portal with a new resource and a new partner item, an editor of the portal
    and a confirmed subscriber."""
    from portail.portals import create_portal
    from sites.factories import PASSWORD, UserFactory
    from veille.models import Subscriber
    from veille.newsletter import confirm

    from .conftest import harvest_item, make_source, publish_resource

    port = urlsplit(live_server.url).port
    portal = create_portal(HOST, "Portail Alpha", port=port)
    publish_resource(portal, RESOURCE)
    publish_resource(portal, "Étude sur les crues")
    harvest_item(make_source(portal, name="Agence de la transition"), ITEM)
    editor = UserFactory(username="editrice", groups=[portal.editors])
    confirm(Subscriber.objects.create(site=portal.site, email="lecteur@example.org"))
    return {"base": f"http://{HOST}:{port}", "username": editor.username, "password": PASSWORD}


def test_editor_builds_and_publishes_an_issue(portals, page):  # noqa: F811
    base = portals["base"]
    page.goto(base + "/admin/login/")
    page.locator("input[name=username]").fill(portals["username"])
    page.locator("input[name=password]").fill(portals["password"])
    page.locator("form [type=submit]").click()
    page.wait_for_url(base + "/admin/")

    # 1. The inbox: keep two items, then make an issue of them.
    page.goto(base + "/admin/veille/")
    page.get_by_role("heading", name="Boîte de veille").wait_for()
    page.get_by_role("button", name=f"Retenir « {ITEM} »").click()
    page.get_by_text("Élément retenu pour le prochain numéro.").wait_for()
    page.get_by_role("button", name=f"Retenir « {RESOURCE} »").click()
    page.get_by_role("status").filter(has_text="2 éléments retenus.").wait_for()
    page.get_by_role("button", name="Créer un numéro avec les éléments retenus").click()

    # 2. The draft issue, pre-filled: add a note and publish.
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    title = page.locator("#id_title").input_value()
    assert title.startswith("Veille du ")
    page.locator("[name='entries-0-note']").fill(NOTE)
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    page.get_by_text(re.compile("publiée")).first.wait_for()

    # 3. The archive shows the issue, which shows both items and the note.
    page.goto(base + "/veille/")
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", level=1, name=title).wait_for()
    assert page.get_by_role("link", name=ITEM).is_visible()
    assert page.get_by_role("link", name=RESOURCE).is_visible()
    assert page.get_by_text(NOTE).is_visible()

    sent = [message for message in mail.outbox if title in message.subject]
    assert [message.to for message in sent] == [["lecteur@example.org"]] and NOTE in sent[0].body

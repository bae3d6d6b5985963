"""An editor of portal A works on A's pages and settings, and is refused on B's.

Wagtail's admin refuses with a 403 to scripted requests (X-Requested-With, as its
own JavaScript sends); a browser navigating there is sent back to the dashboard
with an error message instead. Both are checked, and nothing of B's content leaks.
"""

import pytest

from resources.factories import ResourcePageFactory
from sites.factories import PASSWORD, UserFactory
from tests.utils import library_of

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


@pytest.fixture
def editor_client(client, portal_a):
    editor = UserFactory(username="editrice-alpha", groups=[portal_a.editors])
    assert client.login(username="editrice-alpha", password=PASSWORD)
    return client


XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
REFUSAL_MESSAGE = "pas les autorisations pour accéder à cette zone"  # Wagtail's French message


def assert_refused(client, url, method="get", data=None):
    send = getattr(client, method)
    assert send(url, data or {}, **XHR).status_code == 403
    response = send(url, data or {}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert any(REFUSAL_MESSAGE in str(message) for message in response.context["messages"])


def edit_page_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def branding_url(portal):
    return f"/admin/settings/portals/portalbranding/{portal.site.pk}/"


def test_editor_edits_own_portal_pages(editor_client, portal_a):
    resource = ResourcePageFactory(parent=library_of(portal_a))

    assert editor_client.get(edit_page_url(portal_a.home)).status_code == 200
    assert editor_client.get(edit_page_url(resource)).status_code == 200


def test_editor_is_refused_other_portal_pages(editor_client, portal_a, portal_b):
    resource = ResourcePageFactory(parent=library_of(portal_b))

    assert_refused(editor_client, edit_page_url(portal_b.home))
    assert_refused(editor_client, edit_page_url(resource))
    assert_refused(editor_client, f"/admin/pages/add/resources/resourcepage/{library_of(portal_b).pk}/")


def test_editor_cannot_change_other_portal_pages_by_posting(editor_client, portal_b):
    assert_refused(editor_client, edit_page_url(portal_b.home), "post", {"title": "Piraté", "slug": "pirate"})

    portal_b.home.refresh_from_db()
    assert portal_b.home.title == "Portail Bêta"


def test_editor_edits_own_portal_branding_only(editor_client, portal_a, portal_b):
    assert editor_client.get(branding_url(portal_a)).status_code == 200
    assert_refused(editor_client, branding_url(portal_b))


def test_editor_is_refused_other_portal_branding_by_posting(editor_client, portal_b):
    assert_refused(editor_client, branding_url(portal_b), "post", {"portal_name": "Piraté", "primary_colour": "#000000"})

    portal_b.branding.refresh_from_db()
    assert portal_b.branding.portal_name == "Portail Bêta"

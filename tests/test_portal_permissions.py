"""An editor of portal A works on A's pages and settings, and is refused on B's.

Wagtail's admin refuses with a 403 to scripted requests (X-Requested-With, as its
own JavaScript sends); a browser navigating there is sent back to the dashboard
with an error message instead. Both are checked, and nothing of B's content leaks.
"""

import pytest

from resources.factories import ResourcePageFactory
from search.tests.conftest import reindex_pages
from sites.factories import PASSWORD, UserFactory
from tests.utils import library_of

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


@pytest.fixture
def editor_client(client, portal_a):
    UserFactory(username="editrice-alpha", groups=[portal_a.editors])
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
    assert_refused(
        editor_client, branding_url(portal_b), "post", {"portal_name": "Piraté", "primary_colour": "#000000"}
    )

    portal_b.branding.refresh_from_db()
    assert portal_b.branding.portal_name == "Portail Bêta"


# Choosers: an editor of Alpha is offered Alpha's pages, documents, images and
# snippets, and what other portals share with Alpha; never Bêta's own content,
# least of all a secret community's.

SECRET_CLUB = "Club des directeurs des services techniques"


@pytest.fixture
def beta_content(portal_a, portal_b):
    from communities.models import Visibility
    from communities.pages import create_community, ensure_community_index

    secret = create_community(ensure_community_index(portal_b.home), SECRET_CLUB, Visibility.SECRET)
    inside = ResourcePageFactory.build(title="Ordre du jour du club", slug="ordre-du-jour")
    secret.add_child(instance=inside)
    return {
        "secret": secret,
        "inside": inside,
        "own": ResourcePageFactory(parent=library_of(portal_b), title="Club mobilité de Bêta", slug="club-mobilite"),
        "shared": ResourcePageFactory(
            parent=library_of(portal_b), title="Club vélo partagé", slug="club-velo", shared_with=[portal_a.site]
        ),
        "alpha": ResourcePageFactory(parent=library_of(portal_a), title="Club des éditeurs d'Alpha", slug="club-alpha"),
    }


def chooser_html(response):
    assert response.status_code == 200
    return response.json()["html"] if response["Content-Type"].startswith("application/json") else response.text


def test_page_chooser_search_offers_own_and_shared_pages_only(editor_client, beta_content):
    reindex_pages()  # under CI the chooser searches OpenSearch
    html = chooser_html(editor_client.get("/admin/choose-page/search/", {"q": "club"}))

    assert "Club des éditeurs d&#x27;Alpha" in html and "Club vélo partagé" in html
    assert SECRET_CLUB not in html
    assert "Club mobilité de Bêta" not in html and "Ordre du jour du club" not in html


def test_page_chooser_browses_own_portal_from_the_root(editor_client, portal_a, portal_b, beta_content):
    # The rich text link chooser opens the same view, with its link options.
    for params in ({}, {"allow_external_link": "true", "allow_email_link": "true", "allow_anchor_link": "true"}):
        html = chooser_html(editor_client.get("/admin/choose-page/", params))
        assert f"/admin/choose-page/{portal_a.home.pk}/" in html
        assert f"/admin/choose-page/{portal_b.home.pk}/" not in html and "Portail Bêta" not in html


def test_page_chooser_refuses_a_secret_community_and_lists_only_shared_pages_elsewhere(
    editor_client, portal_b, beta_content
):
    response = editor_client.get(f"/admin/choose-page/{beta_content['secret'].pk}/")
    assert response.status_code == 404
    assert SECRET_CLUB not in response.text and "Ordre du jour du club" not in response.text

    # Bêta's library holds a page shared with Alpha (an already chosen link opens there).
    html = chooser_html(editor_client.get(f"/admin/choose-page/{library_of(portal_b).pk}/"))
    assert "Club vélo partagé" in html and "Club mobilité de Bêta" not in html


def test_page_chooser_returns_only_choosable_pages_by_id(editor_client, beta_content):
    ids = [beta_content[name].pk for name in ("secret", "inside", "own", "shared", "alpha")]
    response = editor_client.get("/admin/choose-page/chosen-multiple/", {"id": ids})

    assert response.status_code == 200
    assert {page["id"] for page in response.json()["result"]} == {beta_content["shared"].pk, beta_content["alpha"].pk}


def test_superusers_choose_any_page(client, beta_content):
    UserFactory(username="admin-choix", superuser=True)
    client.login(username="admin-choix", password=PASSWORD)
    reindex_pages()

    assert SECRET_CLUB in chooser_html(client.get("/admin/choose-page/search/", {"q": "club"}))
    assert "Ordre du jour du club" in chooser_html(client.get(f"/admin/choose-page/{beta_content['secret'].pk}/"))


def _document(title, collection):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4", name="piece.pdf"), collection=collection
    )


def _image(title, collection):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name="image.png"), collection=collection
    )


def test_document_and_image_choosers_offer_own_portal_collections_only(editor_client, portal_a, portal_b, beta_content):
    from communities.library.shelves import library_of as community_library

    secret_collection = community_library(beta_content["secret"]).collection
    for make, url in ((_document, "/admin/documents/chooser/"), (_image, "/admin/images/chooser/")):
        make("Note d'Alpha", portal_a.collection)
        make("Note de Bêta", portal_b.collection)
        make("Note du club secret", secret_collection)
        html = chooser_html(editor_client.get(url))
        assert "Note d&#x27;Alpha" in html
        assert "Note de Bêta" not in html and "Note du club secret" not in html

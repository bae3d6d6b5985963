"""Pages deep in a portal are routed as Wagtail routes them (in fewer queries),
and the view restrictions of their ancestors, or of an alias's source, apply."""

import pytest
from wagtail.models import PageViewRestriction

from resources.factories import ResourcePageFactory
from tests.utils import library_of

HOST = {"HTTP_HOST": "alpha.localhost"}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


@pytest.fixture
def guide(portal_a):
    return ResourcePageFactory(parent=library_of(portal_a), title="Guide du vélo", slug="guide-velo")


def test_a_deep_page_is_served_and_wrong_paths_are_not_found(client, guide):
    assert "<h1>Guide du vélo</h1>" in client.get("/ressources/guide-velo/", **HOST).text
    for path in [
        "/ressources/inconnu/",
        "/ressources/guide-velo/suite/",
        "/inconnu/guide-velo/",
        "/mobilites/guide-velo/",
    ]:
        assert client.get(path, **HOST).status_code == 404, path


def test_an_unpublished_deep_page_is_not_found(client, guide):
    guide.unpublish()

    assert client.get("/ressources/guide-velo/", **HOST).status_code == 404


def test_a_restriction_on_an_ancestor_applies(client, portal_a, guide):
    PageViewRestriction.objects.create(
        page=library_of(portal_a), restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    response = client.get("/ressources/guide-velo/", **HOST)

    assert 'name="password"' in response.text
    assert "Guide du vélo</h1>" not in response.text


def test_an_alias_is_restricted_as_its_source(client, portal_a, guide):
    alias = guide.create_alias(update_slug="alias-du-guide")
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.PASSWORD, password="secret")

    assert list(alias.get_view_restrictions()) == list(guide.get_view_restrictions())
    assert 'name="password"' in client.get("/ressources/alias-du-guide/", **HOST).text


def test_the_portal_home_in_the_active_language_is_known_without_a_query(
    rf, english, portal_a, django_assert_num_queries
):
    from django.utils import translation
    from wagtail.models import Site

    from sites.translation import translate_page

    english_home = translate_page(portal_a.home, english)
    site = Site.find_for_request(rf.get("/", HTTP_HOST=portal_a.site.hostname))
    with translation.override("fr"), django_assert_num_queries(0):
        assert site.root_page.localized == portal_a.home
    with translation.override("en"):
        assert site.root_page.localized == english_home

"""Each portal serves its own sitemap.xml (its live, public pages, on its own
hostname) and a robots.txt pointing at it."""

import pytest
from defusedxml import ElementTree
from wagtail.models import PageViewRestriction

from resources.factories import ResourcePageFactory
from tests.utils import library_of

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def sitemap_locations(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return {loc.text for loc in ElementTree.fromstring(response.content).findall("sm:url/sm:loc", NS)}


@pytest.fixture
def resources(portal_a, portal_b, domains):
    library = library_of(portal_a)
    ResourcePageFactory(parent=library, title="Publique", slug="publique", domains=domains[:1])
    ResourcePageFactory(parent=library, title="Brouillon", slug="brouillon", live=False)
    private = ResourcePageFactory(parent=library, title="Privée", slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    ResourcePageFactory(parent=library_of(portal_b), title="Chez Bêta", slug="chez-beta", shared_with_all=True)


def test_sitemap_lists_the_portal_live_public_pages(client, resources):
    assert sitemap_locations(client, "alpha.localhost") == {
        "http://alpha.localhost/",
        "http://alpha.localhost/ressources/",
        "http://alpha.localhost/ressources/publique/",
        "http://alpha.localhost/mobilites/",
        "http://alpha.localhost/environnement-et-risques/",
        "http://alpha.localhost/veille/",
        "http://alpha.localhost/agenda/",
    }


def test_each_portal_has_its_own_sitemap(client, resources):
    locations = sitemap_locations(client, "beta.localhost")

    assert "http://beta.localhost/ressources/chez-beta/" in locations
    assert all(url.startswith("http://beta.localhost/") for url in locations)
    assert not any("publique" in url for url in locations)


def test_sitemap_includes_translations(client, english, make_portal):
    make_portal("gamma.localhost", "Portail Gamma")  # created in French and English

    locations = sitemap_locations(client, "gamma.localhost")

    assert {"http://gamma.localhost/en/", "http://gamma.localhost/en/ressources/"} <= locations
    assert "http://gamma.localhost/" in locations


def test_robots_txt_points_to_the_portal_sitemap(client, portal_a, portal_b):
    alpha = client.get("/robots.txt", HTTP_HOST="alpha.localhost")
    beta = client.get("/robots.txt", HTTP_HOST="beta.localhost")

    assert alpha.status_code == 200
    assert alpha["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in alpha.text.splitlines()
    assert "Disallow: /admin/" in alpha.text.splitlines()
    assert "Sitemap: http://beta.localhost/sitemap.xml" in beta.text.splitlines()

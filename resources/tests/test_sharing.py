"""A resource written on portal A appears in portal B's listings when A shares it
with B or with every portal; unshared, draft and private resources do not."""

import pytest
from wagtail.models import PageViewRestriction

from resources.factories import ResourcePageFactory
from tests.utils import domain_page_of, library_of, path_of

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


@pytest.fixture
def listing_b(client, portal_b, domains):
    def get():
        response = client.get(path_of(domain_page_of(portal_b, domains[0])), HTTP_HOST="beta.localhost")
        assert response.status_code == 200
        return response.text

    return get


@pytest.fixture
def resource_from_a(portal_a, domains):
    def make(title, **fields):
        return ResourcePageFactory(parent=library_of(portal_a), title=title, domains=[domains[0]], **fields)

    return make


def test_resource_shared_with_all_portals_appears_on_b(listing_b, resource_from_a):
    resource_from_a("Plan de mobilité employeur", shared_with_all=True)

    html = listing_b()

    assert "Plan de mobilité employeur" in html
    # The card links to the resource on its own portal.
    assert 'href="http://alpha.localhost/ressources/plan-de-mobilite-employeur/"' in html


def test_resource_shared_with_b_appears_on_b_only(client, make_portal, listing_b, resource_from_a, portal_b, domains):
    gamma = make_portal("gamma.localhost", "Portail Gamma")
    resource_from_a("Zones à faibles émissions", shared_with=[portal_b.site])

    assert "Zones à faibles émissions" in listing_b()
    gamma_listing = client.get(path_of(domain_page_of(gamma, domains[0])), HTTP_HOST="gamma.localhost")
    assert "Zones à faibles émissions" not in gamma_listing.text


def test_shared_resource_appears_on_b_home_and_library(client, portal_b, resource_from_a):
    resource_from_a("Vélo et intermodalité", shared_with_all=True)

    home = client.get("/", HTTP_HOST="beta.localhost")
    library = client.get("/ressources/", HTTP_HOST="beta.localhost")

    assert "Vélo et intermodalité" in home.text
    assert "Vélo et intermodalité" in library.text


def test_unshared_resource_stays_on_its_portal(client, listing_b, resource_from_a, portal_a, domains):
    resource_from_a("Autopartage en zone rurale")

    assert "Autopartage en zone rurale" not in listing_b()
    own_listing = client.get(path_of(domain_page_of(portal_a, domains[0])), HTTP_HOST="alpha.localhost")
    assert "Autopartage en zone rurale" in own_listing.text


def test_shared_draft_is_not_listed(listing_b, resource_from_a):
    resource_from_a("Brouillon partagé", shared_with_all=True, live=False)
    resource_from_a("Version publiée", shared_with_all=True)

    html = listing_b()
    assert "Version publiée" in html
    assert "Brouillon partagé" not in html


def test_shared_private_resource_is_not_listed(listing_b, resource_from_a):
    private = resource_from_a("Note interne partagée", shared_with_all=True)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    resource_from_a("Note publique partagée", shared_with_all=True)

    html = listing_b()
    assert "Note publique partagée" in html
    assert "Note interne partagée" not in html


def test_resource_in_another_domain_is_not_listed(listing_b, portal_a, domains):
    ResourcePageFactory(
        parent=library_of(portal_a), title="Risque inondation", domains=[domains[1]], shared_with_all=True
    )
    ResourcePageFactory(parent=library_of(portal_a), title="Covoiturage", domains=[domains[0]], shared_with_all=True)

    html = listing_b()
    assert "Covoiturage" in html
    assert "Risque inondation" not in html

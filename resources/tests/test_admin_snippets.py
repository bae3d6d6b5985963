"""The library's snippets (domains, resource types, territories) are created and
validated in the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from resources.models import Domain, ResourceType, Territory

pytestmark = pytest.mark.django_db


def add_url(model):
    return reverse(f"wagtailsnippets_resources_{model._meta.model_name}:add")


def test_domain_created_in_admin(admin_client):
    response = admin_client.post(
        add_url(Domain),
        {
            "name": "Mer et littoral",
            "slug": "mer-et-littoral",
            "description": "Gestion du trait de côte, ports, milieux marins.",
            "colour": "#005f73",
            "icon": "site",
            "sort_order": "5",
        },
    )
    assert response.status_code == 302
    domain = Domain.objects.get(slug="mer-et-littoral")
    assert domain.locale == Locale.get_default()
    assert domain.colour == "#005f73"


def test_domain_colour_must_be_hexadecimal(admin_client):
    response = admin_client.post(
        add_url(Domain), {"name": "Bâtiment", "slug": "batiment", "colour": "bleu", "sort_order": "0"}
    )
    assert response.status_code == 200
    assert "n&#x27;est pas une couleur hexadécimale" in response.text
    assert not Domain.objects.filter(slug="batiment").exists()


def test_resource_type_created_in_admin(admin_client):
    response = admin_client.post(add_url(ResourceType), {"name": "Retour d'expérience", "slug": "retour-experience"})
    assert response.status_code == 302
    assert ResourceType.objects.get(slug="retour-experience").name == "Retour d'expérience"


def test_territory_created_in_admin(admin_client):
    response = admin_client.post(add_url(Territory), {"scale": "commune", "name": "Brest", "insee_code": "29019"})
    assert response.status_code == 302
    assert Territory.objects.get(name="Brest").insee_code == "29019"


def test_territory_insee_code_is_checked(admin_client):
    response = admin_client.post(add_url(Territory), {"scale": "commune", "name": "Brest", "insee_code": "brest"})
    assert response.status_code == 200
    assert "code INSEE ne contient que des chiffres" in response.text
    assert not Territory.objects.filter(name="Brest").exists()

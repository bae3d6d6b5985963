"""Each portal is served on its own hostname, with its own branding and theme,
and never fails: unknown hosts and incomplete branding fall back to defaults."""

import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Page, Site

from sites.branding import DEFAULT_PRIMARY, DEFAULT_SECONDARY, PortalBranding
from sites.models import PortalHomePage

DSFR_CSS = 'href="/static/dsfr/dist/'  # the State design system's stylesheets
ASSET = re.compile(r'<(?:link(?![^>]*rel="alternate")|script|img)\b[^>]*\b(?:href|src)="([^"]+)"')  # not feeds
PORTAL_NAME = re.compile(r"<[^>]*\bdata-portal-name>([^<]*)<")
CUSTOM_PROPERTY = re.compile(r"--portal-(primary|secondary)\s*:\s*([^;}\s]+)")

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def shown_name(response):
    """The portal name the page header shows."""
    return PORTAL_NAME.search(response.text).group(1)


def colours(response):
    """The branding colours the page hands to its CSS as custom properties."""
    return dict(CUSTOM_PROPERTY.findall(response.text))


def get_home(client, host):
    return client.get("/", HTTP_HOST=host)


def test_each_portal_has_its_own_name_and_colours(client, portal_a, portal_b):
    alpha = get_home(client, "alpha.localhost")
    beta = get_home(client, "beta.localhost")

    assert alpha.status_code == beta.status_code == 200
    assert shown_name(alpha) == "Portail Alpha"
    assert colours(alpha) == {"primary": "#0b3d91", "secondary": "#7a1f1f"}
    assert "Portail Bêta" not in alpha.text
    assert shown_name(beta) == "Portail Bêta"
    assert colours(beta) == {"primary": "#000091", "secondary": "#3a3a3a"}
    assert "Portail Alpha" not in beta.text


def test_each_portal_gets_its_theme(client, portal_a, portal_b):
    alpha = get_home(client, "alpha.localhost")
    beta = get_home(client, "beta.localhost")

    assert DSFR_CSS not in alpha.text
    assert 'class="portal-header"' in alpha.text
    assert DSFR_CSS in beta.text
    assert 'class="theme-dsfr"' in beta.text
    assert 'class="fr-header"' in beta.text


@pytest.mark.parametrize("host", ["alpha.localhost", "beta.localhost"])
def test_pages_load_only_assets_served_by_the_project(client, portal_a, portal_b, host):
    response = get_home(client, host)
    assets = ASSET.findall(response.text)
    assert assets, "the page links no stylesheet at all"
    for url in assets:
        assert url.startswith("/static/"), f"{url} is not served by the project"
        assert finders.find(url.removeprefix("/static/")), f"{url} is missing from the static files"


def test_portal_pages_use_the_portal_theme(client, portal_b, domains):
    response = client.get("/mobilites/", HTTP_HOST="beta.localhost")
    assert response.status_code == 200
    assert DSFR_CSS in response.text
    assert "<h1>Mobilités</h1>" in response.text


def test_unknown_host_gets_the_default_portal(client, portal_a, make_portal):
    principal = make_portal("principal.localhost", "Portail principal", default=True)
    assert list(Site.objects.filter(is_default_site=True)) == [principal.site]

    response = get_home(client, "inconnu.localhost")

    assert response.status_code == 200
    assert shown_name(response) == "Portail principal"


def test_unknown_host_without_default_portal_is_a_clean_404(client, portal_a):
    Site.objects.update(is_default_site=False)

    response = get_home(client, "inconnu.localhost")

    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert colours(response) == {"primary": DEFAULT_PRIMARY, "secondary": DEFAULT_SECONDARY}


def test_unknown_path_is_a_branded_404(client, portal_a):
    response = client.get("/n-existe-pas/", HTTP_HOST="alpha.localhost")

    assert response.status_code == 404
    assert "Page introuvable · Portail Alpha" in response.text
    assert '<a href="/">Revenir à l\'accueil du portail</a>' in response.text


def test_portal_without_branding_falls_back_to_defaults(client, db):
    home = Page.get_first_root_node().add_child(instance=PortalHomePage(title="Accueil", slug="sans-identite"))
    Site.objects.create(hostname="nu.localhost", port=80, site_name="Portail sans identité", root_page=home)

    response = get_home(client, "nu.localhost")

    assert response.status_code == 200
    assert shown_name(response) == "Portail sans identité"
    assert colours(response) == {"primary": DEFAULT_PRIMARY, "secondary": DEFAULT_SECONDARY}


def test_broken_branding_values_fall_back_to_defaults(client, portal_a):
    # Values that bypassed validation (an old import, a manual fix in the database).
    PortalBranding.objects.filter(site=portal_a.site).update(
        portal_name="", primary_colour="rouge", secondary_colour=""
    )

    response = get_home(client, "alpha.localhost")

    assert response.status_code == 200
    assert shown_name(response) == "Portail Alpha"  # the Site's name
    assert colours(response) == {"primary": DEFAULT_PRIMARY, "secondary": DEFAULT_SECONDARY}
    assert "rouge" not in response.text

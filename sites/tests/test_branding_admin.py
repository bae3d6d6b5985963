"""Editing a portal's branding in the admin: invalid or unreadable colours are
refused with a message that says how to fix them."""

import re

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from sites.models import PortalBranding

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def settings_url(site):
    return f"/admin/settings/portals/portalbranding/{site.pk}/"


def post_branding(client, site, **changes):
    """Submit the branding form with the current values and ``changes`` typed in."""
    branding = PortalBranding.for_site(site)
    data = nested_form_data(
        {
            "portal_name": branding.portal_name,
            "tagline": branding.tagline,
            "theme": branding.theme,
            "primary_colour": branding.primary_colour,
            "secondary_colour": branding.secondary_colour,
            "footer_text": rich_text(branding.footer_text),
            "footer_links": streamfield(
                [("link", {"label": "Mentions légales", "url": "https://example.org/mentions"})]
            ),
            "contact_email": "contact@example.org",
            "accessibility_compliance": branding.accessibility_compliance,
            "featured_domains": streamfield([]),
            "featured_resources": streamfield([]),
            **changes,
        }
    )
    return client.post(settings_url(site), data)


def test_valid_branding_is_saved(admin_client, portal_a):
    response = post_branding(admin_client, portal_a.site, portal_name="Alpha, le portail", primary_colour="#14532d")

    assert response.status_code == 302
    branding = PortalBranding.for_site(portal_a.site)
    assert branding.portal_name == "Alpha, le portail"
    assert branding.primary_colour == "#14532d"
    page = admin_client.get("/", HTTP_HOST="alpha.localhost")
    assert re.search(r"--portal-primary\s*:\s*#14532d", page.text)
    assert '<a href="https://example.org/mentions">Mentions légales</a>' in page.text


@pytest.mark.parametrize("value", ["bleu", "#12345", "1f4e79", "#ggg"])
def test_non_hexadecimal_colour_is_refused(admin_client, portal_a, value):
    response = post_branding(admin_client, portal_a.site, primary_colour=value)

    assert response.status_code == 200
    assert "n&#x27;est pas une couleur hexadécimale : utilisez la forme #1f4e79 ou #27a." in response.text
    assert PortalBranding.for_site(portal_a.site).primary_colour == "#0b3d91"


def test_low_contrast_colour_is_refused(admin_client, portal_a):
    response = post_branding(admin_client, portal_a.site, secondary_colour="#ffd500")

    assert response.status_code == 200
    assert "Contraste insuffisant : le texte blanc sur #ffd500 atteint 1.42:1" in response.text
    assert "il faut au moins 4.5:1 (WCAG AA)" in response.text
    assert PortalBranding.for_site(portal_a.site).secondary_colour == "#7a1f1f"

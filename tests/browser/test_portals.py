"""A reader's first visit, in a real browser: each portal on its own hostname
shows its own name and colours, and leads from the home page to a domain and on
to a resource."""

import pytest

pytestmark = pytest.mark.browser

ROOT_PROPERTY = "name => getComputedStyle(document.documentElement).getPropertyValue(name).trim()"


def rgb(hex_colour):
    """The computed-style form of ``#rrggbb``."""
    digits = hex_colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


def computed(locator, css_property):
    return locator.evaluate("(element, name) => getComputedStyle(element).getPropertyValue(name)", css_property)


def header_accent(page, portal):
    """The colour the theme's stylesheet paints the header with, from the portal's
    primary colour: it proves the stylesheets loaded and read the branding."""
    if portal.theme == "dsfr":
        return computed(page.locator("header.fr-header"), "border-bottom-color")
    return computed(page.locator("header.portal-header"), "border-top-color")


def test_each_portal_shows_its_own_name_and_colours(portals, page):
    seen = set()
    for portal in portals:
        response = page.goto(portal.url)
        assert response.status == 200

        assert page.locator("[data-portal-name]").inner_text().strip() == portal.name
        assert page.locator("h1").inner_text().strip() == portal.name
        assert page.title().endswith(portal.name)
        primary = page.evaluate(ROOT_PROPERTY, "--portal-primary")
        secondary = page.evaluate(ROOT_PROPERTY, "--portal-secondary")
        assert primary.lower() == portal.primary_colour
        assert secondary.lower() == portal.secondary_colour
        assert header_accent(page, portal) == rgb(portal.primary_colour)
        seen.add((portal.name, primary))
    assert len(seen) == len(portals)


def test_dsfr_portal_loads_the_state_design_system(portals, page):
    dsfr_portal = next(portal for portal in portals if portal.theme == "dsfr")
    page.goto(dsfr_portal.url)

    assert "theme-dsfr" in page.locator("body").get_attribute("class")
    assert computed(page.locator(".fr-header__body-row"), "display") == "flex"


@pytest.mark.parametrize("portal_index", [0, 1], ids=["default-theme", "dsfr-theme"])
def test_reader_goes_from_home_to_domain_to_resource(portals, page, portal_index):
    portal = portals[portal_index]
    others = [title for other in portals if other is not portal for title in other.resource_titles]
    page.goto(portal.url)

    page.locator("a.domain-tile", has_text=portal.domain_name).click()
    page.wait_for_url(f"{portal.url}{portal.domain_slug}/")
    assert page.locator("h1").inner_text().strip() == portal.domain_name
    card_titles = [title.strip() for title in page.locator(".card__title").all_inner_texts()]
    assert sorted(card_titles) == sorted(portal.resource_titles)
    assert not set(card_titles) & set(others)

    chosen = portal.resource_titles[-1]
    page.locator(".card__title a", has_text=chosen).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == chosen
    assert page.url.startswith(portal.url)
    assert page.locator(".page-header__kicker").inner_text().strip().lower() == "guide"
    assert page.locator("[data-portal-name]").inner_text().strip() == portal.name
    assert page.evaluate(ROOT_PROPERTY, "--portal-primary").lower() == portal.primary_colour

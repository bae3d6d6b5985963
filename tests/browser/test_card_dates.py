"""Dates in cards keep to one line, even in a narrow card on a phone."""

import pytest

pytestmark = pytest.mark.browser


def test_a_cards_date_does_not_wrap(portals, page):
    portal = next(portal for portal in portals if portal.theme == "default")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{portal.url}{portal.domain_slug}/")

    date = page.locator(".card__meta time").first
    assert date.inner_text().strip()
    assert date.evaluate("element => getComputedStyle(element).whiteSpace") == "nowrap"
    line_boxes = date.evaluate("element => element.getClientRects().length")
    assert line_boxes == 1  # one line box: the date is not broken across lines

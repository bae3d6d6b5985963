"""Search suggestions in a real browser: the header search box is an ARIA
combobox, filled while typing and driven by the keyboard."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


def test_header_search_suggests_titles_and_opens_one_from_the_keyboard(portals, page):
    call_command("update_index", verbosity=0)
    portal, other = portals
    page.goto(portal.url)
    box = page.locator("#entete-recherche")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"

    box.press_sequentially("fiche mobi")
    options = page.locator(f"#{box.get_attribute('aria-controls')} [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    shown = options.all_inner_texts()
    assert all(any(text.startswith(title) for text in shown) for title in portal.resource_titles)
    assert not any(text.startswith(title) for text in shown for title in other.resource_titles)

    box.press("ArrowDown")
    first = options.first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"

    box.press("l")  # "fiche mobil": the list opens again
    options.first.wait_for()
    title = options.first.inner_text().rsplit(" ", 1)[0]
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == title

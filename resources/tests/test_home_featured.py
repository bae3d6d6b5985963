"""A portal home shows the resources its branding features, in the chosen order and
in the home's language, then the latest others."""

import datetime
import re

from resources.factories import ResourcePageFactory
from sites.translation import translate_page
from tests.utils import library_of

HOST = {"HTTP_HOST": "alpha.localhost"}
CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>')


def section(response, heading_id):
    return re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', response.text, re.S).group(0)


def test_home_features_the_chosen_resources_in_order_and_language(client, english, make_portal):
    portal = make_portal("alpha.localhost", "Portail Alpha")
    library = library_of(portal)
    first, second, third = (
        ResourcePageFactory(parent=library, title=title, publication_date=datetime.date(2025, 1, day))
        for day, title in enumerate(["Guide ancien", "Étude récente", "Fiche du jour"], start=1)
    )
    translation = translate_page(first, english)
    translation.title = "Old guide"
    translation.save_revision().publish()
    portal.branding.featured_resources = [("resource", first), ("resource", third)]
    portal.branding.save()

    french = client.get("/", **HOST)
    english_home = client.get("/en/", **HOST)

    assert CARD_TITLE.findall(section(french, "a-la-une")) == ["Guide ancien", "Fiche du jour"]
    assert CARD_TITLE.findall(section(french, "nouveautes")) == ["Étude récente"]
    assert CARD_TITLE.findall(section(english_home, "a-la-une")) == ["Old guide"]

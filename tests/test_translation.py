"""French pages get English translations served under /en/, and every page offers
a language switcher pointing at its own translation."""

import re
from dataclasses import dataclass

import pytest
from wagtail.models import Locale

from portail.portals import create_portal
from resources.factories import DomainFactory, ResourcePageFactory
from sites.translation import translate_page
from tests.utils import kept_for_module, library_of

HOST = {"HTTP_HOST": "alpha.localhost"}


@dataclass
class Bilingual:
    portal: object
    domain: object


@pytest.fixture(scope="module")
def bilingual(django_db_setup, django_db_blocker):
    """Created once for the module: portal Alpha, made once English exists so that
    its home and library are translated at creation, and a French resource with
    its published English translation."""
    with kept_for_module(django_db_blocker):
        english = Locale.objects.create(language_code="en")
        domain = DomainFactory(name="Mobilités", slug="mobilites")
        portal = create_portal("alpha.localhost", "Portail Alpha")
        guide = ResourcePageFactory(
            parent=library_of(portal),
            title="Guide du vélo",
            slug="guide-velo",
            summary="Aménager pour le vélo.",
            domains=[domain],
        )
        translation = translate_page(guide, english)
        translation.title = "Cycling guide"
        translation.summary = "Planning for cycling."
        translation.save_revision().publish()
        yield Bilingual(portal, domain)


@pytest.fixture
def bilingual_portal(bilingual, db):
    return bilingual


def add_untranslated_note(bilingual):
    ResourcePageFactory(
        parent=library_of(bilingual.portal), title="Note non traduite", slug="note", domains=[bilingual.domain]
    )


def switcher(response):
    """{language code: (url, is current)} from the language switcher."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S).group(0)
    links = re.findall(r'<a[^>]*href="([^"]*)" hreflang="(\w+)"[^>]*?( aria-current="true")?>', nav)
    return {code: (url, bool(current)) for url, code, current in links}


def test_english_translation_is_served_under_en(client, bilingual_portal):
    response = client.get("/en/ressources/guide-velo/", **HOST)

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "<h1>Cycling guide</h1>" in response.text
    assert "Planning for cycling." in response.text
    assert "Guide du vélo" not in response.text


def test_french_stays_at_the_root(client, bilingual_portal):
    response = client.get("/ressources/guide-velo/", **HOST)

    assert '<html lang="fr">' in response.text
    assert "<h1>Guide du vélo</h1>" in response.text


def test_switcher_links_a_page_to_its_translation(client, bilingual_portal):
    french = switcher(client.get("/ressources/guide-velo/", **HOST))
    english = switcher(client.get("/en/ressources/guide-velo/", **HOST))

    assert french == {"fr": ("/ressources/guide-velo/", True), "en": ("/en/ressources/guide-velo/", False)}
    assert english == {"fr": ("/ressources/guide-velo/", False), "en": ("/en/ressources/guide-velo/", True)}


def test_switcher_falls_back_to_the_home_of_the_language(client, bilingual_portal):
    add_untranslated_note(bilingual_portal)

    links = switcher(client.get("/ressources/note/", **HOST))

    assert links["en"] == ("/en/", False)


def test_english_home_and_listings_show_english_resources(client, bilingual_portal):
    home = client.get("/en/", **HOST)
    listing = client.get("/en/mobilites/", **HOST)

    assert home.status_code == listing.status_code == 200
    assert '<html lang="en">' in home.text
    for response in (home, listing):
        assert "Cycling guide" in response.text
        assert 'href="/en/ressources/guide-velo/"' in response.text
        assert "Guide du vélo" not in response.text


def test_untranslated_page_is_not_served_in_english(client, bilingual_portal):
    add_untranslated_note(bilingual_portal)

    assert client.get("/en/ressources/note/", **HOST).status_code == 404

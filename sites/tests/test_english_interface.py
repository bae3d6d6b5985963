"""Pages served under /en/ show the interface (skip link, search box, headings,
error pages) from the English catalogue in locale/en, while the French pages at
the root keep the French source strings."""

import pytest

from sites.translation import translate_page

# Portals Alpha (default theme) and Bêta (DSFR theme), created once for the module.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]

ALPHA = {"HTTP_HOST": "alpha.localhost"}
BETA = {"HTTP_HOST": "beta.localhost"}


def translate_home(portal, locale):
    """The portal's home and its library and domain pages, published in ``locale``
    (the module's portals were created before English existed)."""
    translate_page(portal.home, locale)
    for child in portal.home.get_children().live().specific():
        translate_page(child, locale)


@pytest.fixture
def english_alpha(portal_a, english):
    translate_home(portal_a, english)
    return portal_a


def test_english_home_shows_the_interface_in_english(client, english_alpha):
    response = client.get("/en/", **ALPHA)

    assert response.status_code == 200
    html = response.text
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#contenu">Skip to content</a>' in html
    assert '<label for="entete-recherche" class="visually-hidden">Search the portal</label>' in html
    assert '<button type="submit" class="button">Search</button>' in html
    assert '<nav class="language-switcher" aria-label="Language">' in html
    assert '<h2 id="domaines">Domains</h2>' in html
    assert '<h2 id="nouveautes">Latest resources</h2>' in html
    assert "This portal has not published any resources yet." in html
    for french in ("Aller au contenu", "Rechercher sur le portail", "Dernières ressources", "Ce portail ne publie"):
        assert french not in html


def test_french_home_keeps_the_french_interface(client, english_alpha):
    html = client.get("/", **ALPHA).text

    assert '<html lang="fr">' in html
    assert '<a class="skip-link" href="#contenu">Aller au contenu</a>' in html
    assert '<label for="entete-recherche" class="visually-hidden">Rechercher sur le portail</label>' in html
    assert '<h2 id="nouveautes">Dernières ressources</h2>' in html
    assert "Skip to content" not in html
    assert "Search the portal" not in html


def test_french_home_stays_french_for_an_english_browser(client, english_alpha):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9", **ALPHA).text

    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Skip to content" not in html


def test_dsfr_theme_header_is_translated_too(client, portal_b, english):
    translate_home(portal_b, english)

    html = client.get("/en/", **BETA).text

    assert 'class="theme-dsfr"' in html
    assert '<label class="fr-label" for="entete-recherche">Search the portal</label>' in html
    assert 'title="Home — Portail Bêta"' in html
    assert '<button type="submit" class="fr-btn">Search</button>' in html
    assert "Rechercher sur le portail" not in html


def test_english_search_page_and_plural_results(client, english_alpha):
    html = client.get("/en/recherche/", {"q": "zzzintrouvable"}, **ALPHA).text

    assert '<label for="recherche-q" class="visually-hidden">Search terms</label>' in html
    assert '<h2 id="resultats-titre" class="search-results__count" role="status">0 results</h2>' in html
    assert "No results for “zzzintrouvable”." in html
    assert "Mots recherchés" not in html


def test_english_404_page(client, english_alpha):
    response = client.get("/en/n-existe-pas/", **ALPHA)

    assert response.status_code == 404
    assert "Page not found · Portail Alpha" in response.text
    assert "The requested address does not exist or is no longer published." in response.text
    assert "Page introuvable" not in response.text
    # The way back leads to the portal's English home.
    assert '<a href="/en/">' in response.text

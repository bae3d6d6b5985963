"""Every page of a portal links to its sections, the reader's account and the
footer's mandatory pages: a new portal's home reaches the library, the domains,
the communities, the veille and the agenda, sign-in and sign-up; the footer
reaches the accessibility statement (with its RGAA status), the legal notice,
the personal data page, the site map and the contact page, in French and in
English; the section being read is marked; the language switch keeps the
reader's place."""

import pytest
from bs4 import BeautifulSoup

from communities.models import Notification, Visibility
from communities.pages import create_community, ensure_community_index
from resources.factories import ResourcePageFactory
from sites.branding import Compliance
from sites.factories import UserFactory
from sites.models import InformationPage, PortalBranding
from sites.page_forms import InformationPageForm
from sites.translation import translate_page
from tests.utils import library_of

GAMMA = {"HTTP_HOST": "gamma.localhost"}


@pytest.fixture
def gamma(english, make_portal):
    """A portal created as an operator creates one, in French and English."""
    return make_portal("gamma.localhost", "Portail Gamma", contact_email="contact@gamma.example")


def _soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _menu(soup):
    nav = soup.select_one("nav.portal-nav")
    return [a.get_text(strip=True) for a in nav.select("ul.container > li > a")], nav


def _footer_links(soup):
    return {a.get_text(" ", strip=True): a["href"] for a in soup.select("footer .portal-footer__links a")}


def test_a_new_portal_home_links_to_every_section_and_the_account(client, gamma):
    soup = _soup(client.get("/", **GAMMA))

    top_level, nav = _menu(soup)
    assert top_level == ["Ressources", "Communautés", "Veille", "Agenda"]
    domains = nav.select_one(".portal-nav__group")
    assert domains.summary.get_text(strip=True) == "Domaines"
    assert [a["href"] for a in domains.select("a")][:2] == ["/mobilites/", "/environnement-et-risques/"]
    assert soup.select_one(".account-menu a[href^='/compte/login/']").get_text(strip=True) == "Se connecter"
    assert soup.select_one(".account-menu a[href='/compte/signup/']").get_text(strip=True) == "Créer un compte"
    for href in ("/ressources/", "/communautes/", "/veille/", "/agenda/"):
        assert client.get(href, **GAMMA).status_code == 200


def test_the_footer_reaches_the_mandatory_pages_in_both_languages(client, gamma):
    french = _footer_links(_soup(client.get("/", **GAMMA)))
    assert french == {
        "Accessibilité : non conforme": "/accessibilite/",
        "Mentions légales": "/mentions-legales/",
        "Données personnelles": "/donnees-personnelles/",
        "Plan du site": "/plan-du-site/",
        "Contact": "/contact/",
    }
    english = _footer_links(_soup(client.get("/en/", **GAMMA)))
    assert english == {
        "Accessibility: non-compliant": "/en/accessibilite/",
        "Legal notice": "/en/mentions-legales/",
        "Personal data": "/en/donnees-personnelles/",
        "Site map": "/en/plan-du-site/",
        "Contact": "/en/contact/",
    }
    for href in [*french.values(), *english.values()]:
        assert client.get(href, **GAMMA).status_code == 200
    statement = _soup(client.get("/en/accessibilite/", **GAMMA))
    assert statement.h1.get_text(strip=True) == "Accessibility"
    assert "RGAA" in statement.select_one(".rich-text").get_text()
    assert "contact@gamma.example" in _soup(client.get("/contact/", **GAMMA)).select_one(".rich-text").get_text()


def test_the_accessibility_status_follows_the_branding(client, gamma):
    PortalBranding.objects.filter(site=gamma.site).update(accessibility_compliance=Compliance.PARTIAL)

    assert "Accessibilité : partiellement conforme" in _footer_links(_soup(client.get("/", **GAMMA)))


def test_editors_order_and_choose_the_sections(client, gamma):
    home = gamma.home
    veille = home.get_children().get(slug="veille").specific
    veille.show_in_menus = False
    veille.save_revision().publish()
    agenda = home.get_children().get(slug="agenda")
    agenda.move(home.get_children().get(slug="ressources"), pos="left")
    other = InformationPage(title="Charte de participation", slug="charte", kind=InformationPage.Kind.OTHER)
    home.add_child(instance=other)
    other.save_revision().publish()

    soup = _soup(client.get("/", **GAMMA))

    assert _menu(soup)[0] == ["Agenda", "Ressources", "Communautés"]
    assert _footer_links(soup)["Charte de participation"] == "/charte/"


def test_the_section_being_read_is_marked(client, portal_a, domains):
    resource = ResourcePageFactory(parent=library_of(portal_a), title="Guide", slug="guide", domains=domains[:1])
    soup = _soup(client.get(resource.url, HTTP_HOST="alpha.localhost"))
    nav = soup.select_one("nav.portal-nav")
    assert nav.select_one("a[href='/ressources/']")["aria-current"] == "true"

    soup = _soup(client.get("/mobilites/", HTTP_HOST="alpha.localhost"))
    nav = soup.select_one("nav.portal-nav")
    assert nav.select_one("a[href='/mobilites/']")["aria-current"] == "page"
    assert "is-current" in nav.select_one(".portal-nav__group summary")["class"]
    assert not nav.select_one("a[href='/ressources/']").has_attr("aria-current")


def test_a_member_reaches_their_space_and_signs_out(client, portal_a):
    member = UserFactory(username="claire")
    community = create_community(ensure_community_index(portal_a.home), "Vélo au quotidien", Visibility.PUBLIC)
    Notification.objects.create(
        user=member, community=community, kind=Notification.Kind.INVITED, message="Invitation", link=community.url
    )
    client.force_login(member)

    soup = _soup(client.get("/", HTTP_HOST="alpha.localhost"))
    menu = soup.select_one(".account-menu")
    links = {a.get_text(" ", strip=True): a["href"] for a in menu.select("a")}
    assert links == {
        "Mon fil": "/membres/mon-fil/",
        "Notifications 1": "/membres/notifications/",
        "Mon profil": "/membres/profil/",
        "Préférences d'e-mail": "/membres/preferences/",
        "Mes alertes": "/recherche/alertes/",
    }
    assert menu.summary.select_one(".count-badge").get_text() == "1"
    logout = menu.select_one("form")
    assert logout["method"] == "post" and logout["action"] == "/compte/logout/"
    assert logout.select_one("input[name=csrfmiddlewaretoken]")
    for href in links.values():
        assert client.get(href, HTTP_HOST="alpha.localhost").status_code == 200


def test_the_dsfr_header_and_footer_carry_the_same_links(client, portal_b):
    soup = _soup(client.get("/", HTTP_HOST="beta.localhost"))

    assert soup.select_one(".fr-header .account-menu a[href^='/compte/login/']")
    assert [a.get_text(strip=True) for a in soup.select(".fr-nav__list > .fr-nav__item > a")] == [
        "Ressources",
        "Communautés",
        "Veille",
        "Agenda",
    ]
    bottom = {a.get_text(" ", strip=True) for a in soup.select(".fr-footer__bottom-list a")}
    assert {"Accessibilité : non conforme", "Mentions légales", "Données personnelles", "Plan du site"} <= bottom
    assert {a["href"] for a in soup.select(".fr-footer__content-list a")} >= {
        "https://www.legifrance.gouv.fr",
        "https://www.service-public.fr",
        "https://www.data.gouv.fr",
        "https://www.info.gouv.fr",
    }


def test_the_language_switch_keeps_the_readers_place(client, gamma):
    def english_link(path):
        soup = _soup(client.get(path, **GAMMA))
        return soup.select_one(".language-switcher a[hreflang=en]")["href"]

    assert english_link("/recherche/?q=v%C3%A9lo") == "/en/recherche/?q=v%C3%A9lo"
    assert english_link("/plan-du-site/") == "/en/plan-du-site/"
    assert english_link("/mentions-legales/") == "/en/mentions-legales/"
    assert english_link("/membres/") == "/en/membres/"
    index = ensure_community_index(gamma.home)
    community = create_community(index, "Vélo au quotidien", Visibility.PUBLIC)
    # A community with no English version: the English home.
    assert english_link(community.url + "membres/") == "/en/"


def test_a_community_sub_address_keeps_its_place_in_the_other_language(client, gamma, english):
    index = ensure_community_index(gamma.home)
    community = create_community(index, "Vélo au quotidien", Visibility.PUBLIC)
    translated = translate_page(community, english)

    soup = _soup(client.get(community.url + "membres/", **GAMMA))

    assert translated.url_path.endswith("/velo-au-quotidien/")
    assert soup.select_one(".language-switcher a[hreflang=en]")["href"] == "/en/communautes/velo-au-quotidien/membres/"


def test_the_site_map_lists_sections_and_their_pages_but_no_secret_community(client, gamma):
    index = ensure_community_index(gamma.home)
    create_community(index, "Vélo au quotidien", Visibility.PUBLIC)
    create_community(index, "Cellule de crise inondations", Visibility.SECRET)

    soup = _soup(client.get("/plan-du-site/", **GAMMA))

    text = soup.select_one(".site-map").get_text(" ", strip=True)
    assert "Vélo au quotidien" in text
    assert "Cellule de crise" not in text
    sections = [a.get_text(strip=True) for a in soup.select(".site-map__sections > li > a")]
    assert sections[:3] == ["Accueil", "Ressources", "Mobilités"]
    assert {"Communautés", "Veille", "Agenda", "Mentions légales", "Recherche"} <= set(sections)


def test_a_portal_has_one_page_of_each_footer_kind(gamma):
    form_class = InformationPage.get_edit_handler().get_form_class()
    form = form_class(
        data={"title": "Mentions légales bis", "slug": "mentions-bis", "kind": "legal", "body": "{}"},
        instance=InformationPage(),
        parent_page=gamma.home,
        for_user=UserFactory(is_superuser=True),
    )
    assert issubclass(form_class, InformationPageForm)

    assert not form.is_valid()
    assert "déjà une page « Mentions légales »" in str(form.errors["kind"])


def test_the_home_title_names_the_portal_once(client, gamma):
    soup = _soup(client.get("/", **GAMMA))
    assert soup.title.get_text() == "Portail Gamma"
    assert _soup(client.get("/ressources/", **GAMMA)).title.get_text() == "Ressources · Portail Gamma"

"""Each portal serves its own sitemap.xml (its live, public pages, on its own
hostname) and a robots.txt pointing at it."""

import datetime

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import PageViewRestriction

from communities.events.models import EventPage
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from communities.polls.models import QuestionnairePage
from resources.factories import ResourcePageFactory
from tests.utils import library_of, path_of
from veille.models import VeilleEntry, VeilleIndexPage, VeillePage

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Portals Alpha and Bêta, created once for the module (see conftest.portals_once).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def sitemap_locations(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return {loc.text for loc in ElementTree.fromstring(response.content).findall("sm:url/sm:loc", NS)}


@pytest.fixture
def resources(portal_a, portal_b, domains):
    library = library_of(portal_a)
    ResourcePageFactory(parent=library, title="Publique", slug="publique", domains=domains[:1])
    ResourcePageFactory(parent=library, title="Brouillon", slug="brouillon", live=False)
    private = ResourcePageFactory(parent=library, title="Privée", slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    ResourcePageFactory(parent=library_of(portal_b), title="Chez Bêta", slug="chez-beta", shared_with_all=True)


def test_sitemap_lists_the_portal_live_public_pages(client, resources):
    assert sitemap_locations(client, "alpha.localhost") == {
        "http://alpha.localhost/",
        "http://alpha.localhost/ressources/",
        "http://alpha.localhost/ressources/publique/",
        "http://alpha.localhost/mobilites/",
        "http://alpha.localhost/environnement-et-risques/",
        "http://alpha.localhost/veille/",
        "http://alpha.localhost/agenda/",
        "http://alpha.localhost/communautes/",
        "http://alpha.localhost/mentions-legales/",
        "http://alpha.localhost/accessibilite/",
        "http://alpha.localhost/donnees-personnelles/",
        "http://alpha.localhost/contact/",
    }


def test_each_portal_has_its_own_sitemap(client, resources):
    locations = sitemap_locations(client, "beta.localhost")

    assert "http://beta.localhost/ressources/chez-beta/" in locations
    assert all(url.startswith("http://beta.localhost/") for url in locations)
    assert not any("publique" in url for url in locations)


def test_sitemap_includes_translations(client, english, make_portal):
    make_portal("gamma.localhost", "Portail Gamma")  # created in French and English

    locations = sitemap_locations(client, "gamma.localhost")

    assert {"http://gamma.localhost/en/", "http://gamma.localhost/en/ressources/"} <= locations
    assert "http://gamma.localhost/" in locations


def test_robots_txt_points_to_the_portal_sitemap(client, portal_a, portal_b):
    alpha = client.get("/robots.txt", HTTP_HOST="alpha.localhost")
    beta = client.get("/robots.txt", HTTP_HOST="beta.localhost")

    assert alpha.status_code == 200
    assert alpha["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://alpha.localhost/sitemap.xml" in alpha.text.splitlines()
    assert "Disallow: /admin/" in alpha.text.splitlines()
    assert "Sitemap: http://beta.localhost/sitemap.xml" in beta.text.splitlines()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def communities(portal_a, portal_b):
    """One community per visibility on Alpha, each with an event, a questionnaire
    and a veille issue made for it; and a public issue on each portal."""
    index = ensure_community_index(portal_a.home)
    veille = VeilleIndexPage.objects.child_of(portal_a.home).get()
    resource = ResourcePageFactory(parent=library_of(portal_a), title="Guide", slug="guide")
    start = timezone.now() + datetime.timedelta(days=7)
    pages = {}
    for visibility, title in [
        (Visibility.PUBLIC, "Réseau vélo"),
        (Visibility.ON_REQUEST, "Cercle des ingénieurs"),
        (Visibility.SECRET, "Club des élus"),
    ]:
        community = create_community(index, title, visibility)
        pages[visibility] = {
            "community": community,
            "event": _publish(
                community, EventPage(title=f"Rencontre {title}", start=start, end=start + datetime.timedelta(hours=2))
            ),
            "questionnaire": _publish(
                community, QuestionnairePage(title=f"Questionnaire {title}", slug=f"questionnaire-{community.slug}")
            ),
            "issue": _publish(
                veille,
                VeillePage(title=f"Veille {title}", community=community, entries=[VeilleEntry(resource=resource)]),
            ),
        }
    pages["portal_issue"] = _publish(
        veille, VeillePage(title="Veille de mars", entries=[VeilleEntry(resource=resource)])
    )
    beta_veille = VeilleIndexPage.objects.child_of(portal_b.home).get()
    pages["beta_issue"] = _publish(
        beta_veille, VeillePage(title="Veille de Bêta", entries=[VeilleEntry(resource=resource)])
    )
    return pages


def test_sitemap_lists_only_what_anonymous_readers_can_open(client, communities):
    locations = sitemap_locations(client, "alpha.localhost")
    paths = {location.removeprefix("http://alpha.localhost") for location in locations}
    public, on_request, secret = (communities[v] for v in (Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET))

    # What anonymous readers open: the public community, its event and issue, the
    # presentation of the on-request community, the portal's own issue.
    assert {path_of(public[name]) for name in ("community", "event", "issue")} <= paths
    assert path_of(on_request["community"]) in paths
    assert path_of(communities["portal_issue"]) in paths
    for page in (public["community"], public["event"], on_request["community"], communities["portal_issue"]):
        assert client.get(path_of(page), HTTP_HOST="alpha.localhost").status_code == 200
    # What they cannot open is left out: the secret community and everything tied to
    # it, the on-request community's content and issue, questionnaires (members
    # only), another portal's issue.
    hidden = [secret[name] for name in secret] + [on_request[name] for name in ("event", "questionnaire", "issue")]
    hidden += [public["questionnaire"], communities["beta_issue"]]
    assert not {path_of(page) for page in hidden} & paths
    assert not any(secret["community"].slug in location or "club" in location for location in locations)
    for page in (secret["community"], secret["event"], secret["issue"], on_request["event"], on_request["issue"]):
        assert client.get(path_of(page), HTTP_HOST="alpha.localhost").status_code in (302, 404)


def test_a_community_made_public_enters_the_sitemap_with_its_content(client, communities):
    on_request = communities[Visibility.ON_REQUEST]
    community = on_request["community"]
    community.visibility = Visibility.PUBLIC
    community.save_revision().publish()

    paths = {
        location.removeprefix("http://alpha.localhost") for location in sitemap_locations(client, "alpha.localhost")
    }

    assert {path_of(on_request["event"]), path_of(on_request["issue"])} <= paths

"""The library's RSS and Atom feeds: a portal's new resources and each domain's,
announced by the pages, parsed cleanly by feedparser, linked to pages anyone
can open, and never listing what readers may not see."""

import datetime
import re

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from resources.factories import ResourcePageFactory
from sites.feeds import start_of
from tests.utils import domain_page_of, library_of, path_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]

ALPHA = "alpha.localhost"
ALTERNATE = re.compile(r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)" title="([^"]*)" href="([^"]*)">')


def fetch(client, url, host=ALPHA, **headers):
    response = client.get(url, HTTP_HOST=host, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def parse(response):
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def anonymous_path(client, link, host=ALPHA):
    """``link`` must be absolute on the portal's hostname and open for anyone."""
    prefix = f"http://{host}"
    assert link.startswith(prefix + "/"), link
    return fetch(client, link[len(prefix) :], host)


@pytest.fixture
def library(portals_once):
    """Three resources of Alpha in Mobilités (one unpublished, one restricted),
    one in the other domain, and one of Bêta shared with every portal."""
    a, b = portals_once.a, portals_once.b
    mobilites, environnement = portals_once.domains
    day = datetime.date(2025, 3, 1)
    made = {
        "old": ResourcePageFactory(parent=library_of(a), title="Plan vélo", domains=[mobilites], publication_date=day),
        "new": ResourcePageFactory(
            parent=library_of(a),
            title="Mobilité & vélo « rural »",
            summary="Un <b>guide</b> & ses <script>alert(1)</script> fiches.",
            domains=[mobilites],
            publication_date=day + datetime.timedelta(days=10),
        ),
        "other_domain": ResourcePageFactory(
            parent=library_of(a), title="Risques côtiers", domains=[environnement], publication_date=day
        ),
        "draft": ResourcePageFactory(parent=library_of(a), title="Brouillon caché", domains=[mobilites], live=False),
        "restricted": ResourcePageFactory(parent=library_of(a), title="Réservé aux agents", domains=[mobilites]),
        "shared": ResourcePageFactory(
            parent=library_of(b),
            title="Partagé par Bêta",
            domains=[mobilites],
            shared_with_all=True,
            publication_date=day,
        ),
    }
    PageViewRestriction.objects.create(
        page=made["restricted"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return made


def test_domain_feed_lists_visible_resources_of_the_domain_newest_first(client, portal_a, domains, library):
    feed = parse(fetch(client, "/flux/domaines/mobilites/rss/"))

    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Mobilité & vélo « rural »"
    assert set(titles) == {"Mobilité & vélo « rural »", "Plan vélo", "Partagé par Bêta"}
    assert feed.feed.title == "Ressources · Mobilités · Portail Alpha"
    assert feed.feed.language == "fr"
    assert feed.feed.link == f"http://{ALPHA}{path_of(domain_page_of(portal_a, domains[0]))}"
    newest = feed.entries[0]
    assert datetime.datetime(*newest.published_parsed[:6], tzinfo=datetime.UTC) == start_of(datetime.date(2025, 3, 11))
    assert newest.id == f"tag:{ALPHA},2025:page/{library['new'].pk}"
    # The summary is plain text: its markup is shown, never interpreted.
    assert (
        newest.summary == "<p>Un &lt;b&gt;guide&lt;/b&gt; &amp; ses &lt;script&gt;alert(1)&lt;/script&gt; fiches.</p>"
    )
    assert [tag.term for tag in newest.tags] == ["Mobilités"]


def test_every_entry_opens_for_an_anonymous_reader(client, library):
    feed = parse(fetch(client, "/flux/ressources/rss/"))

    assert {entry.title for entry in feed.entries} == {
        "Mobilité & vélo « rural »",
        "Plan vélo",
        "Risques côtiers",
        "Partagé par Bêta",
    }
    for entry in feed.entries:
        host = "beta.localhost" if entry.title == "Partagé par Bêta" else ALPHA
        assert entry.title in anonymous_path(client, entry.link, host).text.replace("&amp;", "&").replace("&#x27;", "'")


def test_atom_variant_parses_with_the_same_entries(client, library):
    rss = parse(fetch(client, "/flux/domaines/mobilites/rss/"))
    response = fetch(client, "/flux/domaines/mobilites/atom/")
    atom = parse(response)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.version == "atom10" and rss.version == "rss20"
    assert [(e.title, e.link, e.id) for e in atom.entries] == [(e.title, e.link, e.id) for e in rss.entries]
    assert atom.feed.subtitle.startswith("Les dernières ressources du domaine")


def test_english_pages_announce_english_feeds(client, english):
    from portail.portals import create_portal

    create_portal("gamma.localhost", "Portail Gamma")  # created with its English tree
    home = fetch(client, "/en/", host="gamma.localhost")
    hrefs = [href for _type, _title, href in ALTERNATE.findall(home.text)]
    assert "/en/flux/ressources/rss/" in hrefs

    feed = parse(fetch(client, "/en/flux/ressources/rss/", host="gamma.localhost"))
    assert feed.feed.language == "en"
    assert feed.feed.link == "http://gamma.localhost/en/"


def test_unknown_domain_gives_404_and_feeds_only_answer_get(client, library):
    assert client.get("/flux/domaines/inconnu/rss/", HTTP_HOST=ALPHA).status_code == 404
    assert client.post("/flux/ressources/rss/", HTTP_HOST=ALPHA).status_code == 405


def test_conditional_get_and_cache_lifetime(client, library):
    response = fetch(client, "/flux/ressources/rss/")

    assert "max-age=900" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Last-Modified"] and response["ETag"]
    again = client.get("/flux/ressources/rss/", HTTP_HOST=ALPHA, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/flux/ressources/rss/", HTTP_HOST=ALPHA, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_pages_announce_their_feeds(client, portal_a, domains, library):
    home = fetch(client, "/")
    announced = ALTERNATE.findall(home.text)
    assert ("application/rss+xml", "Nouvelles ressources (RSS)", "/flux/ressources/rss/") in announced
    assert ("application/atom+xml", "Nouvelles ressources (Atom)", "/flux/ressources/atom/") in announced

    domain = fetch(client, path_of(domain_page_of(portal_a, domains[0])))
    assert (
        "application/rss+xml",
        "Ressources · Mobilités (RSS)",
        "/flux/domaines/mobilites/rss/",
    ) in ALTERNATE.findall(domain.text)

    resource = fetch(client, path_of(library["old"]))
    assert not [alternate for alternate in ALTERNATE.findall(resource.text) if "domaines" in alternate[2]]
    for _type, _title, href in announced + ALTERNATE.findall(domain.text):
        parse(fetch(client, href))


def test_feed_queries_do_not_grow_with_its_entries(client, portal_a, domains, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            fetch(client, "/flux/domaines/mobilites/rss/")
        return len(queries)

    count()  # caches warmed (site root paths, branding)
    before = count()
    for number in range(5):
        ResourcePageFactory(
            parent=library_of(portal_a), title=f"Fiche vélo {number}", domains=[domains[0]], tags=["vélo"]
        )
    assert count() == before

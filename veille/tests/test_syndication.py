"""The veille's RSS and Atom feeds: one entry per published issue of the portal,
linked to the issue page an anonymous reader can open, announced by the home
page, the archive and the issues."""

import datetime
import re

import feedparser
import pytest

from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from tests.utils import path_of

from .conftest import harvest_item, make_source, publish_issue, publish_resource, veille_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]
ALPHA = "alpha.localhost"
ALTERNATE = re.compile(r'<link rel="alternate" type="(application/(?:rss|atom)\+xml)" title="([^"]*)" href="([^"]*)">')


def parse(response):
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def issues(portal_a, portal_b):
    guide = publish_resource(portal_a, "Guide des pistes cyclables")
    item = harvest_item(make_source(portal_a), "Appel à projets <vélo>")
    older = publish_issue(portal_a, "Veille d'octobre", [guide], date=datetime.date(2026, 10, 1))
    newer = publish_issue(
        portal_a,
        "Veille de novembre & décembre",
        [item, guide],
        notes=["<script>alert('x')</script> À suivre.", ""],
        date=datetime.date(2026, 11, 1),
    )
    secret = create_community(ensure_community_index(portal_a.home), "Élus entre eux", Visibility.SECRET)
    publish_issue(portal_a, "Veille des élus", [guide], community=secret)
    publish_issue(portal_b, "Veille du portail Bêta", [publish_resource(portal_b, "Fiche Bêta")])
    return {"older": older, "newer": newer}


def test_veille_feed_lists_the_portals_public_issues_newest_first(client, issues, portal_a):
    parsed = parse(client.get("/flux/veille/rss/", HTTP_HOST=ALPHA))

    assert [entry.title for entry in parsed.entries] == ["Veille de novembre & décembre", "Veille d'octobre"]
    assert parsed.feed.title == "Veille · Portail Alpha"
    assert parsed.feed.link == f"http://{ALPHA}{path_of(veille_of(portal_a))}"
    newest = parsed.entries[0]
    assert newest.link == f"http://{ALPHA}{path_of(issues['newer'])}"
    assert "Appel à projets &lt;vélo&gt;" in newest.summary and "Guide des pistes cyclables" in newest.summary
    assert "<script" not in newest.summary and "À suivre." in newest.summary


def test_every_issue_opens_for_an_anonymous_reader(client, issues):
    parsed = parse(client.get("/flux/veille/atom/", HTTP_HOST=ALPHA))

    assert parsed.version == "atom10" and len(parsed.entries) == 2
    for entry in parsed.entries:
        response = client.get(entry.link.removeprefix(f"http://{ALPHA}"), HTTP_HOST=ALPHA)
        assert response.status_code == 200
        assert entry.title in response.content.decode().replace("&amp;", "&").replace("&#x27;", "'")


def test_home_archive_and_issues_announce_the_veille_feed(client, issues, portal_a):
    for page_path in ("/", path_of(veille_of(portal_a)), path_of(issues["older"])):
        announced = ALTERNATE.findall(client.get(page_path, HTTP_HOST=ALPHA).content.decode())
        assert ("application/rss+xml", "Veille (RSS)", "/flux/veille/rss/") in announced, page_path
        assert ("application/atom+xml", "Veille (Atom)", "/flux/veille/atom/") in announced, page_path


def test_a_portal_without_issues_serves_an_empty_feed(client, portal_b):
    parsed = parse(client.get("/flux/veille/rss/", HTTP_HOST="beta.localhost"))

    assert parsed.entries == []
    assert parsed.feed.title == "Veille · Portail Bêta"

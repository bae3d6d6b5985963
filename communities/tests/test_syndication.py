"""The activity feed of a public community: RSS and Atom that parse cleanly,
entries an anonymous reader can open, no moderated line, no member arrivals,
and no feed at all for a community on request or secret."""

import re

import feedparser
import pytest

from communities import posting
from communities.activity import record
from communities.models import ActivityItem, PinnedResource, Visibility
from resources.factories import ResourcePageFactory
from tests.utils import library_of, path_of

HOST = "alpha.localhost"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/(?:rss|atom)\+xml" title="[^"]*" href="([^"]*)">')


def feed_path(community, kind="rss"):
    return f"/flux/communautes/{community.slug}/{kind}/"


def parse(response):
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def public(world):
    return world.communities[Visibility.PUBLIC]


@pytest.fixture
def activity(world, public, fresh_people):
    """A post with a comment, a moderated post, a pinned live resource and a
    pinned unpublished one, and a member's arrival."""
    author = fresh_people["member"]
    post = posting.publish_post(
        public, author, "Retour & bilan « vélo »", "<p>Bonjour <strong>tous</strong><script>alert(1)</script></p>"
    )
    comment = posting.add_comment(post, fresh_people["expert"], "<p>Merci pour ce bilan.</p>")
    hidden = posting.publish_post(public, author, "Message modéré", "<p>Hors sujet</p>")
    posting.set_hidden(hidden, True, fresh_people["animateur"])
    library = library_of(world.portal)
    live = ResourcePageFactory(parent=library, title="Guide des pistes cyclables")
    draft = ResourcePageFactory(parent=library, title="Guide en préparation", live=False)
    for page in (live, draft):
        pin = PinnedResource.objects.create(community=public, page=page, pinned_by=fresh_people["animateur"])
        record(public, fresh_people["animateur"], ActivityItem.Verb.PINNED, pin=pin)
    record(public, fresh_people["visitor"], ActivityItem.Verb.JOINED)
    return {"post": post, "comment": comment}


def test_public_community_feed_lists_its_readable_activity(client, public, activity):
    parsed = parse(client.get(feed_path(public), HTTP_HOST=HOST))

    titles = [entry.title for entry in parsed.entries]
    assert len(titles) == 3, titles
    assert any(title.endswith("a publié « Retour & bilan « vélo » »") for title in titles)
    assert any(title.endswith("a commenté « Retour & bilan « vélo » »") for title in titles)
    assert any(title.endswith("a épinglé une ressource « Guide des pistes cyclables »") for title in titles)
    assert not [title for title in titles if "modéré" in title or "préparation" in title or "rejoint" in title]
    assert parsed.feed.title == f"Activité · {public.title} · Portail Alpha"
    post_entry = next(entry for entry in parsed.entries if "a publié" in entry.title)
    assert "<strong>tous</strong>" in post_entry.summary
    assert "script" not in post_entry.summary and "alert(1)" not in post_entry.summary


def test_every_entry_opens_for_an_anonymous_reader(client, public, activity):
    parsed = parse(client.get(feed_path(public, "atom"), HTTP_HOST=HOST))

    assert parsed.version == "atom10" and len(parsed.entries) == 3
    for entry in parsed.entries:
        assert entry.link.startswith(f"http://{HOST}/"), entry.link
        response = client.get(entry.link.removeprefix(f"http://{HOST}").split("#")[0], HTTP_HOST=HOST)
        assert response.status_code == 200, entry.link
    ids = {entry.id for entry in parsed.entries}
    assert len(ids) == 3 and all(entry_id.startswith(f"tag:{HOST},2025:activity/") for entry_id in ids)


@pytest.mark.parametrize("visibility", [Visibility.ON_REQUEST, Visibility.SECRET])
def test_community_that_is_not_public_has_no_feed(client, world, fresh_people, visibility):
    community = world.communities[visibility]
    posting.publish_post(community, fresh_people["member"], "Entre nous", "<p>Confidentiel</p>")
    client.force_login(fresh_people["member"])

    for kind in ("rss", "atom"):
        response = client.get(feed_path(community, kind), HTTP_HOST=HOST)
        assert response.status_code == 404
        assert b"Entre nous" not in response.content
    page = client.get(path_of(community), HTTP_HOST=HOST)
    assert page.status_code == 200
    assert not [href for href in ALTERNATE.findall(page.text) if "/communautes/" in href]


def test_public_community_page_announces_its_feed(client, public):
    page = client.get(path_of(public), HTTP_HOST=HOST)

    hrefs = ALTERNATE.findall(page.text)
    assert feed_path(public, "rss") in hrefs and feed_path(public, "atom") in hrefs
    assert client.get(feed_path(public), HTTP_HOST=HOST).status_code == 200


def test_unpublished_community_has_no_feed(client, public):
    public.unpublish()

    assert client.get(feed_path(public), HTTP_HOST=HOST).status_code == 404


def test_feed_queries_do_not_grow_with_its_entries(client, public, activity, fresh_people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_path(public), HTTP_HOST=HOST).status_code == 200
        return len(queries)

    count()  # caches warmed (site root paths, branding)
    before = count()
    for number in range(4):
        post = posting.publish_post(public, fresh_people["expert"], f"Publication {number}", "<p>Texte</p>")
        posting.add_comment(post, fresh_people["member"], "<p>Réponse</p>")
    assert count() == before

"""The community home, the feeds and the listing run a fixed number of queries,
whatever the amount of activity and members."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities import posting
from communities.factories import add_member, member_user
from communities.models import Visibility

HOST = "alpha.localhost"


def grow(community, animateur, size):
    for number in range(size):
        user = member_user(f"membre-{community.pk}-{size}-{number}")
        add_member(community, user)
        post = posting.publish_post(community, user, f"Message {number}", "<p>Texte.</p>")
        posting.add_comment(post, animateur, "<p>Merci.</p>")


def count_queries(client, url):
    client.get(url, HTTP_HOST=HOST)  # warm the per-process caches (site, branding)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "member", "animateur"])
def test_community_home_budget_does_not_grow(client, world, fresh_people, role):
    community = world.communities[Visibility.PUBLIC]
    if fresh_people[role] is not None:
        client.force_login(fresh_people[role])
    grow(community, fresh_people["animateur"], 3)
    small = count_queries(client, community.url)
    grow(community, fresh_people["animateur"], 25)
    large = count_queries(client, community.url)
    assert large == small
    assert large <= 20


def test_personal_feed_and_listing_budgets_do_not_grow(client, world, fresh_people):
    from communities import membership

    member = fresh_people["member"]
    for community in world.communities.values():
        membership.follow(member, community)
    client.force_login(member)
    grow(world.communities[Visibility.SECRET], fresh_people["animateur"], 3)
    feed_small, listing_small = count_queries(client, "/membres/mon-fil/"), count_queries(client, world.index.url)
    grow(world.communities[Visibility.PUBLIC], fresh_people["animateur"], 20)
    assert count_queries(client, "/membres/mon-fil/") == feed_small <= 13
    assert count_queries(client, world.index.url) == listing_small <= 20

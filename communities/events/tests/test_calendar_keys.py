"""A reader's personal calendar address of a restricted community holds a random
key that says nothing about them or the community; they change it from the
agenda (the old address stops at once), and it ends with their membership."""

import re

import pytest
from django.core import signing
from django.test import Client
from icalendar import Calendar

from communities import membership
from communities.events import calendars
from communities.events.models import CalendarKey
from communities.factories import add_member
from communities.models import Membership, Visibility

from .conftest import publish_event

R, S = Visibility.ON_REQUEST, Visibility.SECRET
ORIGIN = "http://alpha.localhost"


def key_of(feed_url):
    return re.fullmatch(rf"{ORIGIN}/calendriers/communaute/(.+)\.ics", feed_url).group(1)


def fetch(client, host, feed_url):
    return client.get(feed_url.removeprefix(ORIGIN), HTTP_HOST=host)


@pytest.fixture
def secret_event(world):
    return publish_event(world.communities[S], "Réunion à huis clos")


def test_the_personal_address_is_an_opaque_random_key(client, world, host, fresh_people, secret_event):
    member, expert = fresh_people["member"], fresh_people["expert"]
    urls = [calendars.community_feed_url(world.communities[v], user) for v in (S, R) for user in (member, expert)]
    keys = [key_of(url) for url in urls]
    for key in keys:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)  # 256 random bits and nothing else: no id, no signature
    assert len(set(keys)) == 4
    assert CalendarKey.objects.get(user=member, community=world.communities[S]).key == keys[0]
    assert calendars.community_feed_url(world.communities[S], member) == urls[0]  # the same address on every visit

    client.force_login(member)
    agenda = client.get(world.communities[S].url + "agenda/", HTTP_HOST=host).text
    assert (
        '<label for="personal-feed-url">' in agenda
        and f'id="personal-feed-url" class="personal-feed__url" type="text" value="{urls[0]}"' in agenda
    )
    client.logout()
    assert [e["summary"] for e in Calendar.from_ical(fetch(client, host, urls[0]).content).events] == [
        secret_event.title
    ]


def test_resetting_the_address_stops_the_old_one(world, host, fresh_people, secret_event):
    community, member = world.communities[S], fresh_people["member"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    agenda_url = community.url + "agenda/"
    old_url = calendars.community_feed_url(community, member)
    page = client.get(agenda_url, HTTP_HOST=host).text
    reset_url = re.search(r'<form method="post" action="([^"]+nouvelle-adresse/)">', page).group(1)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    assert client.get(reset_url, HTTP_HOST=host).status_code == 405
    assert client.post(reset_url, HTTP_HOST=host).status_code == 403  # no CSRF token
    assert fetch(client, host, old_url).status_code == 200

    response = client.post(reset_url, {"csrfmiddlewaretoken": csrf}, HTTP_HOST=host)
    assert response.status_code == 302 and response.url == agenda_url.removeprefix(ORIGIN)
    new_url = calendars.community_feed_url(community, member)
    assert new_url != old_url
    assert fetch(client, host, old_url).status_code == 404
    assert fetch(client, host, new_url).status_code == 200
    page = client.get(agenda_url, HTTP_HOST=host).text
    assert (
        "Votre adresse d'abonnement a changé" in page.replace("&#x27;", "'") and new_url in page and old_url not in page
    )


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_only_readers_reset_an_address(client, world, host, fresh_people, role):
    if fresh_people[role] is not None:
        client.force_login(fresh_people[role])
    for visibility, refused in ((S, (404,)), (R, (302, 403))):
        response = client.post(world.communities[visibility].url + "agenda/ical/nouvelle-adresse/", HTTP_HOST=host)
        assert response.status_code in refused
    assert not CalendarKey.objects.exists()


def test_the_address_ends_with_the_membership(client, world, host, fresh_people, secret_event):
    community, member = world.communities[S], fresh_people["member"]
    old_url = calendars.community_feed_url(community, member)
    membership.leave(member, community)
    assert fetch(client, host, old_url).status_code == 404
    assert not CalendarKey.objects.filter(user=member, community=community).exists()

    add_member(community, member, Membership.Role.MEMBER)
    new_url = calendars.community_feed_url(community, member)
    assert new_url != old_url and fetch(client, host, old_url).status_code == 404
    assert fetch(client, host, new_url).status_code == 200


def test_an_address_signed_with_ids_no_longer_works(client, world, host, fresh_people, secret_event):
    """Addresses given before the keys carried the member's and the community's
    ids under a signature: they are 404s now."""
    community, member = world.communities[S], fresh_people["member"]
    signed = signing.Signer(salt="events.calendar-feed").sign_object({"u": member.pk, "c": community.pk})
    assert client.get(f"/calendriers/communaute/{signed}.ics", HTTP_HOST=host).status_code == 404

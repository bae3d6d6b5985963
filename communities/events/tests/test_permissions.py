"""Community events follow the community's rules: who reads them, registers to
them and downloads their iCal file; and a restricted community's calendar feed
never leaks."""

import pytest
from icalendar import Calendar

from communities.events import calendars
from communities.events.models import Registration
from communities.models import Membership, Visibility

from .conftest import publish_event

P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET

# visibility -> role -> expected status code of the event page ("login" = sent to log in)
READ = {
    P: {"anonymous": 200, "visitor": 200, "pending": 200, "member": 200, "editor": 200},
    R: {"anonymous": "login", "visitor": 403, "pending": 403, "member": 200, "editor": 200},
    S: {"anonymous": 404, "visitor": 404, "pending": 404, "member": 200, "editor": 200},
}


@pytest.fixture
def events(world):
    return {
        visibility: publish_event(community, f"Rencontre {visibility}")
        for visibility, community in world.communities.items()
    }


def _login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def _status(response):
    if response.status_code == 302 and "/compte/" in response.url:
        return "login"
    return response.status_code


@pytest.mark.parametrize("visibility", [P, R, S])
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending", "member", "editor"])
def test_reading_an_event_and_its_ical_file(client, host, events, fresh_people, visibility, role):
    _login(client, fresh_people, role)
    event = events[visibility]
    expected = READ[visibility][role]
    page = client.get(event.url, HTTP_HOST=host)
    ics = client.get(event.url + "ical/", HTTP_HOST=host)
    assert _status(page) == expected
    assert _status(ics) == expected
    if expected == 200:
        assert event.title in page.text
        assert Calendar.from_ical(ics.content).events[0]["summary"] == event.title
    else:
        assert event.title not in page.text


@pytest.mark.parametrize("visibility", [P, R, S])
@pytest.mark.parametrize("role", ["visitor", "pending", "member"])
def test_registering_needs_the_right_to_read_the_community(client, host, events, fresh_people, visibility, role):
    _login(client, fresh_people, role)
    event = events[visibility]
    response = client.post(event.url + "inscription/", HTTP_HOST=host)
    registered = Registration.objects.filter(event=event, user=fresh_people[role]).exists()
    assert registered == (READ[visibility][role] == 200)
    if not registered:
        assert response.status_code in (403, 404)


@pytest.mark.parametrize("visibility", [P, R, S])
def test_the_community_agenda_is_for_readers(client, world, host, events, fresh_people, visibility):
    agenda_url = world.communities[visibility].url + "agenda/"
    client.force_login(fresh_people["member"])
    assert events[visibility].title in client.get(agenda_url, HTTP_HOST=host).text
    client.force_login(fresh_people["visitor"])
    response = client.get(agenda_url, HTTP_HOST=host)
    assert response.status_code == (200 if visibility == P else 403 if visibility == R else 404)
    assert (events[visibility].title in response.text) == (visibility == P)


def test_a_public_community_has_a_public_feed(client, world, host, events):
    community = world.communities[P]
    response = client.get(community.url + "agenda/ical/", HTTP_HOST=host)
    assert response.status_code == 200
    assert [e["summary"] for e in Calendar.from_ical(response.content).events] == [events[P].title]
    page = client.get(community.url, HTTP_HOST=host).text
    assert f'type="text/calendar" title="Agenda de la communauté" href="{community.full_url}agenda/ical/"' in page


@pytest.mark.parametrize("visibility", [R, S])
def test_a_restricted_community_feed_is_personal_and_stops_with_membership(
    client, world, host, events, fresh_people, visibility
):
    community = world.communities[visibility]
    member = fresh_people["member"]
    assert client.get(community.url + "agenda/ical/", HTTP_HOST=host).status_code == 404
    assert calendars.community_feed_url(community, fresh_people["visitor"]) is None
    assert calendars.community_feed_url(community, None) is None
    assert 'type="text/calendar" title="Agenda de la communauté"' not in client.get(community.url, HTTP_HOST=host).text

    client.force_login(member)
    agenda_page = client.get(community.url + "agenda/", HTTP_HOST=host).text
    feed_url = calendars.community_feed_url(community, member)
    assert feed_url.startswith("http://alpha.localhost/calendriers/communaute/") and feed_url in agenda_page
    client.logout()  # calendar apps do not log in
    path = feed_url.removeprefix("http://alpha.localhost")
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert [e["summary"] for e in Calendar.from_ical(response.content).events] == [events[visibility].title]

    assert client.get(path.replace(".ics", "0.ics"), HTTP_HOST=host).status_code == 404  # tampered
    assert client.get("/calendriers/communaute/nimporte-quoi.ics", HTTP_HOST=host).status_code == 404
    Membership.objects.filter(community=community, user=member).delete()
    assert client.get(path, HTTP_HOST=host).status_code == 404


def test_only_public_events_are_in_the_sitemap(client, world, host, events):
    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).text
    assert events[P].slug in sitemap
    assert events[R].slug not in sitemap and events[S].slug not in sitemap

"""iCalendar files parse back with ``icalendar`` and carry the right fields; the
portal feed holds only public events and the home page announces it."""

import datetime
import zoneinfo

from icalendar import Calendar

from communities.models import Visibility

from .conftest import publish_event

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
INJECTION = 'Atelier\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Piège <script>alert("x")</script>'


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_an_event_exports_to_a_valid_ical_file(client, world, host, agenda):
    start = datetime.datetime(2031, 3, 14, 9, 30, tzinfo=zoneinfo.ZoneInfo("America/Martinique"))
    event = publish_event(
        agenda,
        "Webinaire risques côtiers",
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="America/Martinique",
        kind="webinar",
        online_url="https://visio.example.org/cotes",
        summary="Retours d'expérience.",
        description="<p>Avec <b>trois</b> intervenants.</p>",
    )
    calendar = _parse(client.get(event.url + "ical/", HTTP_HOST=host))
    [vevent] = calendar.events
    assert vevent["uid"] == f"event-{event.pk}@alpha.localhost"
    assert vevent["summary"] == "Webinaire risques côtiers"
    assert vevent.start == start and vevent.end == start + datetime.timedelta(hours=2)
    assert vevent["dtstart"].params["TZID"] == "America/Martinique"
    assert [tz["tzid"] for tz in calendar.timezones] == ["America/Martinique"]
    assert vevent["dtstamp"].dt.tzinfo is not None
    assert vevent["location"] == "https://visio.example.org/cotes"
    assert vevent["url"] == event.full_url
    assert (
        vevent["description"] == "Retours d'expérience.\n\nAvec trois intervenants.\n\nhttps://visio.example.org/cotes"
    )


def test_an_injection_attempt_stays_text_in_ical_and_html(client, world, host, agenda):
    event = publish_event(
        agenda,
        INJECTION,
        slug="piege",
        place="Salle <b>1</b>\r\nEND:VCALENDAR",
        description="<p>ok</p><script>alert(1)</script>",
    )
    calendar = _parse(client.get(event.url + "ical/", HTTP_HOST=host))
    assert len(calendar.events) == 1
    assert calendar.events[0]["summary"] == INJECTION.replace("\r\n", "\n")  # line breaks stay inside the value
    assert calendar.events[0]["location"] == "Salle <b>1</b>\nEND:VCALENDAR"
    assert (
        b"\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Pi" not in client.get(event.url + "ical/", HTTP_HOST=host).content
    )
    html = client.get(event.url, HTTP_HOST=host).text
    assert "<script>alert" not in html
    assert "Piège &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Salle &lt;b&gt;1&lt;/b&gt;" in html


def test_the_portal_feed_holds_public_events_only(client, world, host, agenda):
    portal_event = publish_event(agenda, "Journée du portail")
    public = publish_event(world.communities[Visibility.PUBLIC], "Rencontre ouverte")
    publish_event(world.communities[Visibility.ON_REQUEST], "Rencontre sur demande")
    publish_event(world.communities[Visibility.SECRET], "Rencontre secrète")
    draft = publish_event(agenda, "Brouillon")
    draft.unpublish()
    calendar = _parse(client.get(agenda.url + "ical/", HTTP_HOST=host))
    assert sorted(str(e["summary"]) for e in calendar.events) == sorted([portal_event.title, public.title])
    listing = client.get(agenda.url, HTTP_HOST=host).text
    assert "Rencontre ouverte" in listing and "secrète" not in listing and "sur demande" not in listing


def test_every_portal_home_links_its_calendar(client, world, host, agenda):
    feed = agenda.full_url + "ical/"
    home = client.get("/", HTTP_HOST=host).text
    assert f'<link rel="alternate" type="text/calendar" title="Agenda du portail" href="{feed}">' in home
    page = client.get(agenda.url, HTTP_HOST=host).text
    assert f'<a href="{feed}" type="text/calendar" class="agenda-subscribe">S\'abonner à l\'agenda</a>' in page

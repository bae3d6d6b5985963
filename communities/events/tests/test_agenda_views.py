"""The list and month views of the portal's and the communities' agendas."""

import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from communities.events.models import EventPage
from communities.models import Visibility

from .conftest import DAY, HOUR, publish_event

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _cell(html, date):
    """The HTML of the month grid's cell for ``date``."""
    match = re.search(rf'<td [^>]*>\s*<span class="month-grid__date"><time datetime="{date}">.*?</td>', html, re.S)
    assert match, date
    return match.group(0)


def test_an_event_across_midnight_and_months_shows_on_both_days(client, world, host, agenda):
    start = datetime.datetime(2030, 1, 31, 22, 0, tzinfo=PARIS)
    publish_event(agenda, "Nuit de la mobilité", start=start, end=start + 4 * HOUR)
    ends_at_midnight = datetime.datetime(2030, 1, 30, 20, 0, tzinfo=PARIS)
    publish_event(agenda, "Soirée jusqu'à minuit", start=ends_at_midnight, end=ends_at_midnight + 4 * HOUR)
    tokyo = datetime.datetime(2030, 2, 1, 8, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))  # 31 Jan in UTC
    publish_event(agenda, "Matinée à Tokyo", start=tokyo, end=tokyo + HOUR, time_zone="Asia/Tokyo")

    january = client.get(agenda.url + "mois/2030-1/", HTTP_HOST=host).text
    assert "<caption>Janvier 2030</caption>" in january
    assert "Nuit de la mobilité" in _cell(january, "2030-01-31")
    assert "Nuit de la mobilité" in _cell(january, "2030-02-01")  # the grid's last week
    assert "Soirée jusqu&#x27;à minuit" in _cell(january, "2030-01-30")
    assert "minuit" not in _cell(january, "2030-01-31")
    assert "Tokyo" in _cell(january, "2030-02-01") and "Tokyo" not in _cell(january, "2030-01-31")
    february = client.get(agenda.url + "mois/2030-2/", HTTP_HOST=host).text
    assert "Nuit de la mobilité" in _cell(february, "2030-02-01")
    assert 'href="/agenda/mois/2030-1/" rel="prev"' in february and 'href="/agenda/mois/2030-3/" rel="next"' in february
    assert 'href="/agenda/mois/2029-12/" rel="prev"' in january


def test_the_month_view_marks_today_and_has_headings(client, world, host, agenda):
    today = timezone.localdate()
    html = client.get(agenda.url + "mois/", HTTP_HOST=host).text
    assert 'aria-current="date"' in _cell(html, today.isoformat())
    assert html.count('<th scope="col">') == 7 and '<abbr title="lundi">lun</abbr>' in html
    assert "Aucun événement ce mois-ci." in html


@pytest.mark.parametrize("path", ["mois/2030-13/", "mois/1500-1/"])
def test_an_impossible_month_is_not_found(client, world, host, agenda, path):
    assert client.get(agenda.url + path, HTTP_HOST=host).status_code == 404


def test_the_list_shows_upcoming_events_then_past_ones_with_their_replay(client, world, host, agenda):
    empty = client.get(agenda.url, HTTP_HOST=host).text
    assert "Aucun événement à venir pour le moment." in empty and "Aucun événement passé." in empty
    now = timezone.now()
    publish_event(agenda, "Plus tard", start=now + 9 * DAY)
    publish_event(agenda, "Bientôt", start=now + 2 * DAY)
    publish_event(agenda, "Le mois dernier", start=now - 30 * DAY, replay_url="https://video.example.org/w/replay")
    html = client.get(agenda.url, HTTP_HOST=host).text
    upcoming, past = html.split('id="passes-titre"')
    assert upcoming.index("Bientôt") < upcoming.index("Plus tard")
    assert "Le mois dernier" in past and "Replay disponible" in past


def test_a_past_event_shows_its_replay_and_documents(client, world, host, agenda):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    now = timezone.now()
    document = Document.objects.create(
        title="Support de présentation", file=ContentFile(b"%PDF-1.4", name="support.pdf")
    )
    event = publish_event(agenda, "Webinaire passé", start=now - 2 * DAY, replay_url="https://video.example.org/w/abc")
    event.documents.create(document=document)
    event.save_revision().publish()
    html = client.get(event.url, HTTP_HOST=host).text
    assert "Revoir l'événement" in html and 'href="https://video.example.org/w/abc"' in html
    assert "Support de présentation" in html
    assert "M'inscrire" not in html
    upcoming = publish_event(agenda, "Webinaire à venir", replay_url="https://video.example.org/w/later")
    upcoming.documents.create(document=document)
    upcoming.save_revision().publish()
    html = client.get(upcoming.url, HTTP_HOST=host).text
    assert "Support de présentation" not in html and "video.example.org" not in html


def test_the_community_agenda_lists_its_events_only(client, world, host, fresh_people):
    community = world.communities[Visibility.PUBLIC]
    publish_event(community, "Rencontre des mobilités")
    publish_event(world.communities[Visibility.ON_REQUEST], "Rencontre du littoral")
    html = client.get(community.url + "agenda/", HTTP_HOST=host).text
    assert "Rencontre des mobilités" in html and "Rencontre du littoral" not in html
    assert f'<a href="{community.relative_url(world.portal.site)}agenda/" aria-current="page">Agenda</a>' in html
    assert "Annoncer un événement" not in html
    client.force_login(fresh_people["editor"])
    assert "Annoncer un événement" in client.get(community.url + "agenda/", HTTP_HOST=host).text
    month = client.get(community.url + "agenda/mois/", HTTP_HOST=host)
    assert month.status_code == 200 and "month-grid" in month.text


def test_the_time_zone_is_named_only_when_it_is_not_the_portals(client, world, host, agenda):
    now = timezone.now()
    here = [publish_event(agenda, f"Atelier n° {number}", start=now + (number + 1) * DAY) for number in range(3)]
    cayenne = zoneinfo.ZoneInfo("America/Cayenne")
    start = (now + 5 * DAY).astimezone(cayenne).replace(hour=9, minute=0, second=0, microsecond=0)
    publish_event(agenda, "Rencontre guyanaise", start=start, end=start + 2 * HOUR, time_zone="America/Cayenne")

    html = client.get(agenda.url, HTTP_HOST=host).text
    assert "Atelier n° 2" in html and "Europe/Paris" not in html
    assert html.count("America/Cayenne") == 1
    assert re.search(r"09:00</time> – <time [^>]*>11:00</time> <abbr [^>]*>America/Cayenne</abbr>", html)
    assert "Europe/Paris" not in client.get(here[0].url, HTTP_HOST=host).text


def _count_queries(client, url, django_assert_max_num_queries, budget):
    client.get(url, HTTP_HOST="alpha.localhost")  # warm caches
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url, HTTP_HOST="alpha.localhost")
    assert response.status_code == 200
    return len(captured)


def _add_events(parent, count, now):
    for n in range(count):
        publish_event(
            parent,
            f"Événement {n}",
            start=now + (n - count // 2) * DAY + HOUR,
            replay_url="https://video.example.org/w/x",
        )


def test_query_counts_do_not_grow_with_events(client, world, agenda, fresh_people, django_assert_max_num_queries):
    community = world.communities[Visibility.ON_REQUEST]
    client.force_login(fresh_people["member"])
    now = timezone.now()
    urls = {
        "portal list": agenda.url,
        "portal month": agenda.url + "mois/",
        "portal feed": agenda.url + "ical/",
        "community list": community.url + "agenda/",
        "community month": community.url + "agenda/mois/",
    }
    _add_events(agenda, 2, now)
    _add_events(community, 2, now)
    _add_events(world.communities[Visibility.PUBLIC], 2, now)
    few = {name: _count_queries(client, url, django_assert_max_num_queries, 30) for name, url in urls.items()}
    _add_events(agenda, 12, now)
    _add_events(community, 12, now)
    _add_events(world.communities[Visibility.PUBLIC], 12, now)
    many = {name: _count_queries(client, url, django_assert_max_num_queries, 30) for name, url in urls.items()}
    assert many == few
    event = EventPage.objects.child_of(community).first()
    assert _count_queries(client, event.url, django_assert_max_num_queries, 30) <= 30

"""Those who organise an event see who registered, in order, and download the
list; nobody else does."""

import csv
import io

import pytest

from communities.events import registration
from communities.events.models import Registration
from communities.factories import add_member, member_user
from communities.models import Profile, Visibility

from .conftest import publish_event

P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET

# role -> expected answer to the registrants page of an event of each community
EXPECTED = {
    "anonymous": {P: "login", R: "login", S: 404},
    "visitor": {P: 403, R: 403, S: 404},
    "member": {P: 403, R: 403, S: 403},
    "expert": {P: 403, R: 403, S: 403},
    "animateur": {P: 200, R: 200, S: 200},
    "editor": {P: 200, R: 200, S: 200},
}


def _answer(response):
    if response.status_code == 302 and "/compte/" in response.url:
        return "login"
    return response.status_code


def _registrants_url(event):
    return event.url + "inscrits/"


def _person(username, name, organisation):
    user = member_user(username, email=f"{username}@example.org")
    Profile.objects.update_or_create(user=user, defaults={"display_name": name, "organisation": organisation})
    return user


@pytest.fixture
def full_event(world):
    """A public community's event with one seat: Camille has it, Dominique then
    Éric wait, Fanny cancelled."""
    community = world.communities[P]
    event = publish_event(community, "Atelier stationnement", capacity=1)
    people = [
        _person("camille", "Camille Martin", "Métropole de Lyon"),
        _person("dominique", "Dominique Petit", '=HYPERLINK("http://evil.example")'),
        _person("eric", "Éric Durand", ""),
        _person("fanny", "Fanny Leroy", "Cerema"),
    ]
    for person in people:
        add_member(community, person)
        registration.register(event, person)
    registration.cancel(event, people[3])
    return event


@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_animateurs_and_editors_see_the_registrants(client, world, host, fresh_people, role):
    for visibility, community in world.communities.items():
        event = publish_event(community, f"Réunion {visibility} {role}")
        if fresh_people[role] is not None:
            client.force_login(fresh_people[role])
        expected = EXPECTED[role][visibility]
        assert _answer(client.get(_registrants_url(event), HTTP_HOST=host)) == expected, (role, visibility)
        assert _answer(client.get(_registrants_url(event) + "?format=csv", HTTP_HOST=host)) == expected
        event_page = client.get(event.url, HTTP_HOST=host)
        if event_page.status_code == 200:  # the link is shown to those the list is for
            assert ("inscrits/" in event_page.text) == (expected == 200)
        client.logout()


def test_the_page_lists_seats_then_the_waiting_list_in_order(client, world, host, fresh_people, full_event):
    client.force_login(fresh_people["animateur"])
    html = client.get(_registrants_url(full_event), HTTP_HOST=host).text
    assert "1 personne inscrite sur 1 places" in html
    assert "2 en liste d'attente" in html and "1 annulation" in html
    assert html.index("Places attribuées") < html.index("Camille Martin") < html.index("Liste d'attente, dans l'ordre")
    assert html.index("Liste d'attente, dans l'ordre") < html.index("Dominique Petit") < html.index("Éric Durand")
    assert "Fanny Leroy" not in html
    assert "Métropole de Lyon" in html


def test_the_download_is_a_spreadsheet_safe_csv(client, world, host, fresh_people, full_event):
    client.force_login(fresh_people["editor"])
    response = client.get(_registrants_url(full_event) + "?format=csv", HTTP_HOST=host)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="inscrits-' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Statut", "Nom", "Organisation", "Adresse électronique", "Inscrit le"]
    assert [row[:2] for row in rows[1:]] == [
        ["Inscrit", "Camille Martin"],
        ["En liste d'attente", "Dominique Petit"],
        ["En liste d'attente", "Éric Durand"],
    ]
    assert rows[1][3] == "camille@example.org"
    assert rows[2][2] == '\'=HYPERLINK("http://evil.example")'  # not a formula


def test_an_event_without_registrations_says_so(client, world, host, fresh_people):
    event = publish_event(world.communities[P], "Visite de chantier")
    client.force_login(fresh_people["animateur"])
    html = client.get(_registrants_url(event), HTTP_HOST=host).text
    assert "Personne ne s'est encore inscrit à cet événement." in html
    assert "format=csv" not in html


def test_the_list_is_read_in_a_constant_number_of_queries(
    client, world, host, fresh_people, full_event, django_assert_max_num_queries
):
    client.force_login(fresh_people["animateur"])
    url = _registrants_url(full_event)
    client.get(url, HTTP_HOST=host)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, HTTP_HOST=host)
    community = world.communities[P]
    for number in range(15):
        person = _person(f"renfort{number}", f"Renfort {number}", "DDT")
        add_member(community, person)
        registration.register(full_event, person)
    assert Registration.objects.filter(event=full_event).count() == 19
    with django_assert_max_num_queries(len(few)):
        html = client.get(url, HTTP_HOST=host).text
    assert "Renfort 14" in html

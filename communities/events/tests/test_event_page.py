"""Editing an event: times in the event's own zone and refusals of bad input;
its activity line and search document follow its community."""

import datetime
import zoneinfo

import pytest
from wagtail.models import Page

from communities.events.models import EventPage
from communities.models import ActivityItem, Visibility
from search.models import SearchDocument

from .conftest import publish_event


def _form(parent, user, **data):
    form_class = EventPage.get_edit_handler().get_form_class()
    values = {
        "title": "Rencontre",
        "slug": "rencontre",
        "kind": "event",
        "start": "2031-06-01 10:00",
        "end": "2031-06-01 12:00",
        "time_zone": "Europe/Paris",
        "registration_open": "on",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    values.update(data)
    return form_class(values, instance=EventPage(), parent_page=parent, for_user=user)


def test_times_are_typed_in_the_event_time_zone(world, agenda):
    form = _form(agenda, world.people["superuser"], time_zone="America/New_York")
    assert form.is_valid(), form.errors
    event = form.save(commit=False)
    new_york = zoneinfo.ZoneInfo("America/New_York")
    assert event.start == datetime.datetime(2031, 6, 1, 10, 0, tzinfo=new_york)
    assert event.local_start == datetime.datetime(2031, 6, 1, 10, 0)
    shown = EventPage.get_edit_handler().get_form_class()(
        instance=event, parent_page=agenda, for_user=world.people["superuser"]
    )
    assert shown.initial["start"] == datetime.datetime(2031, 6, 1, 10, 0)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"end": "2031-06-01 09:00"}, "end", "La fin doit être postérieure au début."),
        ({"end": "2031-06-01 10:00"}, "end", "La fin doit être postérieure au début."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Fuseau horaire inconnu"),
        ({"time_zone": "../../etc/passwd"}, "time_zone", "Fuseau horaire inconnu"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "http"),
        ({"online_url": "ftp://example.org/x"}, "online_url", "http://"),
        ({"replay_url": "ftp://example.org/x"}, "replay_url", "http://"),
        ({"start": "pas une date"}, "start", ""),
        ({"registration_deadline": "2031-06-02 10:00"}, "registration_deadline", "précéder la fin"),
    ],
)
def test_bad_input_is_refused_with_a_message(world, agenda, data, field, message):
    form = _form(agenda, world.people["superuser"], **data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_events_may_be_created_in_agendas_and_communities_only(world, agenda):
    assert EventPage.can_create_at(agenda)
    assert EventPage.can_create_at(world.communities[Visibility.SECRET])
    assert not EventPage.can_create_at(world.portal.home)
    assert not EventPage.can_create_at(world.index)


def test_publishing_in_a_community_records_one_activity_line(world, fresh_people):
    community = world.communities[Visibility.PUBLIC]
    event = publish_event(community, "Atelier covoiturage", summary="Deux heures d'échanges.")
    lines = ActivityItem.objects.filter(community=community, verb=ActivityItem.Verb.EVENT)
    assert [(line.subject_title, line.subject_url, line.excerpt) for line in lines.all()] == [
        ("Atelier covoiturage", event.full_url, "Deux heures d'échanges.")
    ]
    event.save_revision().publish()
    assert lines.count() == 1
    event.unpublish()
    assert lines.get().hidden
    event.save_revision().publish()
    assert not lines.get().hidden
    Page.objects.get(pk=event.pk).delete()
    assert not lines.exists()


def test_portal_events_record_no_activity(world, agenda):
    publish_event(agenda, "Journée régionale")
    assert not ActivityItem.objects.filter(verb=ActivityItem.Verb.EVENT).exists()


def test_search_documents_carry_the_community_audience(world, agenda):
    from communities.access import audience_key
    from search import documents

    events = {
        visibility: publish_event(community, f"Rencontre {visibility}")
        for visibility, community in world.communities.items()
    }
    events["portal"] = publish_event(agenda, "Journée régionale")
    found = {key: SearchDocument.objects.get(key=documents.document_key(event)) for key, event in events.items()}
    assert found[Visibility.PUBLIC].audience == "" and found["portal"].audience == ""
    assert found[Visibility.ON_REQUEST].audience == audience_key(world.communities[Visibility.ON_REQUEST].pk)
    assert found[Visibility.SECRET].audience == audience_key(world.communities[Visibility.SECRET].pk)
    assert {doc.kind for doc in found.values()} == {"event"}
    community = world.communities[Visibility.ON_REQUEST]
    community.visibility = Visibility.PUBLIC
    community.save_revision().publish()
    assert SearchDocument.objects.get(key=documents.document_key(events[Visibility.ON_REQUEST])).audience == ""


def test_editors_get_the_event_form_with_its_replay_and_documents(client, world, agenda):
    client.force_login(world.people["superuser"])
    response = client.get(f"/admin/pages/add/events/eventpage/{agenda.pk}/", HTTP_HOST="alpha.localhost")
    assert response.status_code == 200
    html = response.text
    assert 'name="replay_media"' in html and 'name="replay_url"' in html and 'id="id_documents-TOTAL_FORMS"' in html
    assert '<option value="Europe/Paris" selected>' in html

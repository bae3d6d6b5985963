"""Registration: seats, the waiting list, cancellations and refusals."""

import pytest
from django.core import mail
from django.utils import timezone

from communities.events import registration
from communities.events.models import Registration
from communities.models import Notification, Visibility

from .conftest import DAY, HOUR, publish_event

Status = Registration.Status


@pytest.fixture
def community(world):
    return world.communities[Visibility.PUBLIC]


def _register_url(event):
    return event.url + "inscription/"


def test_registering_past_capacity_puts_people_on_the_waiting_list(client, world, host, community, fresh_people):
    event = publish_event(community, "Atelier mobilités", capacity=1)
    client.force_login(fresh_people["member"])
    response = client.post(_register_url(event), HTTP_HOST=host, follow=True)
    assert "Vous êtes inscrit." in response.text
    client.force_login(fresh_people["expert"])
    response = client.post(_register_url(event), HTTP_HOST=host, follow=True)
    assert "complet : vous êtes sur la liste d&#x27;attente" in response.text
    statuses = dict(Registration.objects.filter(event=event).values_list("user__username", "status"))
    assert statuses == {"member": Status.REGISTERED, "expert": Status.WAITING}
    assert registration.seats_left(event) == 0


def test_nobody_registers_twice(client, world, host, community, fresh_people):
    event = publish_event(community, "Atelier vélo")
    client.force_login(fresh_people["member"])
    client.post(_register_url(event), HTTP_HOST=host)
    response = client.post(_register_url(event), HTTP_HOST=host, follow=True)
    assert "déjà inscrit" in response.text
    assert Registration.objects.filter(event=event).count() == 1


def test_registering_to_a_past_event_or_after_the_deadline_is_refused(client, world, host, community, fresh_people):
    now = timezone.now()
    past = publish_event(community, "Atelier passé", start=now - 3 * DAY, end=now - 3 * DAY + HOUR)
    late = publish_event(community, "Atelier clos", start=now + 3 * DAY, registration_deadline=now - HOUR)
    closed = publish_event(community, "Atelier fermé", start=now + 3 * DAY, registration_open=False)
    client.force_login(fresh_people["member"])
    for event, message in (
        (past, "Cet événement est terminé."),
        (late, "date limite"),
        (closed, "ne sont pas ouvertes"),
    ):
        response = client.post(_register_url(event), HTTP_HOST=host, follow=True)
        assert message in response.text
    assert not Registration.objects.filter(event__in=[past, late, closed]).exists()


def test_cancelling_gives_the_seat_to_the_first_person_waiting(
    client, world, host, community, fresh_people, django_capture_on_commit_callbacks
):
    event = publish_event(
        community, "Webinaire ZFE", kind="webinar", online_url="https://visio.example.org/zfe", capacity=1
    )
    member, expert, animateur = fresh_people["member"], fresh_people["expert"], fresh_people["animateur"]
    registration.register(event, member)
    registration.register(event, expert)
    registration.register(event, animateur)
    mail.outbox.clear()

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url + "desinscription/", HTTP_HOST=host, follow=True)
    assert "Votre inscription est annulée." in response.text

    statuses = dict(Registration.objects.filter(event=event).values_list("user__username", "status"))
    assert statuses == {"member": Status.CANCELLED, "expert": Status.REGISTERED, "animateur": Status.WAITING}
    notice = Notification.objects.get(user=expert, kind=Notification.Kind.REGISTRATION)
    assert "Webinaire ZFE" in notice.message and notice.link == event.full_url
    assert [message.to for message in mail.outbox] == [[expert.email]]
    assert "Webinaire ZFE" in mail.outbox[0].subject and event.full_url in mail.outbox[0].body


def test_leaving_the_waiting_list_promotes_nobody_and_registering_again_goes_to_the_back(
    world, community, fresh_people
):
    event = publish_event(community, "Visite de chantier", capacity=1)
    member, expert, animateur = fresh_people["member"], fresh_people["expert"], fresh_people["animateur"]
    registration.register(event, member)
    registration.register(event, expert)
    assert registration.cancel(event, expert) is None
    registration.register(event, animateur)
    assert registration.register(event, expert).status == Status.WAITING
    promotion = registration.cancel(event, member)
    assert promotion.registration.user == animateur  # who waited longest


def test_cancelling_without_a_registration_is_refused(world, community, fresh_people):
    event = publish_event(community, "Rencontre")
    with pytest.raises(registration.RegistrationError, match="pas inscrit"):
        registration.cancel(event, fresh_people["member"])


def test_a_portal_event_promotes_by_e_mail_only(world, agenda, fresh_people, django_capture_on_commit_callbacks):
    event = publish_event(agenda, "Journée régionale", capacity=1)
    registration.register(event, fresh_people["visitor"])
    registration.register(event, fresh_people["member"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel(event, fresh_people["visitor"])
    assert [message.to for message in mail.outbox] == [[fresh_people["member"].email]]
    assert not Notification.objects.filter(kind=Notification.Kind.REGISTRATION).exists()


def test_registering_needs_a_post_from_a_logged_in_person(client, world, host, community):
    event = publish_event(community, "Atelier")
    assert client.get(_register_url(event), HTTP_HOST=host).status_code == 405
    response = client.post(_register_url(event), HTTP_HOST=host)
    assert response.status_code == 302 and "/compte/" in response.url
    assert not Registration.objects.filter(event=event).exists()


def test_the_promotion_mail_links_to_the_portal_with_the_configured_scheme(
    world, agenda, fresh_people, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_URL_SCHEME = "https"
    event = publish_event(agenda, "Journée sécurisée", capacity=1)
    registration.register(event, fresh_people["visitor"])
    registration.register(event, fresh_people["member"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration.cancel(event, fresh_people["visitor"])
    [message] = mail.outbox
    assert event.full_url.startswith("https://alpha.localhost/") and event.full_url in message.body

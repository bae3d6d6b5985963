"""The newsletter: double opt-in, the e-mail of each published issue (once),
one-click unsubscription and failed recipients."""

import re
import socket
from email import message_from_bytes

import pytest
from django.core import mail
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse

from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from sites.factories import UserFactory
from veille.messages import unsubscribe_url
from veille.models import Dispatch, Subscriber
from veille.newsletter import confirm

from .conftest import harvest_item, make_source, publish_issue, publish_resource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]
ALPHA = "alpha.localhost"


def confirmed(portal, email):
    subscriber = Subscriber.objects.create(site=portal.site, email=email)
    confirm(subscriber)
    return subscriber


def publish(capture, *args, **kwargs):
    with capture(execute=True):
        return publish_issue(*args, **kwargs)


def test_double_opt_in(client, portal_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("veille:subscribe"), {"email": "Lea@Example.org"}, HTTP_HOST=ALPHA)
    assert response.status_code == 200 and "un e-mail vient de lui être envoyé" in response.content.decode()
    subscriber = Subscriber.objects.get(site=portal_a.site)
    assert subscriber.email == "lea@example.org" and subscriber.status == Subscriber.Status.PENDING

    message = mail.outbox[-1]
    assert message.to == ["lea@example.org"] and "Confirmez votre abonnement" in message.subject
    link = re.search(r"http://alpha\.localhost(/lettre-de-veille/confirmer/\S+/)", message.body).group(1)
    assert link in message.alternatives[0][0]
    assert "Confirmer mon abonnement" in client.get(link, HTTP_HOST=ALPHA).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING  # opening the link alone confirms nothing
    assert "recevra les prochains numéros" in client.post(link, HTTP_HOST=ALPHA).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED and subscriber.confirmed_at

    forged = link.replace("confirmer/", "confirmer/x")
    assert client.post(forged, HTTP_HOST=ALPHA).status_code == 400


def test_subscribing_again_sends_nothing_to_a_confirmed_address(client, portal_a, django_capture_on_commit_callbacks):
    confirmed(portal_a, "deja@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("veille:subscribe"), {"email": "deja@example.org"}, HTTP_HOST=ALPHA)
    assert mail.outbox == []


@override_settings(VEILLE_SUBSCRIPTION_RATE_LIMITS={"client": (10, 3600), "address": (10, 600)})
def test_a_pending_address_gets_one_confirmation_at_a_time(client, portal_a, django_capture_on_commit_callbacks):
    import datetime

    def ask():
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("veille:subscribe"), {"email": "cible@example.org"}, HTTP_HOST=ALPHA)

    ask()
    ask()  # even with the rate limits of the cache out of the way (see below)
    assert len(mail.outbox) == 1
    Subscriber.objects.update(confirmation_sent_at=F("confirmation_sent_at") - datetime.timedelta(minutes=20))
    ask()
    assert len(mail.outbox) == 2


def test_a_bad_address_gets_a_form_error(client, portal_a):
    response = client.post(reverse("veille:subscribe"), {"email": "pas une adresse"}, HTTP_HOST=ALPHA)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() and not Subscriber.objects.exists()


@override_settings(ALLOWED_HOSTS=["*"], PORTAL_URL_SCHEME="https")
def test_the_confirmation_links_to_the_portal_never_to_the_host_header(
    client, portal_a, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    Site.objects.update(is_default_site=False)
    Site.objects.filter(pk=portal_a.site.pk).update(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("veille:subscribe"), {"email": "lea@example.org"}, HTTP_HOST="portail.attaquant.example")
    body = mail.outbox[-1].body
    assert re.search(r"https://alpha\.localhost/lettre-de-veille/confirmer/\S+/", body) and "attaquant" not in body


@override_settings(VEILLE_SUBSCRIPTION_RATE_LIMITS={"client": (3, 3600), "address": (1, 600)})
def test_a_client_asking_too_often_is_told_to_wait_and_sends_nothing(
    client, portal_a, django_capture_on_commit_callbacks
):
    def ask(email, address="203.0.113.7"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("veille:subscribe"), {"email": email}, HTTP_HOST=ALPHA, REMOTE_ADDR=address)

    assert [ask(f"lecteur{number}@example.org").status_code for number in range(3)] == [200, 200, 200]
    refused = ask("lecteur3@example.org")
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    page = refused.content.decode()
    assert "Trop de demandes d&#x27;abonnement" in page and "Réessayez dans 60 minutes" in page
    assert 'value="lecteur3@example.org"' in page  # what the reader typed is still in the form
    assert len(mail.outbox) == 3 and not Subscriber.objects.filter(email="lecteur3@example.org").exists()

    assert ask("lecteur3@example.org", address="198.51.100.2").status_code == 200  # another client is not held back
    assert len(mail.outbox) == 4


def _main(response):
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


@override_settings(VEILLE_SUBSCRIPTION_RATE_LIMITS={"client": (5, 3600), "address": (1, 600)})
def test_after_subscribing_the_page_says_to_check_the_mailbox_not_the_form_again(
    client, portal_a, django_capture_on_commit_callbacks
):
    def subscribe():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("veille:subscribe"), {"email": "lea@example.org"}, HTTP_HOST=ALPHA)

    done = _main(subscribe())
    assert '<p role="status">Merci ! Si cette adresse' in done and "cliquez sur son lien pour confirmer" in done
    assert "<form" not in done and 'name="email"' not in done
    again = subscribe()  # posted twice, or the page reloaded
    assert again.status_code == 429 and len(mail.outbox) == 1
    page = _main(again)
    assert re.search(
        r'<p role="status">Un e-mail de confirmation vient déjà d&#x27;être demandé pour cette adresse : '
        r"consultez votre messagerie",
        page,
    )
    assert "<form" not in page and 'name="email"' not in page and 'role="alert"' not in page


@override_settings(VEILLE_SUBSCRIPTION_RATE_LIMITS={"client": (5, 3600), "address": (1, 600)})
def test_an_address_gets_one_confirmation_in_a_while_whatever_the_portal(
    client, portal_a, portal_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("veille:subscribe"), {"email": "cible@example.org"}, HTTP_HOST=ALPHA)
        again = client.post(reverse("veille:subscribe"), {"email": "Cible@Example.org"}, HTTP_HOST="beta.localhost")
    assert first.status_code == 200 and again.status_code == 429
    assert "vient déjà d&#x27;être demandé pour cette adresse" in again.content.decode()
    assert len(mail.outbox) == 1 and not Subscriber.objects.filter(site=portal_b.site).exists()


@override_settings(VEILLE_SUBSCRIPTION_RATE_LIMITS={"client": (0, 3600), "address": (1, 600)})
def test_the_refusal_is_in_english_for_english_readers(client, portal_a):
    response = client.post("/en" + reverse("veille:subscribe"), {"email": "reader@example.org"}, HTTP_HOST=ALPHA)
    assert response.status_code == 429 and "Too many subscription requests" in response.content.decode()


@pytest.fixture
def two_issues(portal_a):
    guide = publish_resource(portal_a, "Guide des pistes cyclables")
    item = harvest_item(make_source(portal_a), "Appel à projets vélo")
    return guide, item


def test_each_issue_is_sent_once_to_confirmed_subscribers(
    portal_a, portal_b, two_issues, django_capture_on_commit_callbacks
):
    guide, item = two_issues
    reader = confirmed(portal_a, "lecteur@example.org")
    Subscriber.objects.create(site=portal_a.site, email="attente@example.org")
    gone = confirmed(portal_a, "parti@example.org")
    gone.status = Subscriber.Status.UNSUBSCRIBED
    gone.save()
    confirmed(portal_b, "beta@example.org")

    publish(django_capture_on_commit_callbacks, portal_a, "Veille de septembre", [guide], notes=["Ancien numéro."])
    mail.outbox.clear()
    issue = publish(
        django_capture_on_commit_callbacks,
        portal_a,
        "Veille de novembre",
        [item],
        notes=["<b>Échéance</b> le 15 décembre."],
    )

    assert [message.to for message in mail.outbox] == [["lecteur@example.org"]]
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    assert "Veille de novembre" in message.subject
    for body in (message.body, html):
        assert "Appel à projets vélo" in body and item.url in body
        assert "Guide des pistes cyclables" not in body and "Ancien numéro." not in body
    assert "<b>Échéance</b> le 15 décembre." in message.body
    assert "&lt;b&gt;Échéance&lt;/b&gt; le 15 décembre." in html

    unsubscribe = unsubscribe_url(reader)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body and unsubscribe in html

    dispatch = Dispatch.objects.get(issue=issue)
    assert (dispatch.recipients, dispatch.sent_count, dispatch.failed_count) == (1, 1, 0) and dispatch.finished_at

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issue.title = "Veille de novembre (corrigée)"
        issue.save_revision().publish()
    assert mail.outbox == [] and Dispatch.objects.filter(issue=issue).count() == 1


def test_one_click_unsubscription(portal_a):
    reader = confirmed(portal_a, "lecteur@example.org")
    path = unsubscribe_url(reader).removeprefix("http://alpha.localhost")
    client = Client(enforce_csrf_checks=True)
    page = client.get(path, HTTP_HOST=ALPHA)
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED  # a link checker opening the page unsubscribes no one
    response = client.post(
        path, {"List-Unsubscribe": "One-Click"}, HTTP_HOST=ALPHA
    )  # as a mail client does, without CSRF token
    assert response.status_code == 200 and "ne recevra plus la veille" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED and reader.unsubscribed_at
    assert client.post(path.replace("desabonnement/", "desabonnement/0"), HTTP_HOST=ALPHA).status_code == 400


def test_issues_of_non_public_communities_are_not_sent(portal_a, two_issues, django_capture_on_commit_callbacks):
    confirmed(portal_a, "lecteur@example.org")
    secret = create_community(ensure_community_index(portal_a.home), "Club des élus", Visibility.SECRET)
    issue = publish(django_capture_on_commit_callbacks, portal_a, "Veille du club", [two_issues[0]], community=secret)
    assert mail.outbox == [] and not Dispatch.objects.filter(issue=issue).exists()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on the loopback that refuses mailboxes starting with
    "refuse" (550) and keeps what it accepts."""
    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.received = []

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address.startswith("refuse"):
                return "550 5.1.1 Mailbox unavailable"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            self.received.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
            return "250 Message accepted"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


def test_refused_and_invalid_addresses_do_not_stop_the_sending(
    client, portal_a, two_issues, smtp_server, django_capture_on_commit_callbacks
):
    confirmed(portal_a, "premiere@example.org")
    refused = confirmed(portal_a, "refuse@example.org")
    invalid = Subscriber.objects.create(
        site=portal_a.site, email="adresse-invalide", status=Subscriber.Status.CONFIRMED
    )
    confirmed(portal_a, "derniere@example.org")

    issue = publish(django_capture_on_commit_callbacks, portal_a, "Veille de novembre", [two_issues[1]])

    delivered = sorted(rcpt for rcpts, _message in smtp_server.received for rcpt in rcpts)
    assert delivered == ["derniere@example.org", "premiere@example.org"]
    _rcpts, sample = smtp_server.received[0]
    assert sample["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in sample.walk()} >= {"text/plain", "text/html"}

    refused.refresh_from_db()
    invalid.refresh_from_db()
    assert (
        refused.bounce_count == 1
        and refused.last_error.startswith("550")
        and refused.status == Subscriber.Status.BOUNCED
    )
    assert invalid.status == Subscriber.Status.BOUNCED and invalid.last_error == "Adresse e-mail invalide."
    dispatch = Dispatch.objects.get(issue=issue)
    assert (dispatch.recipients, dispatch.sent_count, dispatch.failed_count) == (4, 2, 2)

    client.force_login(UserFactory(username="admin-envoi", superuser=True))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert "Envoi de la lettre" in edit
    assert re.search(r"<dt>Envoyés</dt><dd>2</dd>\s*<dt>Échecs</dt><dd>2</dd>", edit)


def test_editors_see_their_portals_subscribers_and_failures(client, portal_a, portal_b):
    failing = confirmed(portal_a, "echec@example.org")
    Subscriber.objects.filter(pk=failing.pk).update(
        status=Subscriber.Status.BOUNCED, bounce_count=1, last_error="550 Mailbox unavailable"
    )
    confirmed(portal_b, "beta@example.org")
    client.force_login(UserFactory(username="editrice-abonnes", groups=[portal_a.editors]))
    html = client.get(reverse("veille_subscribers")).content.decode()
    assert "echec@example.org" in html and "550 Mailbox unavailable" in html and "beta@example.org" not in html
    refused = client.get(reverse("veille_subscribers"), {"portal": portal_b.site.pk})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")

"""Saved-search alerts: a reader saves a search from the results page and
receives, daily or weekly, one e-mail with only the new items they may see."""

import socket

import pytest
from django.core import mail

from communities import posting
from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from portail.celery import app
from search import alerts, documents
from search.models import SavedSearch, SearchDocument
from search.tasks import send_daily_alerts, send_weekly_alerts

from .conftest import refresh

Frequency = SavedSearch.Frequency


def closed_port():
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def reader(db):
    return member_user("lectrice", email="lectrice@example.org")


@pytest.fixture
def communities(portal_a):
    index = ensure_community_index(portal_a.home)
    return {
        "public": create_community(index, "Cyclistes du quotidien", Visibility.PUBLIC),
        "secret": create_community(index, "Élus en vélo", Visibility.SECRET),
    }


def save_alert(reader, portal, query="vélo", frequency=Frequency.DAILY, **fields):
    return SavedSearch.objects.create(
        user=reader, site=portal.site, name=f"Alerte {query}", query=query, language="fr", frequency=frequency, **fields
    )


@pytest.mark.django_db
def test_alert_lists_only_new_items_the_reader_may_see(portal_a, publish, communities, reader, search_index):
    publish(portal_a, "Vélo en ville : l'ancien guide")
    alert = save_alert(reader, portal_a)

    publish(portal_a, "Plan vélo des campagnes")
    publish(portal_a, "Piscines municipales")  # new, but does not match
    posting.publish_post(communities["public"], reader, "Vélo partagé au bureau", "<p>Retour d'expérience.</p>")
    secret_author = member_user("elu")
    add_member(communities["secret"], secret_author)
    posting.publish_post(communities["secret"], secret_author, "Vélo de fonction des élus", "<p>Entre nous.</p>")
    refresh(search_index)
    assert SearchDocument.objects.filter(title="Vélo de fonction des élus").exclude(audience="").exists()

    assert send_daily_alerts.delay().get() == 1

    [message] = mail.outbox
    assert message.to == ["lectrice@example.org"]
    assert message.subject == "2 nouveaux résultats pour votre alerte « Alerte vélo »"
    for body in (message.body, message.alternatives[0][0]):
        assert "Plan vélo des campagnes" in body and "Vélo partagé au bureau" in body
        assert "ancien guide" not in body and "Piscines" not in body and "élus" not in body
    assert message.alternatives[0][1] == "text/html"
    assert "http://alpha.localhost/recherche/alertes/" in message.body
    alert.refresh_from_db()
    assert alert.last_sent_at is not None

    # Nothing new since: no e-mail, the date of the last one is kept.
    sent_at = alert.last_sent_at
    assert send_daily_alerts.delay().get() == 0
    assert len(mail.outbox) == 1
    alert.refresh_from_db()
    assert alert.last_sent_at == sent_at


@pytest.mark.django_db
def test_a_member_is_alerted_of_their_secret_community(portal_a, publish, communities, reader, search_index):
    add_member(communities["secret"], reader)
    save_alert(reader, portal_a)
    posting.publish_post(communities["secret"], reader, "Vélo de fonction des élus", "<p>Entre nous.</p>")
    refresh(search_index)

    assert alerts.send_alerts(Frequency.DAILY) == 1
    assert "Vélo de fonction des élus" in mail.outbox[0].body


@pytest.mark.django_db
def test_alert_keeps_its_facets_and_frequency(portal_a, publish, domains, reader, search_index):
    save_alert(reader, portal_a, filters={"domain": domains[0].slug})
    weekly = save_alert(reader, portal_a, query="côtiers", frequency=Frequency.WEEKLY)

    publish(portal_a, "Vélo et mobilités", domains=[domains[0]])
    publish(portal_a, "Vélo sur les digues", domains=[domains[1]])
    publish(portal_a, "Risques côtiers", domains=[domains[1]])

    assert send_daily_alerts.delay().get() == 1
    assert "Vélo et mobilités" in mail.outbox[0].body and "digues" not in mail.outbox[0].body
    assert send_weekly_alerts.delay().get() == 1
    assert mail.outbox[1].subject == f"1 nouveau résultat pour votre alerte « {weekly.name} »"


@pytest.mark.django_db
def test_an_updated_old_item_is_not_new(portal_a, publish, reader, search_index):
    page = publish(portal_a, "Vélo en ville")
    save_alert(reader, portal_a)

    page.title = "Vélo en ville, édition révisée"
    page.save_revision().publish()
    documents.rebuild_documents()  # a rebuild keeps the first indexing date too
    refresh(search_index)

    assert SearchDocument.objects.get(title="Vélo en ville, édition révisée")
    assert alerts.send_alerts(Frequency.DAILY) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_sending_is_tried_again_with_the_same_items(portal_a, publish, reader, search_index, settings):
    alert = save_alert(reader, portal_a)
    publish(portal_a, "Plan vélo des campagnes")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2

    assert alerts.send_alerts(Frequency.DAILY) == 0
    alert.refresh_from_db()
    assert alert.last_sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert alerts.send_alerts(Frequency.DAILY) == 1
    assert "Plan vélo des campagnes" in mail.outbox[0].body


def test_alerts_are_scheduled_daily_and_weekly():
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"search.send_daily_alerts", "search.send_weekly_alerts"} <= schedule


# The pages: creating an alert from the results, listing and deleting them.


def host(portal):
    return {"HTTP_HOST": portal.site.hostname}


@pytest.mark.django_db
def test_results_page_offers_an_alert_form_to_readers_and_a_login_link_to_others(client, portal_a, reader):
    anonymous = client.get("/recherche/", {"q": "vélo"}, **host(portal_a)).content.decode()
    assert "Connectez-vous pour créer une alerte" in anonymous and "/compte/login/?next=" in anonymous

    client.force_login(reader)
    html = client.get("/recherche/", {"q": "vélo", "domain": "mobilites"}, **host(portal_a)).content.decode()
    assert 'action="/recherche/alertes/creer/"' in html
    assert '<input type="hidden" name="domain" value="mobilites">' in html
    assert '<label for="alerte-frequence">' in html


@pytest.mark.django_db
def test_reader_creates_lists_and_deletes_an_alert(client, portal_a, reader):
    client.force_login(reader)
    response = client.post(
        "/recherche/alertes/creer/",
        {"q": "vélo", "domain": "mobilites", "scope": "all", "name": "", "frequency": "weekly", "user": "1"},
        **host(portal_a),
    )

    assert response.status_code == 302 and response["Location"] == "/recherche/alertes/"
    alert = SavedSearch.objects.get(user=reader)
    assert (alert.name, alert.query, alert.filters, alert.all_portals) == (
        "vélo",
        "vélo",
        {"domain": "mobilites"},
        True,
    )
    assert (alert.site, alert.language, alert.frequency) == (portal_a.site, "fr", Frequency.WEEKLY)
    listing = client.get("/recherche/alertes/", **host(portal_a)).content.decode()
    assert "Alerte « vélo » créée" in listing and "Chaque semaine" in listing
    assert "http://alpha.localhost/recherche/?q=v%C3%A9lo&amp;domain=mobilites&amp;scope=all" in listing

    other = member_user("autre")
    foreign = save_alert(other, portal_a)
    assert client.post(f"/recherche/alertes/{foreign.pk}/supprimer/", **host(portal_a)).status_code == 404
    assert client.post(f"/recherche/alertes/{alert.pk}/supprimer/", **host(portal_a)).status_code == 302
    assert list(SavedSearch.objects.all()) == [foreign]


@pytest.mark.django_db
def test_anonymous_readers_are_sent_to_log_in(client, portal_a):
    response = client.post("/recherche/alertes/creer/", {"q": "vélo", "frequency": "daily"}, **host(portal_a))
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    assert client.get("/recherche/alertes/", **host(portal_a)).status_code == 302
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_alert_mail_links_to_the_portal_with_the_configured_scheme(portal_a, publish, reader, search_index, settings):
    settings.PORTAL_URL_SCHEME = "https"
    alert = save_alert(reader, portal_a)
    publish(portal_a, "Plan vélo sécurisé")
    refresh(search_index)
    assert send_daily_alerts.delay().get() == 1
    [message] = mail.outbox
    assert "https://alpha.localhost/recherche/alertes/" in message.body
    assert alerts.search_url(alert).startswith("https://alpha.localhost/recherche/?") and "http://" not in message.body

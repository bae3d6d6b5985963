"""A newcomer's journey in a real browser: sign up and verify the e-mail address
from the outbox, join a public community, request an on-request one that an
animateur approves, post there, and another member sees the post in their feed."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.browser.conftest import page  # noqa: F401  (the chromium tab fixture)

pytestmark = pytest.mark.browser

HOST = "alpha.localhost"
PASSWORD = "Parcours-navigateur-2026"
POST_TITLE = "Nos premiers retours sur la ZFE"


@pytest.fixture
def portals(live_server, django_db_serialized_rollback):
    """The browser fixture starts chromium once ``portals`` exist: here, one portal
    with a public and an on-request community, an animateur and a member."""
    from communities import membership
    from communities.factories import add_member, member_user
    from communities.models import Membership, Profile, Visibility
    from communities.pages import create_community, ensure_community_index
    from portail.portals import create_portal
    from sites.factories import PASSWORD as MEMBER_PASSWORD

    port = urlsplit(live_server.url).port
    portal = create_portal(HOST, "Portail Alpha", port=port)
    index = ensure_community_index(portal.home)
    public = create_community(index, "Réseau vélo", Visibility.PUBLIC, summary="Pour les chargés de mission vélo.")
    on_request = create_community(index, "Club ZFE", Visibility.ON_REQUEST, summary="Zones à faibles émissions.")
    animateur = member_user("animatrice", email="animatrice@example.org")
    Profile.objects.filter(user=animateur).update(display_name="Anne Animatrice")
    colleague = member_user("collegue", email="collegue@example.org")
    add_member(on_request, animateur, Membership.Role.ANIMATEUR)
    add_member(on_request, colleague)
    membership.follow(colleague, on_request)
    base = f"http://{HOST}:{port}"
    return {
        "base": base,
        "public": base + public.url_path.removeprefix(portal.home.url_path[:-1]),
        "on_request": base + on_request.url_path.removeprefix(portal.home.url_path[:-1]),
        "password": MEMBER_PASSWORD,
    }


def log_in(page, base, email, password):
    page.goto(base + "/compte/login/")
    page.get_by_label("Identifiant").fill(email)  # an e-mail address or a username
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r".*/membres/mon-fil/$"))


def log_out(page, base):
    page.goto(base + "/compte/logout/")
    page.get_by_role("main").get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(base + "/")


def test_newcomer_journey(portals, page):  # noqa: F811
    journey = portals
    base = journey["base"]

    # 1. Sign up, then verify the address with the link from the outbox.
    page.goto(base + "/compte/signup/")
    page.get_by_label("E-mail").fill("nouvelle@example.org")
    page.get_by_label(re.compile(r"^Mot de passe\W*$")).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_label("Nom et prénom").fill("Nina Nouvelle")
    page.get_by_label(re.compile(r"^Organisation")).fill("Commune de Brest")
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_role("heading", name="Vérifiez votre adresse e-mail").wait_for()
    link = re.search(r"https?://\S+/compte/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(re.compile(r".*/membres/mon-fil/$"))

    # 2. Join the public community.
    page.goto(journey["public"])
    page.get_by_role("button", name="Rejoindre la communauté").click()
    assert page.get_by_text("Bienvenue dans la communauté").is_visible()

    # 3. Request the on-request community; the animateur approves.
    page.goto(journey["on_request"])
    page.get_by_label("Message aux animateurs (facultatif)").fill("Je pilote la ZFE de Brest.")
    page.get_by_role("button", name="Demander à rejoindre").click()
    assert page.get_by_text("Votre demande est envoyée aux animateurs.").is_visible()
    log_out(page, base)

    log_in(page, base, "animatrice@example.org", journey["password"])
    page.goto(journey["on_request"] + "animation/")
    assert page.get_by_text("Je pilote la ZFE de Brest.").is_visible()
    page.get_by_role("button", name="Accepter Nina Nouvelle").click()
    assert page.get_by_text("Demande acceptée.").is_visible()
    log_out(page, base)

    # 4. The newcomer posts; a fellow member sees the post in their feed.
    log_in(page, base, "nouvelle@example.org", PASSWORD)
    page.goto(journey["on_request"])
    page.get_by_label("Titre").fill(POST_TITLE)
    page.get_by_label("Texte").fill("Premier bilan après six mois : <script>alert(1)</script> tout va bien.")
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_role("heading", name=POST_TITLE).wait_for()
    log_out(page, base)

    log_in(page, base, "collegue@example.org", journey["password"])
    feed = page.get_by_role("region", name="Activité de mes communautés")
    assert feed.get_by_role("link", name=POST_TITLE).is_visible()
    feed.get_by_role("link", name=POST_TITLE).click()
    assert page.get_by_text("Premier bilan après six mois").is_visible()

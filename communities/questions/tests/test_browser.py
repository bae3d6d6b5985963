"""The questions journey in a real browser: a member asks, a similar question is
suggested while they type, the matching expert is notified and answers, the
author accepts, and the answered question is then found by an anonymous search
because the community is public."""

import re
from urllib.parse import urlsplit

import pytest

from communities.tests.test_browser_journey import log_in, log_out
from search.tests.conftest import refresh
from tests.browser.conftest import page  # noqa: F401  (the chromium tab fixture)

pytestmark = pytest.mark.browser

HOST = "alpha.localhost"
EXISTING = "Quelle passerelle piétonne au-dessus d'une rivière ?"
NEW = "Financer une passerelle piétonne en bois"


@pytest.fixture
def portals(live_server, django_db_serialized_rollback):
    """One portal with a public community, its animateur, a member, an expert in
    cycling and one already answered question."""
    from communities.factories import add_member, member_user
    from communities.models import Membership, Profile, Visibility
    from communities.pages import create_community, ensure_community_index
    from communities.questions import answering
    from portail.portals import create_portal
    from sites.factories import PASSWORD

    port = urlsplit(live_server.url).port
    portal = create_portal(HOST, "Portail Alpha", port=port)
    community = create_community(
        ensure_community_index(portal.home), "Réseau vélo", Visibility.PUBLIC, summary="Entre pairs."
    )
    people = {}
    for username, name, role in [
        ("animatrice", "Anne Animatrice", Membership.Role.ANIMATEUR),
        ("membre", "Marie Membre", Membership.Role.MEMBER),
        ("expert", "Éric Expert", Membership.Role.EXPERT),
    ]:
        people[username] = member_user(username, email=f"{username}@example.org")
        Profile.objects.filter(user=people[username]).update(display_name=name)
        add_member(community, people[username], role)
    people["expert"].profile.competences.add("vélo")
    earlier = answering.ask(community, people["animatrice"], EXISTING, "<p>Pour relier deux quartiers.</p>")
    answering.answer(earlier, people["expert"], "<p>Une structure métallique légère.</p>")
    base = f"http://{HOST}:{port}"
    return {
        "base": base,
        "questions": base + community.url_path.removeprefix(portal.home.url_path[:-1]) + "questions/",
        "password": PASSWORD,
    }


def test_question_journey(portals, page):  # noqa: F811
    base, questions, password = portals["base"], portals["questions"], portals["password"]

    # 1 and 2. The member asks; while they type, a similar question is suggested.
    log_in(page, base, "membre@example.org", password)
    page.goto(questions)
    page.get_by_role("link", name="Poser une question").click()
    page.get_by_label("Votre question").press_sequentially(NEW, delay=20)
    suggestions = page.locator(".similar-questions[aria-live=polite]")
    suggestions.get_by_role("heading", name="Questions similaires").wait_for()
    assert suggestions.get_by_role("link", name=EXISTING).is_visible()
    page.get_by_label("Précisions").fill("Une liaison piétonne et cyclable entre deux bourgs.")
    page.get_by_label("Mots-clés").fill("Vélo, financement")
    page.get_by_role("button", name="Publier la question").click()
    page.get_by_role("heading", name=NEW, level=1).wait_for()
    log_out(page, base)

    # 3. The expert is notified and answers.
    log_in(page, base, "expert@example.org", password)
    page.goto(base + "/membres/notifications/")
    page.get_by_role("link", name=re.compile(re.escape(NEW))).click()
    page.get_by_role("heading", name=NEW, level=1).wait_for()
    page.get_by_label("Votre réponse").fill("Le fonds mobilités actives et la DSIL se cumulent.")
    page.get_by_role("button", name="Publier la réponse").click()
    assert page.get_by_text("Votre réponse est publiée.").is_visible()
    assert page.locator(".badge--expert").first.is_visible()
    log_out(page, base)

    # 4. The author accepts the answer.
    log_in(page, base, "membre@example.org", password)
    page.goto(base + "/membres/notifications/")
    page.get_by_role("link", name=re.compile("a répondu à votre question")).click()
    page.get_by_role("button", name="Accepter la réponse 1").click()
    assert page.get_by_text("Réponse acceptée : la question est résolue.").is_visible()
    assert page.get_by_text("Résolue").first.is_visible()
    log_out(page, base)

    # 5. An anonymous reader finds the answered question through search.
    refresh()  # an engine makes what it indexed searchable within a second
    page.goto(base + "/recherche/?q=" + "DSIL passerelle bois")
    page.get_by_role("link", name=NEW).click()
    page.get_by_role("heading", name=NEW, level=1).wait_for()
    assert page.get_by_text("Le fonds mobilités actives et la DSIL se cumulent.").is_visible()

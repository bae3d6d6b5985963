"""Editors review the questions of their own portal's communities in the admin."""

from communities.models import ActivityItem, Visibility
from communities.pages import create_community, ensure_community_index
from communities.questions import answering
from portail.portals import create_portal

ADMIN_URL = "/admin/communautes/questions/"


def test_editors_see_and_edit_the_questions_of_their_portal_only(client, world, fresh_people, ask):
    other = create_portal("beta.localhost", "Portail Bêta")
    foreign_community = create_community(
        ensure_community_index(other.home), "Communauté venue de loin", Visibility.PUBLIC
    )
    ours = ask(world.communities[Visibility.SECRET], title="Question de notre portail")
    foreign = answering.ask(foreign_community, fresh_people["member"], "Question venue de loin", "<p>Texte</p>")

    client.force_login(fresh_people["editor"])
    listing = client.get(ADMIN_URL)
    assert listing.status_code == 200
    assert ours.title in listing.text and foreign.title not in listing.text
    assert client.get(f"{ADMIN_URL}edit/{foreign.pk}/").status_code in (403, 302)
    response = client.post(f"{ADMIN_URL}edit/{ours.pk}/", {"title": ours.title, "status": "closed", "hidden": ""})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.status == "closed"
    client.post(f"{ADMIN_URL}edit/{ours.pk}/", {"title": ours.title, "status": "closed", "hidden": "on"})
    ours.refresh_from_db()
    assert ours.hidden and ours.hidden_by == fresh_people["editor"]
    assert not ActivityItem.objects.filter(subject_id=ours.pk, verb=ActivityItem.Verb.QUESTION, hidden=False).exists()

    client.force_login(fresh_people["superuser"])
    assert foreign.title in client.get(ADMIN_URL).text


def test_members_have_no_admin_screen(client, world, fresh_people):
    client.force_login(fresh_people["animateur"])
    assert client.get(ADMIN_URL).status_code in (302, 403)

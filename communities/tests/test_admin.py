"""Community statistics in the Wagtail admin, per portal."""

from communities import posting
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from portail.portals import create_portal


def test_editors_see_statistics_of_their_portal_only(client, world, fresh_people):
    other = create_portal("beta.localhost", "Portail Bêta")
    foreign = create_community(ensure_community_index(other.home), "Communauté venue d ailleurs", Visibility.PUBLIC)
    posting.publish_post(world.communities[Visibility.PUBLIC], fresh_people["member"], "Un message", "<p>Texte</p>")

    client.force_login(fresh_people["editor"])
    response = client.get("/admin/communautes/statistiques/")
    assert response.status_code == 200
    for community in world.communities.values():
        assert community.title in response.text
    assert foreign.title not in response.text
    row = next(
        row for row in response.context["rows"] if row["community"].pk == world.communities[Visibility.PUBLIC].pk
    )
    assert row["community"].member_count == 3  # member, expert, animateur
    assert row["community"].pending_count == 1
    assert row["months"][-1] == 1

    client.force_login(fresh_people["superuser"])
    assert foreign.title in client.get("/admin/communautes/statistiques/").text


def test_members_without_admin_rights_are_refused(client, world, fresh_people):
    client.force_login(fresh_people["animateur"])
    assert client.get("/admin/communautes/statistiques/").status_code in (302, 403)


def test_communities_can_be_created_in_the_admin(client, world, fresh_people):
    client.force_login(fresh_people["editor"])
    response = client.get(f"/admin/pages/add/communities/communitypage/{world.index.pk}/")
    assert response.status_code == 200
    assert 'name="visibility"' in response.text

"""Every cell of the permission matrix: 8 roles × 3 visibilities × 5 actions,
checked against the policy and through the pages themselves."""

import pytest

from communities import access
from communities.access import Action
from communities.models import Membership, Post, Visibility

from .conftest import ROLES, TITLES

ACTIONS = [Action.SEE, Action.READ, Action.JOIN, Action.POST, Action.MANAGE]
# Columns: see, read, join or request, post, manage members. Written out by hand
# from the specification, not derived from access.POLICY.
EXPECTED = {
    Visibility.PUBLIC: {
        "anonymous": "YYNNN",
        "visitor": "YYYNN",
        "pending": "YYNNN",
        "member": "YYNYN",
        "expert": "YYNYN",
        "animateur": "YYNYY",
        "editor": "YYYNY",
        "superuser": "YYYYY",
    },
    Visibility.ON_REQUEST: {
        "anonymous": "YNNNN",
        "visitor": "YNYNN",
        "pending": "YNNNN",
        "member": "YYNYN",
        "expert": "YYNYN",
        "animateur": "YYNYY",
        "editor": "YYYNY",
        "superuser": "YYYYY",
    },
    Visibility.SECRET: {
        "anonymous": "NNNNN",
        "visitor": "NNNNN",
        "pending": "NNNNN",
        "member": "YYNYN",
        "expert": "YYNYN",
        "animateur": "YYNYY",
        "editor": "YYNNY",
        "superuser": "YYNYY",
    },
}
CELLS = [
    pytest.param(
        visibility, role, action, EXPECTED[visibility][role][column] == "Y", id=f"{visibility}-{role}-{action}"
    )
    for visibility in EXPECTED
    for role in ROLES
    for column, action in enumerate(ACTIONS)
]


def user_for(people, role):
    from django.contrib.auth.models import AnonymousUser

    return people[role] or AnonymousUser()


@pytest.mark.parametrize("visibility,role,action,allowed", CELLS)
def test_policy(world, fresh_people, visibility, role, action, allowed):
    assert access.can(user_for(fresh_people, role), world.communities[visibility], action) is allowed


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def route(community, name, **kwargs):
    return community.url + community.reverse_subpage(name, kwargs=kwargs or None)


def assert_refused(response, role, visible):
    """How a refusal looks: 404 when the community is invisible, the log-in page
    for anonymous readers, 403 for the others."""
    if not visible:
        assert response.status_code == 404
    elif role == "anonymous":
        assert response.status_code == 302 and "/compte/login/" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("visibility,role,action,allowed", CELLS)
def test_through_the_pages(client, world, fresh_people, host, visibility, role, action, allowed):
    people, index = fresh_people, world.index
    community = world.communities[visibility]
    visible = EXPECTED[visibility][role][0] == "Y"
    login(client, people, role)

    if action == Action.SEE:
        listing = client.get(index.url, HTTP_HOST=host)
        assert listing.status_code == 200
        assert (TITLES[visibility] in listing.text) is allowed
        page = client.get(community.url, HTTP_HOST=host)
        assert page.status_code == (200 if allowed else 404)
        if not allowed:
            assert TITLES[visibility] not in page.text
    elif action == Action.READ:
        response = client.get(route(community, "members"), HTTP_HOST=host)
        if allowed:
            assert response.status_code == 200 and "Membres" in response.text
        else:
            assert_refused(response, role, visible)
    elif action == Action.JOIN:
        before = Membership.objects.filter(community=community).count()
        response = client.post(route(community, "membership"), {"action": "join"}, HTTP_HOST=host)
        if allowed:
            assert response.status_code == 302
            joined = Membership.objects.get(community=community, user=people[role])
            expected = Membership.Status.ACTIVE if visibility == Visibility.PUBLIC else Membership.Status.PENDING
            assert joined.status == expected
        else:
            assert Membership.objects.filter(community=community).count() == before
            if people[role] is not None and Membership.objects.filter(community=community, user=people[role]).exists():
                assert response.status_code in (403, 404)
            else:
                assert_refused(response, role, visible)
    elif action == Action.POST:
        response = client.post(
            route(community, "publish"), {"title": "Bonjour", "body": "Premier message."}, HTTP_HOST=host
        )
        assert Post.objects.filter(community=community).exists() is allowed
        if allowed:
            assert response.status_code == 302
        else:
            assert_refused(response, role, visible)
    elif action == Action.MANAGE:
        response = client.get(route(community, "manage"), HTTP_HOST=host)
        if allowed:
            assert response.status_code == 200 and "Demandes d'adhésion" in response.text
        else:
            assert_refused(response, role, visible)

"""Community fixtures: a portal with its list of communities, one community per
visibility, and one user per role.

``world`` builds them once per module inside a transaction that is rolled back at
the end; each test runs in a savepoint inside it, so a test's changes vanish too."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from communities.factories import add_member, member_user
from communities.models import Membership, Visibility
from communities.pages import create_community, ensure_community_index
from sites.factories import UserFactory

ROLES = ["anonymous", "visitor", "pending", "member", "expert", "animateur", "editor", "superuser"]
VISIBILITIES = [Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET]
TITLES = {
    Visibility.PUBLIC: "Communauté ouverte des mobilités",
    Visibility.ON_REQUEST: "Communauté sur demande du littoral",
    Visibility.SECRET: "Communauté secrète des élus",
}
MEMBERSHIP_ROLES = {
    "pending": (Membership.Role.MEMBER, Membership.Status.PENDING),
    "member": (Membership.Role.MEMBER, Membership.Status.ACTIVE),
    "expert": (Membership.Role.EXPERT, Membership.Status.ACTIVE),
    "animateur": (Membership.Role.ANIMATEUR, Membership.Status.ACTIVE),
}


@pytest.fixture(autouse=True)
def _database(db):
    """Every test here uses the database: asking for it marks them as database
    tests, which pytest-django runs before the transactional (browser) ones, so
    that the module-wide ``world`` transaction never spans a flush."""


@pytest.fixture
def host():
    return "alpha.localhost"


@dataclass
class World:
    portal: object
    index: object
    communities: dict
    people: dict


def build_world(make_portal_fn):
    from resources.factories import DomainFactory

    domains = [
        DomainFactory(name="Mobilités", slug="mobilites"),
        DomainFactory(name="Mer et littoral", slug="mer-et-littoral"),
    ]
    portal = make_portal_fn("alpha.localhost", "Portail Alpha")
    index = ensure_community_index(portal.home)
    communities = {
        visibility: create_community(index, TITLES[visibility], visibility, domains=domains[:1], summary="Entre pairs.")
        for visibility in VISIBILITIES
    }
    people = {"anonymous": None, "visitor": member_user("visiteur")}
    for role, (membership_role, status) in MEMBERSHIP_ROLES.items():
        people[role] = member_user(role)
        for community in communities.values():
            add_member(community, people[role], membership_role, status)
    people["editor"] = member_user("editeur", groups=[portal.editors])
    people["superuser"] = UserFactory(username="admin", superuser=True)
    return World(portal, index, communities, people)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from portail.portals import create_portal

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(create_portal)
        transaction.set_rollback(True)


@pytest.fixture
def fresh_people(world, db):
    """The world's users, reloaded so that no per-request cache leaks between tests."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk([u.pk for u in world.people.values() if u is not None])
    return {role: (users[user.pk] if user is not None else None) for role, user in world.people.items()}

"""Joining, requests, invitations and what animateurs decide."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from communities.factories import add_member, member_user
from communities.models import Follow, Invitation, Membership, Notification, Visibility


def route(community, name, **kwargs):
    return community.url + community.reverse_subpage(name, kwargs=kwargs or None)


def test_request_then_approve(client, world, fresh_people, host):
    community = world.communities[Visibility.ON_REQUEST]
    newcomer = member_user("nouvelle")
    client.force_login(newcomer)
    client.post(
        route(community, "membership"), {"action": "join", "message": "Cheffe de projet littoral"}, HTTP_HOST=host
    )
    request = Membership.objects.get(community=community, user=newcomer)
    assert request.status == Membership.Status.PENDING
    assert Notification.objects.filter(user=fresh_people["animateur"], kind="request").exists()

    client.force_login(fresh_people["animateur"])
    assert "Cheffe de projet littoral" in client.get(route(community, "manage"), HTTP_HOST=host).text
    client.post(route(community, "manage_member", membership_id=request.pk), {"action": "approve"}, HTTP_HOST=host)
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE and request.decided_by == fresh_people["animateur"]
    assert Follow.objects.filter(community=community, user=newcomer).exists()
    assert Notification.objects.filter(user=newcomer, kind="approved").exists()


def test_refuse(client, world, fresh_people, host):
    community = world.communities[Visibility.ON_REQUEST]
    client.force_login(fresh_people["animateur"])
    pending = Membership.objects.get(community=community, user=fresh_people["pending"])
    client.post(route(community, "manage_member", membership_id=pending.pk), {"action": "refuse"}, HTTP_HOST=host)
    pending.refresh_from_db()
    assert pending.status == Membership.Status.REFUSED
    assert Notification.objects.filter(user=fresh_people["pending"], kind="refused").exists()


def test_change_role_and_remove(client, world, fresh_people, host):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["animateur"])
    target = Membership.objects.get(community=community, user=fresh_people["member"])
    client.post(
        route(community, "manage_member", membership_id=target.pk), {"action": "role", "role": "expert"}, HTTP_HOST=host
    )
    target.refresh_from_db()
    assert target.role == Membership.Role.EXPERT
    client.post(route(community, "manage_member", membership_id=target.pk), {"action": "remove"}, HTTP_HOST=host)
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_the_last_animateur_stays(client, world, fresh_people, host):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["animateur"])
    own = Membership.objects.get(community=community, user=fresh_people["animateur"])
    response = client.post(
        route(community, "manage_member", membership_id=own.pk),
        {"action": "role", "role": "member"},
        HTTP_HOST=host,
        follow=True,
    )
    assert "au moins un animateur" in response.text
    own.refresh_from_db()
    assert own.role == Membership.Role.ANIMATEUR


def test_members_of_another_community_cannot_be_managed(client, world, fresh_people, host):
    public, secret = world.communities[Visibility.PUBLIC], world.communities[Visibility.SECRET]
    outsider_animateur = member_user("autre-animateur")
    add_member(public, outsider_animateur, Membership.Role.ANIMATEUR)
    client.force_login(outsider_animateur)
    target = Membership.objects.get(community=secret, user=fresh_people["member"])
    response = client.post(
        route(public, "manage_member", membership_id=target.pk), {"action": "remove"}, HTTP_HOST=host
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=target.pk).exists()


def test_invitation_of_an_unknown_address_waits_for_its_verification(client, world, fresh_people, host):
    secret = world.communities[Visibility.SECRET]
    client.force_login(fresh_people["animateur"])
    mail.outbox.clear()
    client.post(route(secret, "invite"), {"email": "Future.Membre@example.org", "role": "expert"}, HTTP_HOST=host)
    assert Invitation.objects.filter(community=secret, email="future.membre@example.org").exists()
    assert mail.outbox and secret.title in mail.outbox[0].subject

    client.logout()
    client.post(
        "/compte/signup/",
        {
            "email": "future.membre@example.org",
            "password1": "Tr3s-l0ng-secret",
            "password2": "Tr3s-l0ng-secret",
            "display_name": "Future Membre",
            "organisation": "",
            "organisation_type": "collectivite",
        },
        HTTP_HOST=host,
    )
    link = re.search(r"http://\S+/compte/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    path = link.split(host, 1)[1] if host in link else link.split("testserver", 1)[1]
    client.post(path, HTTP_HOST=host)
    invited = Membership.objects.get(community=secret, user__email="future.membre@example.org")
    assert invited.status == Membership.Status.INVITED and invited.role == Membership.Role.EXPERT
    assert client.get(secret.url, HTTP_HOST=host).status_code == 200
    client.post(route(secret, "membership"), {"action": "accept"}, HTTP_HOST=host)
    invited.refresh_from_db()
    assert invited.status == Membership.Status.ACTIVE


def test_invitation_of_a_known_address_is_immediate(client, world, fresh_people, host):
    secret = world.communities[Visibility.SECRET]
    known = member_user("connue")
    client.force_login(fresh_people["animateur"])
    client.post(route(secret, "invite"), {"email": known.email, "role": "member"}, HTTP_HOST=host)
    assert Membership.objects.get(community=secret, user=known).status == Membership.Status.INVITED
    assert not Invitation.objects.exists()


def test_bad_invitation_address_is_a_form_error(client, world, fresh_people, host):
    secret = world.communities[Visibility.SECRET]
    client.force_login(fresh_people["animateur"])
    response = client.post(route(secret, "invite"), {"email": "pas-une-adresse", "role": "member"}, HTTP_HOST=host)
    assert response.status_code == 400
    assert "adresse de courriel valide" in response.text


@pytest.mark.parametrize("visibility", [Visibility.PUBLIC])
def test_public_join_and_leave(client, world, db, host, visibility):
    community = world.communities[visibility]
    user = member_user("passante")
    client.force_login(user)
    client.post(route(community, "membership"), {"action": "join"}, HTTP_HOST=host)
    assert Membership.objects.get(community=community, user=user).status == Membership.Status.ACTIVE
    client.post(route(community, "membership"), {"action": "leave"}, HTTP_HOST=host)
    assert not Membership.objects.filter(community=community, user=user).exists()
    assert not EmailAddress.objects.filter(user=user, verified=False).exists()

"""Notifications follow access: once a member may no longer read a restricted
community, the notices naming its content (a secret poll's question...) leave
their list, their unread count and their next digest; a public community's
notices stay. Nothing is deleted: they show again if access comes back."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities import membership, notifications
from communities.factories import add_member, member_user
from communities.models import CommunityPage, Membership, Notification, Profile, Visibility
from communities.polls import voting
from communities.polls.models import Poll

P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET
QUESTIONS = {
    P: "Quel créneau pour l'atelier vélo ?",
    R: "Qui pilote l'étude du trait de côte ?",
    S: "Faut-il fusionner les deux syndicats ?",
}
NOTIFICATIONS_URL = "/membres/notifications/"


def open_poll(world, visibility, question=None):
    closes_at = timezone.now() + datetime.timedelta(days=7)
    community, animateur = world.communities[visibility], world.people["animateur"]
    return voting.open_poll(
        community, animateur, question or QUESTIONS[visibility], Poll.Kind.SINGLE, True, closes_at, ["Oui", "Non"]
    )


@pytest.fixture
def elue(world):
    """A member of every community, following them, notified of a poll in each."""
    user = member_user("ancienne-elue")
    for visibility, community in world.communities.items():
        add_member(community, user)
        membership.follow(user, community)
        open_poll(world, visibility)
    return user


def notices_page(client, host, user):
    client.force_login(user)
    response = client.get(NOTIFICATIONS_URL, HTTP_HOST=host)
    assert response.status_code == 200
    return response.text


def member_bar_count(page):
    """The unread count the member bar announces (0 when it shows none)."""
    found = re.search(r'Notifications <span class="badge">(\d+)<span class="visually-hidden"> non lues?</span>', page)
    return int(found.group(1)) if found else 0


def shown(page):
    return {visibility for visibility, question in QUESTIONS.items() if question.replace("'", "&#x27;") in page}


def test_leaving_a_secret_community_hides_its_notices_from_the_list_and_the_count(client, world, host, elue):
    page = notices_page(client, host, elue)
    assert shown(page) == {P, R, S} and member_bar_count(page) == 3

    membership.leave(elue, world.communities[S])

    page = notices_page(client, host, elue)
    assert shown(page) == {P, R}
    assert member_bar_count(page) == notifications.unread_count(elue) == 2


@pytest.mark.parametrize("visibility", [R, S])
def test_a_removed_member_loses_the_notices_of_a_restricted_community(
    client, world, host, fresh_people, elue, visibility
):
    community = world.communities[visibility]
    membership.remove(Membership.objects.get(community=community, user=elue), fresh_people["animateur"])
    assert shown(notices_page(client, host, elue)) == {P, R, S} - {visibility}


def test_a_public_community_keeps_its_notices_until_it_becomes_restricted(client, world, host, elue):
    public = world.communities[P]
    membership.leave(elue, public)
    assert P in shown(notices_page(client, host, elue))  # its content is anyone's to read

    CommunityPage.objects.filter(pk=public.pk).update(visibility=R)
    page = notices_page(client, host, elue)
    assert shown(page) == {R, S} and member_bar_count(page) == 2


def test_marking_all_read_spares_hidden_notices_which_show_again_on_return(client, world, host, elue):
    """A member who comes back finds the notices they had not read yet."""
    secret = world.communities[S]
    membership.leave(elue, secret)
    notices_page(client, host, elue)
    client.post(NOTIFICATIONS_URL, HTTP_HOST=host)
    assert notifications.unread_count(elue) == 0

    add_member(secret, elue)
    page = notices_page(client, host, elue)
    assert shown(page) == {P, R, S} and member_bar_count(page) == 1
    assert Notification.objects.get(user=elue, community=secret).read_at is None


def test_a_decision_on_membership_stays_while_the_community_may_be_seen(client, world, host, fresh_people):
    """A refusal or an invitation names the community only: it stays for as long
    as the community is visible to its reader, not a moment longer."""
    on_request, secret = world.communities[R], world.communities[S]
    applicant = member_user("candidate")
    membership.join(applicant, on_request)
    membership.refuse(Membership.objects.get(community=on_request, user=applicant), fresh_people["animateur"])
    membership.invite(secret, applicant.email, Membership.Role.MEMBER, fresh_people["animateur"])
    kinds = lambda: set(notifications.visible_notifications(applicant).values_list("kind", flat=True))  # noqa: E731
    assert kinds() == {Notification.Kind.REFUSED, Notification.Kind.INVITED}

    Membership.objects.filter(community=secret, user=applicant).delete()  # the invitation is withdrawn
    CommunityPage.objects.filter(pk=on_request.pk).update(visibility=S)
    assert kinds() == set()
    assert on_request.title not in notices_page(client, host, applicant) and secret.title not in notices_page(
        client, host, applicant
    )


def test_the_next_digest_leaves_out_a_community_left(world, elue):
    Profile.objects.filter(user=elue).update(digest=Profile.Digest.DAILY)
    elue.profile.refresh_from_db()
    membership.leave(elue, world.communities[S])
    mail.outbox.clear()

    assert notifications.send_digest(elue, Profile.Digest.DAILY) == 2
    body = mail.outbox[0].body
    assert QUESTIONS[P] in body and QUESTIONS[R] in body
    assert QUESTIONS[S] not in body and QUESTIONS[S] not in mail.outbox[0].alternatives[0][0]


def test_the_notification_list_budget_does_not_grow(client, world, host, elue):
    """Access is worked out in the query: hidden notices cost nothing per line."""
    membership.leave(elue, world.communities[S])

    def count():
        client.get(NOTIFICATIONS_URL, HTTP_HOST=host)  # warm the per-process caches (site, branding)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(NOTIFICATIONS_URL, HTTP_HOST=host).text
        assert QUESTIONS[S] not in page
        return len(queries)

    client.force_login(elue)
    small = count()
    for number in range(25):
        for visibility in (P, S):
            open_poll(world, visibility, f"{QUESTIONS[visibility]} ({number})")
    # 9: the header's unread count (sites.navigation, one indexed COUNT) joined the page's queries.
    assert count() == small <= 9

"""Polls: who sees, opens and votes in them, the refused votes, the results and
what an anonymous poll keeps of its voters."""

import datetime

import pytest
from django.utils import timezone

from communities import tools
from communities.membership import display_name
from communities.models import ActivityItem, Visibility
from communities.polls import voting
from communities.polls.models import Poll, PollChoice, Vote, VoteChoice

HOST = "alpha.localhost"
VISIBILITIES = [Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET]


def open_poll(
    world,
    visibility=Visibility.PUBLIC,
    kind=Poll.Kind.SINGLE,
    anonymous=True,
    choices=("Oui", "Non", "Peut-être"),
    question="Faut-il une rencontre en juin ?",
):
    closes_at = timezone.now() + datetime.timedelta(days=7)
    return voting.open_poll(
        world.communities[visibility], world.people["animateur"], question, kind, anonymous, closes_at, list(choices)
    )


def poll_url(poll, name="detail"):
    return tools.url(poll.community, "sondages", name, poll_id=poll.pk)


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def choice_ids(poll, *labels):
    by_label = {choice.label: choice.pk for choice in poll.choices.all()}
    return [str(by_label[label]) for label in labels]


# Who sees the polls: readers; others get a 404 (cannot see the community),
# a log-in page (anonymous) or a 403 (not a member of an on-request community).
SEE = {
    Visibility.PUBLIC: {"anonymous": 200, "visitor": 200, "member": 200, "animateur": 200},
    Visibility.ON_REQUEST: {"anonymous": 302, "visitor": 403, "member": 200, "animateur": 200},
    Visibility.SECRET: {"anonymous": 404, "visitor": 404, "member": 200, "animateur": 200},
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ["anonymous", "visitor", "member", "animateur"])
def test_who_sees_polls(client, world, fresh_people, visibility, role):
    poll = open_poll(world, visibility)
    login(client, fresh_people, role)
    expected = SEE[visibility][role]
    for url in (tools.url(poll.community, "sondages", "index"), poll_url(poll)):
        response = client.get(url, HTTP_HOST=HOST)
        assert response.status_code == expected, url
        if expected == 200:
            assert poll.question in response.content.decode()


# Who votes: members (and experts, animateurs); nobody else.
VOTE = {
    Visibility.PUBLIC: {
        "anonymous": 302,
        "visitor": 403,
        "pending": 403,
        "member": 302,
        "expert": 302,
        "animateur": 302,
    },
    Visibility.ON_REQUEST: {
        "anonymous": 302,
        "visitor": 403,
        "pending": 403,
        "member": 302,
        "expert": 302,
        "animateur": 302,
    },
    Visibility.SECRET: {
        "anonymous": 404,
        "visitor": 404,
        "pending": 404,
        "member": 302,
        "expert": 302,
        "animateur": 302,
    },
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending", "member", "expert", "animateur"])
def test_who_votes(client, world, fresh_people, visibility, role):
    poll = open_poll(world, visibility)
    login(client, fresh_people, role)
    response = client.post(poll_url(poll, "vote"), {"choix": choice_ids(poll, "Oui")}, HTTP_HOST=HOST)
    assert response.status_code == VOTE[visibility][role]
    counted = role in ("member", "expert", "animateur")
    assert Vote.objects.filter(poll=poll).count() == (1 if counted else 0)
    assert poll.choices.get(label="Oui").votes == (1 if counted else 0)
    if response.status_code == 302 and not counted:
        assert "/compte/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize(
    "role,allowed", [("member", False), ("expert", False), ("animateur", True), ("visitor", False)]
)
def test_only_animateurs_open_polls(client, world, fresh_people, role, allowed):
    community = world.communities[Visibility.PUBLIC]
    login(client, fresh_people, role)
    closes = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "question": "Quel format ?",
        "choices": "Visio\nPrésentiel",
        "kind": "single",
        "anonymous": "on",
        "closes_at": closes,
    }
    response = client.post(tools.url(community, "sondages", "create"), data, HTTP_HOST=HOST)
    poll = Poll.objects.filter(community=community, question="Quel format ?").first()
    if allowed:
        assert response.status_code == 302
        assert [choice.label for choice in poll.choices.all()] == ["Visio", "Présentiel"]
        line = ActivityItem.objects.get(verb=ActivityItem.Verb.POLL, subject_id=poll.pk)
        assert line.subject_title == "Quel format ?"
        assert line.subject_url.endswith(poll_url(poll))
    else:
        assert response.status_code == 403
        assert poll is None


def test_poll_form_errors_are_clear(client, world, fresh_people):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["animateur"])
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"question": "Un seul choix ?", "choices": "Seul\n\nSeul", "kind": "single", "closes_at": past}
    response = client.post(tools.url(community, "sondages", "create"), data, HTTP_HOST=HOST)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indiquez de 2 à 12 réponses différentes" in html
    assert "La clôture doit être dans le futur." in html
    assert not Poll.objects.filter(question="Un seul choix ?").exists()


def test_a_second_vote_is_refused_with_a_message(client, world, fresh_people):
    poll = open_poll(world)
    client.force_login(fresh_people["member"])
    assert client.post(poll_url(poll, "vote"), {"choix": choice_ids(poll, "Oui")}, HTTP_HOST=HOST).status_code == 302
    response = client.post(poll_url(poll, "vote"), {"choix": choice_ids(poll, "Non")}, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "Vous avez déjà voté à ce sondage." in response.content.decode()
    assert Vote.objects.filter(poll=poll).count() == 1
    assert [choice.votes for choice in poll.choices.all()] == [1, 0, 0]


def test_the_database_refuses_a_second_vote_too(world):
    from django.db import IntegrityError, transaction

    poll = open_poll(world)
    Vote.objects.create(poll=poll, voter=world.people["member"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, voter=world.people["member"])


def test_votes_are_refused_after_closing(client, world, fresh_people):
    poll = open_poll(world)
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(fresh_people["member"])
    response = client.post(poll_url(poll, "vote"), {"choix": choice_ids(poll, "Oui")}, HTTP_HOST=HOST)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce sondage est clos" in html
    assert 'name="choix"' not in html
    assert not Vote.objects.filter(poll=poll).exists()


@pytest.mark.parametrize(
    "posted,message",
    [
        (lambda poll: choice_ids(poll, "Oui", "Non"), "Ce sondage n'accepte qu'une seule réponse."),
        (lambda poll: ["999999"], "Ce choix n'existe pas dans ce sondage."),
        (lambda poll: ["abc"], "Ce choix n'existe pas dans ce sondage."),
        (lambda poll: [], "Choisissez au moins une réponse."),
    ],
    ids=["two-choices-on-single", "unknown-id", "not-a-number", "nothing"],
)
def test_bad_votes_are_refused(client, world, fresh_people, posted, message):
    poll = open_poll(world)
    client.force_login(fresh_people["member"])
    response = client.post(poll_url(poll, "vote"), {"choix": posted(poll)}, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert not Vote.objects.filter(poll=poll).exists()
    assert sum(choice.votes for choice in poll.choices.all()) == 0


def test_a_choice_of_another_poll_is_unknown(client, world, fresh_people):
    poll, other = open_poll(world), open_poll(world, question="Autre sondage ?")
    client.force_login(fresh_people["member"])
    response = client.post(poll_url(poll, "vote"), {"choix": choice_ids(other, "Oui")}, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert other.choices.get(label="Oui").votes == 0


def test_a_vote_must_be_posted(client, world, fresh_people):
    poll = open_poll(world)
    client.force_login(fresh_people["member"])
    assert client.get(poll_url(poll, "vote"), HTTP_HOST=HOST).status_code == 405


def test_multiple_choice_results_with_percentages(client, world, fresh_people):
    poll = open_poll(world, kind=Poll.Kind.MULTIPLE, anonymous=False)
    voting.vote(poll, fresh_people["member"], choice_ids(poll, "Oui", "Peut-être"))
    voting.vote(poll, fresh_people["expert"], choice_ids(poll, "Oui"))
    client.force_login(fresh_people["member"])
    html = client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()
    assert "2 votants" in html
    assert "2 votes (100 %)" in html
    assert "1 vote (50 %)" in html
    assert "0 vote (0 %)" in html or "0 votes (0 %)" in html
    assert '<progress class="poll-results__bar" max="100" value="100"' in html
    assert "Vous avez voté à ce sondage." in html
    # A named poll shows members who chose what.
    names = f"{display_name(fresh_people['member'])}, {display_name(fresh_people['expert'])}"
    assert names in html


def test_results_wait_for_the_vote_or_the_closing(client, world, fresh_people):
    poll = open_poll(world)
    voting.vote(poll, fresh_people["expert"], choice_ids(poll, "Non"))
    client.force_login(fresh_people["member"])
    html = client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()
    assert "Résultats" not in html
    assert 'name="choix"' in html
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    html = client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()
    assert "Résultats" in html and "1 vote (100 %)" in html
    assert 'name="choix"' not in html


def test_an_anonymous_poll_keeps_no_link_between_voters_and_choices(client, world, fresh_people):
    poll = open_poll(world, anonymous=True)
    voting.vote(poll, fresh_people["member"], choice_ids(poll, "Oui"))
    voting.vote(poll, fresh_people["expert"], choice_ids(poll, "Non"))
    assert not VoteChoice.objects.filter(vote__poll=poll).exists()
    assert {field.name for field in Vote._meta.concrete_fields} == {"id", "poll", "voter"}
    assert [choice.votes for choice in PollChoice.objects.filter(poll=poll)] == [1, 1, 0]
    client.force_login(fresh_people["animateur"])
    html = client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()
    assert "2 votants" in html
    assert display_name(fresh_people["member"]) not in html.split("Résultats", 1)[1]


INJECTION = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def test_poll_text_is_escaped(client, world, fresh_people):
    poll = open_poll(world, anonymous=False, question=f"Question {INJECTION}", choices=(f"Choix {INJECTION}", "Non"))
    voting.vote(poll, fresh_people["member"], choice_ids(poll, f"Choix {INJECTION}"))
    client.force_login(fresh_people["member"])
    for url in (poll_url(poll), tools.url(poll.community, "sondages", "index")):
        html = client.get(url, HTTP_HOST=HOST).content.decode()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_sondages_tab_lists_live_questionnaires(client, world, fresh_people):
    from communities.polls.tests.test_questionnaires import make_questionnaire

    community = world.communities[Visibility.PUBLIC]
    make_questionnaire(community, "Enquête sur les besoins")
    client.force_login(fresh_people["member"])
    html = client.get(tools.url(community, "sondages", "index"), HTTP_HOST=HOST).content.decode()
    assert "Sondages et questionnaires" in html
    assert "Enquête sur les besoins" in html
    assert "Aucun sondage pour l'instant." in html


@pytest.mark.parametrize("named", [False, True])
def test_results_query_budget_does_not_grow(client, world, fresh_people, django_assert_max_num_queries, named):
    from communities.factories import add_member, member_user

    poll = open_poll(world, kind=Poll.Kind.MULTIPLE, anonymous=not named, choices=[f"Choix {n}" for n in range(8)])
    client.force_login(fresh_people["animateur"])
    url = poll_url(poll)

    def add_voters(count):
        for number in range(count):
            user = member_user(f"votant-{named}-{Vote.objects.count()}-{number}")
            add_member(poll.community, user)
            voting.vote(poll, user, [str(choice.pk) for choice in poll.choices.all()[: number % 8 + 1]])

    add_voters(2)
    client.get(url, HTTP_HOST=HOST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
    add_voters(20)
    with django_assert_max_num_queries(len(small)):
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "22 votants" in response.content.decode()
    assert len(small) <= 25


def test_members_are_notified_of_a_new_poll(world):
    from communities.models import Notification

    poll = open_poll(world, Visibility.ON_REQUEST)
    notified = set(
        Notification.objects.filter(kind=Notification.Kind.POLL, community=poll.community).values_list(
            "user__username", flat=True
        )
    )
    assert notified == {"member", "expert"}  # active members but the animateur who opened it; not the pending one


def test_only_members_see_who_chose_what(client, world, fresh_people):
    poll = open_poll(world, anonymous=False)
    voting.vote(poll, fresh_people["expert"], choice_ids(poll, "Oui"))
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    name = display_name(fresh_people["expert"])
    assert name not in client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()
    client.force_login(fresh_people["member"])
    assert name in client.get(poll_url(poll), HTTP_HOST=HOST).content.decode()


def test_a_deleted_poll_leaves_the_feed(world):
    poll = open_poll(world)
    lines = ActivityItem.objects.filter(verb=ActivityItem.Verb.POLL, subject_id=poll.pk)
    assert lines.count() == 1
    poll.delete()
    assert not lines.exists()


def test_multiple_choice_results_say_percentages_are_of_voters(client, world, fresh_people):
    multiple = open_poll(world, kind=Poll.Kind.MULTIPLE)
    single = open_poll(world, question="Un seul choix ?")
    for voter in ("member", "expert"):
        voting.vote(multiple, fresh_people[voter], choice_ids(multiple, "Oui", "Non"))
        voting.vote(single, fresh_people[voter], choice_ids(single, "Oui"))
    client.force_login(fresh_people["member"])
    note = (
        "Plusieurs réponses étaient possibles\u00a0: chaque pourcentage est calculé sur le nombre de votants, "
        "leur total peut donc dépasser 100\u00a0%."
    )
    results = client.get(poll_url(multiple), HTTP_HOST=HOST).text.split('id="resultats"', 1)[1]
    assert results.count("2 votes (100 %)") == 2  # 200 % in all…
    assert f'<p class="poll-results__note muted">{note}</p>' in results.split("</section>")[0]  # …explained below
    assert "Plusieurs réponses étaient possibles" not in client.get(poll_url(single), HTTP_HOST=HOST).text


def test_a_vote_is_confirmed_once(client, world, fresh_people):
    poll = open_poll(world)
    client.force_login(fresh_people["member"])
    response = client.post(poll_url(poll, "vote"), {"choix": choice_ids(poll, "Oui")}, HTTP_HOST=HOST, follow=True)
    html = response.text
    assert html.count("Votre vote est enregistré.") == 1
    assert html.count('<div class="messages" role="status">') == 1
    assert "Vous avez voté à ce sondage." in html  # what stays on the page on later visits
    assert "Votre vote est enregistré." not in client.get(poll_url(poll), HTTP_HOST=HOST).text

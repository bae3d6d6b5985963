"""Who may list, read, ask, answer, vote and accept, per community visibility
and role (the roles of ``communities.access``)."""

import pytest

from communities.models import Notification, Visibility
from communities.questions import answering
from communities.questions.models import Answer, AnswerVote, Question

P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET
ALL_ROLES = ["anonymous", "visitor", "pending", "member", "expert", "animateur", "editor", "superuser"]
READERS = {
    P: set(ALL_ROLES),
    R: {"member", "expert", "animateur", "editor", "superuser"},
    S: {"member", "expert", "animateur", "editor", "superuser"},
}
POSTERS = {"member", "expert", "animateur", "superuser"}  # portal editors manage but do not take part
BLIND = {S: {"anonymous", "visitor", "pending"}}  # the community does not exist for them


def denied_status(role, visibility):
    if role in BLIND.get(visibility, set()):
        return 404
    return 302 if role == "anonymous" else 403


def log_in(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


@pytest.mark.parametrize("visibility", [P, R, S])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_and_read(client, world, fresh_people, host, ask, visibility, role):
    community = world.communities[visibility]
    question = ask(community, title="Quelle signalétique pour les vélos ?")
    log_in(client, fresh_people, role)
    listing = client.get(question.url().rsplit("/", 2)[0] + "/", HTTP_HOST=host)
    detail = client.get(question.url(), HTTP_HOST=host)
    if role in READERS[visibility]:
        assert listing.status_code == 200 and detail.status_code == 200
        assert "Quelle signalétique pour les vélos ?" in listing.text
        assert "Quelle signalétique pour les vélos ?" in detail.text
    else:
        assert listing.status_code == detail.status_code == denied_status(role, visibility)
        assert "Quelle signalétique" not in detail.content.decode()
        if detail.status_code == 302:
            assert "/compte/login/" in detail["Location"]


@pytest.mark.parametrize("visibility", [P, R, S])
@pytest.mark.parametrize("role", ALL_ROLES)
def test_ask_answer_and_vote(client, world, fresh_people, host, ask, visibility, role):
    community = world.communities[visibility]
    question = ask(community, author=fresh_people["animateur"])
    answer = answering.answer(
        question, fresh_people["expert"] if role != "expert" else fresh_people["member"], "<p>Voyez le fonds vélo.</p>"
    )
    log_in(client, fresh_people, role)
    base = question.url().rsplit("/", 2)[0] + "/"

    form = client.get(base + "poser/", HTTP_HOST=host)
    asked = client.post(base + "poser/", {"title": f"Question de {role}", "body": "Des précisions."}, HTTP_HOST=host)
    answered = client.post(question.url() + "repondre/", {"body": f"Réponse de {role}"}, HTTP_HOST=host)
    voted = client.post(base + f"reponses/{answer.pk}/voter/", HTTP_HOST=host)

    created_question = Question.objects.filter(community=community, title=f"Question de {role}").first()
    created_answer = Answer.objects.filter(question=question, body__contains=f"Réponse de {role}").first()
    if role in POSTERS:
        assert form.status_code == 200 and 'name="title"' in form.text
        assert asked.status_code == 302 and created_question is not None
        assert answered.status_code == 302 and created_answer is not None
        assert voted.status_code == 302
        assert AnswerVote.objects.filter(answer=answer, user=fresh_people[role]).exists()
    else:
        expected = denied_status(role, visibility)
        assert {form.status_code, asked.status_code, answered.status_code, voted.status_code} == {expected}
        assert created_question is None and created_answer is None
        assert not AnswerVote.objects.filter(answer=answer).exists()


@pytest.mark.parametrize("visibility", [P, R, S])
@pytest.mark.parametrize(
    "role, allowed",
    [
        ("author", True),
        ("animateur", True),
        ("editor", True),
        ("superuser", True),
        ("expert", False),
        ("visitor", False),
        ("anonymous", False),
    ],
)
def test_accept_close_and_reopen(client, world, fresh_people, host, ask, visibility, role, allowed):
    community = world.communities[visibility]
    question = ask(community)  # by the member
    answer = answering.answer(question, fresh_people["expert"], "<p>La réponse.</p>")
    user = fresh_people["member"] if role == "author" else fresh_people[role]
    if user is not None:
        client.force_login(user)
    base = question.url().rsplit("/", 2)[0] + "/"

    accepted = client.post(base + f"reponses/{answer.pk}/accepter/", HTTP_HOST=host)
    closed = client.post(question.url() + "statut/", {"action": "close"}, HTTP_HOST=host)
    question.refresh_from_db()
    if allowed:
        assert accepted.status_code == closed.status_code == 302
        assert question.accepted_answer_id == answer.pk
        assert question.status == Question.Status.CLOSED
        assert client.post(question.url() + "statut/", {"action": "reopen"}, HTTP_HOST=host).status_code == 302
        question.refresh_from_db()
        assert question.status == Question.Status.ANSWERED
    else:
        assert (
            accepted.status_code == closed.status_code == (403 if role == "expert" else denied_status(role, visibility))
        )
        if accepted.status_code == 302:
            assert "/compte/login/" in accepted["Location"]
        assert question.accepted_answer_id is None and question.status == Question.Status.OPEN
        assert not Notification.objects.filter(kind=Notification.Kind.ACCEPTED).exists()


def test_only_animateurs_moderate(client, world, fresh_people, host, ask):
    community = world.communities[P]
    question = ask(community)
    answer = answering.answer(question, fresh_people["expert"], "<p>Une réponse déplacée.</p>")
    base = question.url().rsplit("/", 2)[0] + "/"
    client.force_login(fresh_people["member"])
    assert client.post(base + f"reponses/{answer.pk}/moderer/", HTTP_HOST=host).status_code == 403
    assert client.post(question.url() + "moderer/", HTTP_HOST=host).status_code == 403
    answer.refresh_from_db()
    assert not answer.hidden

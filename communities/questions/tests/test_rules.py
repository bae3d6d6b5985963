"""Bad input gets a clear message and never a 500: empty or oversized texts,
an answer to a closed question, a double vote, a vote for one's own answer,
and injection attempts stored and shown harmlessly."""

import pytest

from communities.models import Visibility
from communities.questions import answering
from communities.questions.models import BODY_MAX, TITLE_MAX, Answer, AnswerVote, Question


@pytest.fixture
def community(world):
    return world.communities[Visibility.PUBLIC]


def ask_url(community):
    return community.url + "questions/poser/"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"title": "", "body": "Des précisions."}, "title", "Champ requis."),
        ({"title": "x" * (TITLE_MAX + 1), "body": "Des précisions."}, "title", f"au plus {TITLE_MAX} caractères"),
        ({"title": "Une question", "body": ""}, "body", "Champ requis."),
        ({"title": "Une question", "body": "x" * (BODY_MAX + 1)}, "body", f"au plus {BODY_MAX} caractères"),
        (
            {"title": "Une question", "body": "<script>alert(1)</script>"},
            "body",
            "Le texte est vide une fois le code non autorisé retiré.",
        ),
        (
            {"title": "Une question", "body": "Texte", "tags": ", ".join(f"mot{n}" for n in range(11))},
            "tags",
            "10 mots-clés au plus.",
        ),
        ({"title": "Bip\x07", "body": "Texte"}, "title", "caractères de contrôle"),
    ],
)
def test_bad_questions_get_a_form_error(client, community, fresh_people, host, data, field, message):
    client.force_login(fresh_people["member"])
    response = client.post(ask_url(community), data, HTTP_HOST=host)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message.replace("'", "&#x27;") in response.text
    assert "Le formulaire contient des erreurs" in response.text
    assert not Question.objects.filter(community=community).exists()


@pytest.mark.parametrize("body, message", [("", "Champ requis."), ("x" * 20_001, "au plus 20000 caractères")])
def test_bad_answers_get_a_form_error(client, community, fresh_people, host, ask, body, message):
    question = ask(community)
    client.force_login(fresh_people["expert"])
    response = client.post(question.url() + "repondre/", {"body": body}, HTTP_HOST=host)
    assert response.status_code == 400
    assert message in response.text
    assert not question.answers.exists()


def test_an_answer_to_a_closed_question_is_refused(client, community, fresh_people, host, ask):
    question = ask(community)
    answering.close(question)
    client.force_login(fresh_people["expert"])
    response = client.post(question.url() + "repondre/", {"body": "Trop tard ?"}, HTTP_HOST=host)
    assert response.status_code == 409
    assert "Cette question est fermée : elle n'accepte plus de réponses." in response.text
    assert not question.answers.exists()
    with pytest.raises(answering.QuestionError):
        answering.answer(question, fresh_people["expert"], "<p>Par derrière.</p>")


def test_nobody_votes_twice(client, community, fresh_people, host, ask):
    question = ask(community)
    answer = answering.answer(question, fresh_people["expert"], "<p>Le fonds vélo.</p>")
    vote_url = community.url + f"questions/reponses/{answer.pk}/voter/"
    client.force_login(fresh_people["member"])
    assert client.post(vote_url, HTTP_HOST=host).status_code == 302
    second = client.post(vote_url, HTTP_HOST=host)
    assert second.status_code == 409
    assert "Vous avez déjà voté pour cette réponse : un seul vote par personne." in second.text
    answer.refresh_from_db()
    assert answer.votes == 1 == AnswerVote.objects.filter(answer=answer).count()
    assert "Vous avez voté" in client.get(question.url(), HTTP_HOST=host).text


def test_nobody_votes_for_their_own_answer(client, community, fresh_people, host, ask):
    question = ask(community)
    answer = answering.answer(question, fresh_people["expert"], "<p>Ma propre réponse.</p>")
    client.force_login(fresh_people["expert"])
    response = client.post(community.url + f"questions/reponses/{answer.pk}/voter/", HTTP_HOST=host)
    assert response.status_code == 409
    assert "Vous ne pouvez pas voter pour votre propre réponse." in response.text
    answer.refresh_from_db()
    assert answer.votes == 0


def test_votes_and_forms_refuse_get(client, community, fresh_people, host, ask):
    question = ask(community)
    answer = answering.answer(question, fresh_people["expert"], "<p>Réponse.</p>")
    client.force_login(fresh_people["member"])
    assert client.get(community.url + f"questions/reponses/{answer.pk}/voter/", HTTP_HOST=host).status_code == 405
    assert client.get(question.url() + "repondre/", HTTP_HOST=host).status_code == 405
    assert client.post(question.url() + "statut/", {"action": "autre"}, HTTP_HOST=host).status_code == 405
    assert client.get(community.url + "questions/99999/", HTTP_HOST=host).status_code == 404
    assert client.get(community.url + "questions/?status=inconnu", HTTP_HOST=host).status_code == 200


INJECTED_TITLE = '<script>alert("titre")</script> Vélo <img src=x onerror=alert(1)>'
INJECTED_BODY = (
    '<p onclick="alert(2)">Voir <a href="javascript:alert(3)">ce lien</a></p>'
    "<img src=x onerror=alert(4)><script>alert(5)</script>"
)


def test_injection_attempts_are_stored_and_shown_harmlessly(client, community, fresh_people, host):
    client.force_login(fresh_people["member"])
    response = client.post(
        ask_url(community), {"title": INJECTED_TITLE, "body": INJECTED_BODY, "tags": "<b>gras</b>"}, HTTP_HOST=host
    )
    assert response.status_code == 302
    question = Question.objects.get(community=community)
    for dangerous in ("javascript:", "onerror", "onclick", "<script", "<img"):
        assert dangerous not in question.body
    assert "ce lien" in question.body

    client.force_login(fresh_people["expert"])
    client.post(question.url() + "repondre/", {"body": INJECTED_BODY}, HTTP_HOST=host)
    answer = Answer.objects.get(question=question)
    assert "javascript:" not in answer.body and "onerror" not in answer.body and "<script" not in answer.body

    html = client.get(question.url(), HTTP_HOST=host).text
    assert "&lt;script&gt;alert(&quot;titre&quot;)&lt;/script&gt; Vélo &lt;img src=x onerror=alert(1)&gt;" in html
    assert '<script>alert("titre")' not in html and "<img src=x" not in html
    assert "alert(5)" not in html and "javascript:" not in html and 'onclick="' not in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html
    listing = client.get(community.url + "questions/", HTTP_HOST=host).text
    assert '<script>alert("titre")' not in listing and "&lt;script&gt;" in listing

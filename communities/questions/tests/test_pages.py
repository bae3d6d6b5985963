"""The list, the question page and moderation as members see them, and their
query budgets, which do not grow with the number of questions or answers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.questions import answering
from communities.questions.models import Question

QUERY_BUDGET = 30


@pytest.fixture
def community(world):
    return world.communities[Visibility.PUBLIC]


def test_empty_list_invites_to_ask(client, world, community, fresh_people, host):
    client.force_login(fresh_people["member"])
    path = community.relative_url(world.portal.site)
    html = client.get(path + "questions/", HTTP_HOST=host).text
    assert "Pas encore de question : posez la première !" in html
    assert "Poser une question" in html
    assert f'<a href="{path}questions/" aria-current="page">Questions</a>' in html


def test_list_filters_by_status_and_paginates(client, community, fresh_people, host, ask):
    for number in range(22):
        ask(community, title=f"Question ouverte n° {number}", author=fresh_people["animateur"])
    answered = ask(community, title="La question résolue")
    answering.accept(
        answered, answering.answer(answered, fresh_people["expert"], "<p>Voici.</p>"), fresh_people["member"]
    )
    url = community.url + "questions/"

    first = client.get(url, HTTP_HOST=host)
    assert "La question résolue" in first.text and "Page 1 sur 2" in first.text
    assert "Question ouverte n° 21" in first.text and "Question ouverte n° 0<" not in first.text
    assert "Question ouverte n° 0<" in client.get(url, {"page": 2}, HTTP_HOST=host).text
    only_answered = client.get(url, {"status": "answered"}, HTTP_HOST=host).text
    assert "La question résolue" in only_answered and "Question ouverte" not in only_answered
    assert "1 réponse" in only_answered
    assert "Aucune question avec ce statut." in client.get(url, {"status": "closed"}, HTTP_HOST=host).text


def test_question_page_marks_experts_and_orders_answers(client, community, fresh_people, host, ask):
    question = ask(community, title="Quel éclairage pour une piste cyclable ?")
    voters = [member_user(f"votant-{n}") for n in range(2)]
    for voter in voters:
        add_member(community, voter)
    by_member = answering.answer(question, fresh_people["animateur"], "<p>Réponse très votée.</p>")
    by_expert = answering.answer(question, fresh_people["expert"], "<p>Réponse de l'experte.</p>")
    late = answering.answer(question, voters[0], "<p>Réponse acceptée tardive.</p>")
    for voter in voters:
        answering.vote(by_member, voter)
    answering.vote(by_expert, voters[1])
    answering.accept(question, late, fresh_people["member"])

    html = client.get(question.url(), HTTP_HOST=host).text
    order = [html.index(f'id="reponse-{answer.pk}"') for answer in (late, by_member, by_expert)]
    assert order == sorted(order)
    expert_item = html[order[2] :]
    assert '<span class="badge badge--expert">Expert</span>' in expert_item
    assert '<span class="badge badge--expert">' not in html[order[0] : order[2]]
    assert "Réponse acceptée</span>" in html[order[0] : order[1]]
    assert "2 votes" in html and "3 réponses" in html


def test_animateurs_hide_answers_and_questions(client, community, fresh_people, host, ask):
    question = ask(community)
    answer = answering.answer(question, fresh_people["expert"], "<p>Une réponse hors sujet.</p>")
    answering.accept(question, answer, fresh_people["member"])
    client.force_login(fresh_people["animateur"])
    response = client.post(
        community.url + f"questions/reponses/{answer.pk}/moderer/", {"action": "hide"}, HTTP_HOST=host
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer_id is None and question.status == Question.Status.OPEN
    assert "Une réponse hors sujet." in client.get(question.url(), HTTP_HOST=host).text  # animateurs still see it

    client.force_login(fresh_people["member"])
    assert "Une réponse hors sujet." not in client.get(question.url(), HTTP_HOST=host).text
    assert client.post(community.url + f"questions/reponses/{answer.pk}/voter/", HTTP_HOST=host).status_code == 404

    client.force_login(fresh_people["animateur"])
    client.post(question.url() + "moderer/", {"action": "hide"}, HTTP_HOST=host)
    assert "Question masquée par les animateurs." in client.get(question.url(), HTTP_HOST=host).text
    client.force_login(fresh_people["member"])
    assert client.get(question.url(), HTTP_HOST=host).status_code == 404
    assert question.title not in client.get(community.url + "questions/", HTTP_HOST=host).text


def count_queries(client, url, host):
    client.get(url, HTTP_HOST=host)  # warm the per-process caches (site, branding)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


def add_answers(question, community, count, voter):
    for number in range(question.answers.count(), question.answers.count() + count):
        author = member_user(f"repondant-{question.pk}-{number}")
        add_member(community, author, "expert" if number % 3 == 0 else "member")
        answer = answering.answer(question, author, f"<p>Réponse n° {number}.</p>")
        if number % 2:
            answering.vote(answer, voter)


@pytest.mark.parametrize("role", ["anonymous", "member", "animateur"])
def test_question_page_budget_does_not_grow_with_answers(
    client, community, fresh_people, host, ask, role, django_assert_max_num_queries
):
    question = ask(community, domains=list(community.domains.all()), tags=["vélo", "budget"])
    if fresh_people[role] is not None:
        client.force_login(fresh_people[role])
    add_answers(question, community, 3, fresh_people["member"])
    small = count_queries(client, question.url(), host)
    add_answers(question, community, 37, fresh_people["member"])
    with django_assert_max_num_queries(small):
        response = client.get(question.url(), HTTP_HOST=host)
    assert response.text.count('<li id="reponse-') == 40
    assert count_queries(client, question.url(), host) == small <= QUERY_BUDGET


def test_list_budget_does_not_grow_with_questions(client, community, fresh_people, host, ask):
    client.force_login(fresh_people["member"])
    for number in range(3):
        ask(community, title=f"Question {number}", author=fresh_people["expert"])
    small = count_queries(client, community.url + "questions/", host)
    for number in range(15):
        ask(community, title=f"Autre question {number}", author=fresh_people["expert"])
    assert count_queries(client, community.url + "questions/", host) == small <= QUERY_BUDGET


def test_answer_counts_use_the_french_plural(client, community, fresh_people, host, ask):
    counted = {0: ask(community, title="Sans réponse ?"), 1: ask(community, title="Une réponse ?")}
    counted[2] = ask(community, title="Deux réponses ?")
    for count, question in counted.items():
        for number in range(count):
            answering.answer(question, fresh_people["expert" if number else "animateur"], f"<p>Réponse {number}.</p>")

    html = client.get(community.url + "questions/", HTTP_HOST=host).text
    shown = [re.search(rf">{re.escape(q.title)}</a>.*?· (\d+ \w+)\s*·", html, re.S).group(1) for q in counted.values()]
    assert shown == ["0 réponse", "1 réponse", "2 réponses"]  # in French, 0 is singular
    assert '<h2 id="reponses-titre">0 réponse</h2>' in client.get(counted[0].url(), HTTP_HOST=host).text

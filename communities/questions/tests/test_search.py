"""Questions in the platform's search: public knowledge in a public community,
never found outside their readers elsewhere, and similar questions suggested
while asking."""

import pytest

from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.questions import answering
from search.models import SearchDocument
from search.tests.conftest import refresh

pytestmark = pytest.mark.usefixtures("search_index")  # every test twice: database and OpenSearch backends
P, R, S = Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET


def found(client, host, query, **params):
    refresh()
    response = client.get("/api/v1/search/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


def test_an_answered_public_question_is_found_anonymously_with_its_answer(client, world, fresh_people, host, ask):
    question = ask(world.communities[P], title="Comment sécuriser un double-sens cyclable ?")
    answer = answering.answer(question, fresh_people["expert"], "<p>Un marquage au sol et une signalétique dédiée.</p>")
    answering.accept(question, answer, fresh_people["member"])

    assert found(client, host, "double-sens cyclable") == [question.title]
    assert found(client, host, "signalétique dédiée") == [question.title]  # the accepted answer is in the document
    response = client.get(
        "/api/v1/search/", {"q": "cyclable", "kind": "question"}, HTTP_HOST=host
    ).json()  # refreshed above
    assert response["results"][0]["kind"] == "question"
    assert {"value": "question", "label": "Question", "count": 1} in response["facets"]["kind"]
    page = client.get("/recherche/", {"q": "cyclable"}, HTTP_HOST=host)
    assert question.title in page.text and "Question" in page.text


@pytest.mark.parametrize("visibility", [R, S])
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending"])
def test_restricted_questions_are_never_found_by_outsiders(client, world, fresh_people, host, ask, visibility, role):
    ask(world.communities[visibility], title="Stratégie confidentielle de relocalisation")
    if fresh_people[role] is not None:
        client.force_login(fresh_people[role])
    assert found(client, host, "relocalisation") == []
    assert found(client, host, "relocalisation", scope="all") == []


@pytest.mark.parametrize("visibility", [R, S])
def test_members_find_the_questions_of_their_communities(client, world, fresh_people, host, ask, visibility):
    ask(world.communities[visibility], title="Stratégie confidentielle de relocalisation")
    client.force_login(fresh_people["member"])
    assert found(client, host, "relocalisation") == ["Stratégie confidentielle de relocalisation"]


def test_documents_follow_answers_moderation_and_deletion(world, fresh_people, ask):
    question = ask(world.communities[P], title="Quel revêtement pour une voie verte ?")
    key = f"questions.question:{question.pk}"
    answer = answering.answer(question, fresh_people["expert"], "<p>Un enrobé clair limite la chaleur.</p>")
    assert "enrobé clair" in SearchDocument.objects.get(key=key).body
    answering.set_hidden(answer, True, fresh_people["animateur"])
    assert "enrobé clair" not in SearchDocument.objects.get(key=key).body
    answering.set_hidden(question, True, fresh_people["animateur"])
    assert not SearchDocument.objects.filter(key=key).exists()
    answering.set_hidden(question, False, fresh_people["animateur"])
    assert SearchDocument.objects.get(key=key).audience == ""
    question.delete()
    assert not SearchDocument.objects.filter(key=key).exists()


def test_a_community_turning_secret_takes_its_questions_out_of_public_search(world, fresh_people, ask):
    from communities.pages import create_community

    community = create_community(world.index, "Communauté qui se ferme", P)
    question = ask(community, title="Une question bientôt confidentielle")
    key = f"questions.question:{question.pk}"
    assert SearchDocument.objects.get(key=key).audience == ""
    community.visibility = S
    community.save_revision().publish()
    assert SearchDocument.objects.get(key=key).audience == f"community:{community.pk}"


def similar(client, community, host, text):
    refresh()
    response = client.get(community.url + "questions/similaires/", {"q": text}, HTTP_HOST=host)
    return response.status_code, [result["title"] for result in response.json()["results"]]


def test_similar_questions_are_suggested_among_what_the_member_may_read(client, world, fresh_people, host, ask):
    public, secret = world.communities[P], world.communities[S]
    ask(public, title="Comment financer une piste cyclable en zone rurale ?")
    ask(secret, title="Financer une piste cyclable sans le dire")
    newcomer = member_user("nouvelle-venue")
    add_member(public, newcomer)
    client.force_login(newcomer)

    status, titles = similar(client, public, host, "piste cyclable")
    assert status == 200
    assert titles == ["Comment financer une piste cyclable en zone rurale ?"]
    assert similar(client, public, host, "financement des pistes cyclables")[1] == titles  # any word, stemmed
    assert similar(client, public, host, "pi") == (200, [])

    client.force_login(fresh_people["member"])  # a member of the secret community too
    assert set(similar(client, public, host, "piste cyclable")[1]) == {
        "Comment financer une piste cyclable en zone rurale ?",
        "Financer une piste cyclable sans le dire",
    }


def test_similar_questions_are_for_members_only(client, world, fresh_people, host, ask):
    ask(world.communities[P], title="Comment financer une piste cyclable ?")
    assert similar(client, world.communities[P], host, "piste") == (403, [])
    client.force_login(fresh_people["visitor"])
    assert similar(client, world.communities[P], host, "piste") == (403, [])
    assert (
        client.get(world.communities[S].url + "questions/similaires/", {"q": "piste"}, HTTP_HOST=host).status_code
        == 404
    )

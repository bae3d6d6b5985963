"""A new question goes to the experts whose competences or domains match it;
answers and acceptances notify the people concerned, and everything appears in
the community's activity feed."""

import pytest

from communities.factories import add_member, member_user
from communities.models import ActivityItem, Membership, Notification, Visibility
from communities.questions import answering, routing
from resources.models import Domain


@pytest.fixture
def community(world):
    return world.communities[Visibility.ON_REQUEST]


def expert(community, name, competences=(), domains=()):
    user = member_user(name)
    add_member(community, user, Membership.Role.EXPERT)
    user.profile.competences.add(*competences)
    user.profile.domains.add(*domains)
    return user


def notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


def test_only_matching_experts_are_notified(world, fresh_people, community, ask):
    littoral = Domain.objects.get(slug="mer-et-littoral")
    mobility = Domain.objects.get(slug="mobilites")
    expert(community, "experte-digues", competences=["Digues", "GEMAPI"])
    expert(community, "expert-littoral", domains=[littoral])
    expert(community, "expert-velo", competences=["vélo"], domains=[mobility])
    outsider = member_user("experte-ailleurs")
    add_member(world.communities[Visibility.PUBLIC], outsider, Membership.Role.EXPERT)
    outsider.profile.competences.add("digues")

    question = ask(community, title="Qui entretient les digues ?", tags=["digues"], domains=[littoral])

    assert notified(Notification.Kind.QUESTION) == {"experte-digues", "expert-littoral"}
    notice = Notification.objects.filter(kind=Notification.Kind.QUESTION).first()
    assert notice.link == question.full_url() and notice.link.startswith("http")
    assert "Qui entretient les digues ?" in notice.message
    assert routing.matching_expert_ids(question) == sorted(
        Notification.objects.filter(kind=Notification.Kind.QUESTION).values_list("user_id", flat=True)
    )


def test_competences_match_whatever_their_case_and_accents(world, community, ask):
    expert(community, "expert-renovation", competences=["Rénovation énergétique"])
    ask(community, title="Quel audit avant travaux ?", tags=["renovation energetique"])
    assert notified(Notification.Kind.QUESTION) == {"expert-renovation"}


def test_without_a_matching_expert_the_animateurs_are_told(world, fresh_people, community, ask):
    ask(community, title="Une question hors de tout domaine", tags=["astronomie"])
    assert notified(Notification.Kind.QUESTION) == {"animateur"}
    assert "Aucun expert ne correspond" in Notification.objects.get(kind=Notification.Kind.QUESTION).message


def test_the_author_is_never_routed_their_own_question(world, fresh_people, community, ask):
    author = expert(community, "experte-autrice", competences=["digues"])
    ask(community, title="Je m'interroge sur les digues", tags=["digues"], author=author)
    assert "experte-autrice" not in notified(Notification.Kind.QUESTION)


def test_answers_and_acceptance_notify_and_feed(world, fresh_people, community, ask):
    question = ask(community, title="Quel plan vélo ?")
    answer = answering.answer(question, fresh_people["expert"], "<p>Commencez par un diagnostic.</p>")
    assert answer.is_expert
    assert notified(Notification.Kind.ANSWER) == {"member"}
    assert Notification.objects.get(kind=Notification.Kind.ANSWER).link == answer.full_url()

    member_answer = answering.answer(question, fresh_people["animateur"], "<p>Et une concertation.</p>")
    assert not member_answer.is_expert
    answering.accept(question, answer, fresh_people["member"])
    assert notified(Notification.Kind.ACCEPTED) == {"expert"}

    lines = ActivityItem.objects.filter(community=community).order_by("pk")
    verbs = [line.verb for line in lines if line.subject_id]
    assert verbs == [
        ActivityItem.Verb.QUESTION,
        ActivityItem.Verb.ANSWER,
        ActivityItem.Verb.ANSWER,
        ActivityItem.Verb.ACCEPTED,
    ]
    assert all(
        line.subject_url.startswith("http") and line.subject_title == "Quel plan vélo ?"
        for line in lines
        if line.subject_id
    )


def test_answering_ones_own_question_notifies_nobody(world, fresh_people, community, ask):
    question = ask(community)
    answering.answer(question, fresh_people["member"], "<p>J'ai trouvé moi-même.</p>")
    assert not Notification.objects.filter(kind=Notification.Kind.ANSWER).exists()


def test_questions_appear_in_the_community_feed_and_hide_with_moderation(
    client, world, fresh_people, host, community, ask
):
    question = ask(community, title="Une question à modérer")
    client.force_login(fresh_people["member"])
    assert "Une question à modérer" in client.get(community.url, HTTP_HOST=host).text
    answering.set_hidden(question, True, fresh_people["animateur"])
    assert "Une question à modérer" not in client.get(community.url, HTTP_HOST=host).text
    assert client.get(question.url(), HTTP_HOST=host).status_code == 404

"""The demo questions fill the demo communities that exist, once."""

from communities.factories import add_member, member_user
from communities.models import Membership, Visibility
from communities.pages import create_community
from communities.questions.models import Question
from portail.demo import questions as demo


def test_demo_questions_are_loaded_once(world):
    community = create_community(world.index, "Réseau des chargés de mission mobilité", Visibility.PUBLIC)
    add_member(community, member_user("demo-animatrice"), Membership.Role.ANIMATEUR)
    experts = [member_user(f"demo-expert-{n}") for n in range(2)]
    for expert in experts:
        add_member(community, expert, Membership.Role.EXPERT)
        expert.profile.competences.add("vélo")
    for n in range(3):
        add_member(community, member_user(f"demo-membre-{n}"))

    assert demo.load() == 3
    questions = Question.objects.filter(community=community)
    assert questions.count() == 3
    accepted = questions.get(status=Question.Status.ANSWERED)
    assert accepted.accepted_answer.is_expert
    assert accepted.answers.filter(votes__gt=0).exists()
    assert demo.load() == 0

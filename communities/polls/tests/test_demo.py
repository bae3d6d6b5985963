"""The demo polls and questionnaire load once, with votes and answers."""

from communities.polls.models import Poll, QuestionnairePage, QuestionnaireSubmission, Vote
from portail.demo import polls as demo


def test_demo_polls_load_once(world):
    assert demo.load(count=2) == 2
    polls = Poll.objects.filter(community__in=list(world.communities.values()))
    assert polls.count() == 2 * len(demo.POLLS)
    assert Vote.objects.filter(poll__in=polls).count() > 0
    assert sum(not poll.is_open for poll in polls) == 2
    questionnaire = QuestionnairePage.objects.get(title=demo.QUESTIONNAIRE)
    # In the world, a member and an expert answer besides the animateur.
    assert QuestionnaireSubmission.objects.filter(page=questionnaire).count() == 2
    assert demo.load(count=2) == 0
    assert Poll.objects.filter(community__in=list(world.communities.values())).count() == 2 * len(demo.POLLS)

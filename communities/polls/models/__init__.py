from .polls import Poll, PollChoice, Vote, VoteChoice
from .questionnaires import QuestionnaireField, QuestionnairePage, QuestionnaireSubmission

__all__ = [
    "Poll",
    "PollChoice",
    "QuestionnaireField",
    "QuestionnairePage",
    "QuestionnaireSubmission",
    "Vote",
    "VoteChoice",
]

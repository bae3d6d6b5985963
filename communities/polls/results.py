"""A poll's results: each choice's count and share, and in a named poll who
chose it, in a fixed number of queries."""

from dataclasses import dataclass, field

from communities.membership import display_name

from .models import VoteChoice


@dataclass
class ChoiceResult:
    choice: object
    votes: int
    percent: int
    voters: list = field(default_factory=list)


@dataclass
class Results:
    voters: int
    choices: list


def results(poll, with_names):
    """Shares are of the number of voters (in a multiple-choice poll they add up
    to more than 100 %)."""
    choices = list(poll.choices.all())
    voters = poll.ballots.count()
    names = {}
    if with_names and not poll.anonymous:
        for chosen in VoteChoice.objects.filter(vote__poll=poll).select_related("vote__voter__profile").order_by("pk"):
            names.setdefault(chosen.choice_id, []).append(display_name(chosen.vote.voter))
    return Results(
        voters=voters,
        choices=[
            ChoiceResult(
                choice, choice.votes, round(100 * choice.votes / voters) if voters else 0, names.get(choice.pk, [])
            )
            for choice in choices
        ],
    )

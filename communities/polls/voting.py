"""Opening polls and voting: every rule about votes lives here.

``vote`` refuses a closed poll, a second vote, an unknown choice and several
choices in a single-choice poll with a message for the voter; the database's
unique constraint backs the "once" rule against concurrent requests."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from communities import activity, tools
from communities.models import ActivityItem, Membership, Notification

from .models import Poll, PollChoice, Vote, VoteChoice


class VoteError(ValueError):
    """A vote that cannot be counted, with a message for the voter."""


@transaction.atomic
def open_poll(community, author, question, kind, anonymous, closes_at, choices):
    poll = Poll.objects.create(
        community=community, question=question, kind=kind, anonymous=anonymous, closes_at=closes_at, created_by=author
    )
    PollChoice.objects.bulk_create(
        PollChoice(poll=poll, label=label, sort_order=number) for number, label in enumerate(choices)
    )
    url = tools.full_url(community, "sondages", "detail", poll_id=poll.pk)
    activity.record(community, author, ActivityItem.Verb.POLL, subject=poll, title=question, url=url)
    _notify_members(poll, url)
    return poll


def _notify_members(poll, url):
    """Every active member but the author is told that a poll awaits their vote."""
    members = Membership.objects.filter(community=poll.community, status=Membership.Status.ACTIVE).exclude(
        user=poll.created_by
    )
    message = _("Nouveau sondage dans %(community)s : %(question)s") % {
        "community": poll.community.title,
        "question": poll.question,
    }
    Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            community=poll.community,
            kind=Notification.Kind.POLL,
            message=message[:300],
            link=url[:500],
        )
        for user_id in members.values_list("user_id", flat=True)
    )


def has_voted(poll, user):
    return user.is_authenticated and Vote.objects.filter(poll=poll, voter=user).exists()


def _chosen(poll, choice_ids):
    try:
        wanted = {int(value) for value in choice_ids}
    except (TypeError, ValueError) as error:
        raise VoteError(_("Ce choix n'existe pas dans ce sondage.")) from error
    if not wanted:
        raise VoteError(_("Choisissez au moins une réponse."))
    if len(wanted) > 1 and not poll.is_multiple:
        raise VoteError(_("Ce sondage n'accepte qu'une seule réponse."))
    choices = list(poll.choices.filter(pk__in=wanted))
    if len(choices) != len(wanted):
        raise VoteError(_("Ce choix n'existe pas dans ce sondage."))
    return choices


def vote(poll, user, choice_ids):
    """Count ``user``'s vote for the choices with ids ``choice_ids``."""
    if not poll.is_open:
        raise VoteError(_("Ce sondage est clos : il n'accepte plus de votes."))
    choices = _chosen(poll, choice_ids)
    try:
        with transaction.atomic():
            ballot = Vote.objects.create(poll=poll, voter=user)
            PollChoice.objects.filter(pk__in=[choice.pk for choice in choices]).update(votes=F("votes") + 1)
            if not poll.anonymous:
                VoteChoice.objects.bulk_create(VoteChoice(vote=ballot, choice=choice) for choice in choices)
    except IntegrityError as error:
        raise VoteError(_("Vous avez déjà voté à ce sondage.")) from error
    return ballot

"""Asking, answering, accepting, voting, closing and moderating.

Callers check permissions with ``access.can`` first; texts arrive already
sanitised by the forms. A rule of the tool that refuses an action (a closed
question, a second vote) raises ``QuestionError`` with a message for the member."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from communities import access, activity, content, notifications
from communities.membership import display_name
from communities.models import ActivityItem, Membership, Notification
from search import api as search_api

from . import routing
from .models import Answer, AnswerVote, Question

EXCERPT_LENGTH = 300


class QuestionError(Exception):
    """An action the rules of the tool refuse; the message says why."""


@transaction.atomic
def ask(community, author, title, body, domains=(), tags=(), territory=None):
    question = Question.objects.create(community=community, author=author, title=title, body=body, territory=territory)
    question.domains.set(domains)
    question.tags.set(tags)
    activity.record(
        community,
        author,
        ActivityItem.Verb.QUESTION,
        subject=question,
        title=question.title,
        url=question.full_url(),
        excerpt=content.plain_text(body, EXCERPT_LENGTH),
    )
    routing.route(question)
    search_api.reindex(question)  # again, now that its domains and tags are set
    return question


def is_expert(user, community):
    membership = access.membership_of(user, community)
    return (
        membership is not None
        and membership.status == Membership.Status.ACTIVE
        and membership.role == Membership.Role.EXPERT
    )


@transaction.atomic
def answer(question, author, body):
    if question.is_closed:
        raise QuestionError(_("Cette question est fermée : elle n'accepte plus de réponses."))
    community = question.community
    created = Answer.objects.create(question=question, author=author, body=body, is_expert=is_expert(author, community))
    activity.record(
        community,
        author,
        ActivityItem.Verb.ANSWER,
        subject=created,
        title=question.title,
        url=created.full_url(),
        excerpt=content.plain_text(body, EXCERPT_LENGTH),
    )
    asker_profile = getattr(question.author, "profile", None) if question.author_id else None
    if asker_profile is not None and question.author_id != author.pk and asker_profile.notify_replies:
        notifications.notify(
            question.author,
            community,
            Notification.Kind.ANSWER,
            _("%(name)s a répondu à votre question « %(title)s ».")
            % {"name": display_name(author), "title": question.title},
            created.full_url(),
        )
    return created


def may_decide(user, question):
    """The author of the question or a manager of the community (animateur…)
    accepts an answer, closes and reopens the question."""
    community = question.community
    if access.can(user, community, access.Action.MANAGE):
        return True
    return user.is_authenticated and question.author_id == user.pk and access.can(user, community, access.Action.POST)


@transaction.atomic
def accept(question, chosen, by):
    if question.is_closed:
        raise QuestionError(_("Cette question est fermée : rouvrez-la pour accepter une réponse."))
    if chosen.hidden or chosen.question_id != question.pk:
        raise QuestionError(_("Cette réponse ne peut pas être acceptée."))
    question.accepted_answer = chosen
    question.status = Question.Status.ANSWERED
    question.save(update_fields=["accepted_answer", "status", "updated_at"])
    activity.record(
        question.community,
        by,
        ActivityItem.Verb.ACCEPTED,
        subject=chosen,
        title=question.title,
        url=chosen.full_url(),
        excerpt=content.plain_text(chosen.body, EXCERPT_LENGTH),
    )
    if chosen.author_id and chosen.author_id != by.pk:
        notifications.notify(
            chosen.author,
            question.community,
            Notification.Kind.ACCEPTED,
            _("Votre réponse à « %(title)s » a été acceptée.") % {"title": question.title},
            chosen.full_url(),
        )


def close(question):
    question.status = Question.Status.CLOSED
    question.save(update_fields=["status", "updated_at"])


def reopen(question):
    question.status = Question.Status.ANSWERED if question.accepted_answer_id else Question.Status.OPEN
    question.save(update_fields=["status", "updated_at"])


def vote(chosen, user):
    """One vote of ``user`` for an answer: never their own, never twice."""
    if chosen.author_id == user.pk:
        raise QuestionError(_("Vous ne pouvez pas voter pour votre propre réponse."))
    try:
        with transaction.atomic():
            AnswerVote.objects.create(answer=chosen, user=user)
            Answer.objects.filter(pk=chosen.pk).update(votes=F("votes") + 1)
    except IntegrityError as error:
        raise QuestionError(_("Vous avez déjà voté pour cette réponse : un seul vote par personne.")) from error


@transaction.atomic
def set_hidden(target, hidden, moderator):
    """Hide (or show again) a question or an answer and its feed lines. Hiding
    the accepted answer withdraws its acceptance."""
    target.hidden = hidden
    target.hidden_by = moderator if hidden else None
    target.save(update_fields=["hidden", "hidden_by"])
    if isinstance(target, Question):
        activity.set_subject_hidden(target, hidden)
        for each in target.answers.all():
            activity.set_subject_hidden(each, hidden or each.hidden)
        return
    activity.set_subject_hidden(target, hidden or target.question.hidden)
    question = target.question
    if hidden and question.accepted_answer_id == target.pk:
        question.accepted_answer = None
        if question.status == Question.Status.ANSWERED:
            question.status = Question.Status.OPEN
        question.save(update_fields=["accepted_answer", "status", "updated_at"])

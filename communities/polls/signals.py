"""Activity lines for questionnaires (one when first published, hidden while
unpublished) and polls: removed with the page or the poll."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from communities import activity, content
from communities.models import ActivityItem

from .models import Poll, QuestionnairePage


def _published(sender, instance, revision=None, **kwargs):
    if ActivityItem.objects.filter(verb=ActivityItem.Verb.QUESTIONNAIRE, subject_id=instance.pk).exists():
        activity.set_subject_hidden(instance, False)
        return
    actor = (revision.user if revision is not None else None) or instance.owner
    activity.record(
        instance.community,
        actor,
        ActivityItem.Verb.QUESTIONNAIRE,
        subject=instance,
        title=instance.title,
        url=instance.get_full_url(),
        excerpt=content.plain_text(instance.intro, max_length=300),
    )


def _unpublished(sender, instance, **kwargs):
    activity.set_subject_hidden(instance, True)


def _deleted(sender, instance, **kwargs):
    activity.forget_subject(instance)


def connect():
    page_published.connect(_published, sender=QuestionnairePage, dispatch_uid="polls_questionnaire_published")
    page_unpublished.connect(_unpublished, sender=QuestionnairePage, dispatch_uid="polls_questionnaire_unpublished")
    post_delete.connect(_deleted, sender=QuestionnairePage, dispatch_uid="polls_questionnaire_deleted")
    post_delete.connect(_deleted, sender=Poll, dispatch_uid="polls_poll_deleted")

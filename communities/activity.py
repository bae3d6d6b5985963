"""Recording what happens in a community: a feed line per action, which the
followers allowed to read it get in their immediate digest, and the lines kept
in step with moderation and deletion."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import ActivityItem, Comment
from .tasks import send_immediate_digests


def record(community, actor, verb, post=None, comment=None, pin=None, subject=None, title="", url="", excerpt=""):
    """Add a line to the feed; followers allowed to read it get it in their
    immediate digest once the transaction commits.

    A community tool passes its object as ``subject`` with the ``title``,
    absolute ``url`` and ``excerpt`` to show; ``set_subject_hidden`` and
    ``forget_subject`` keep the line in step with it."""
    item = ActivityItem.objects.create(
        community=community,
        actor=actor,
        verb=verb,
        post=post,
        comment=comment,
        pin=pin,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        subject_title=title[:300],
        subject_url=url,
        excerpt=excerpt[:300],
    )

    transaction.on_commit(lambda: send_immediate_digests.delay(item.pk))
    return item


def mirror_moderation(target):
    """Hide (or show again) the feed lines of a moderated post or comment; the
    lines of a hidden post's comments go with it."""
    if isinstance(target, Comment):
        ActivityItem.objects.filter(comment=target).update(hidden=target.hidden or target.post.hidden)
        return
    ActivityItem.objects.filter(post=target).update(hidden=target.hidden)
    if not target.hidden:
        ActivityItem.objects.filter(post=target, comment__hidden=True).update(hidden=True)


def _subject_lines(subject):
    return ActivityItem.objects.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)


def set_subject_hidden(subject, hidden):
    """Hide (or show again) the feed lines about a moderated tool object."""
    _subject_lines(subject).update(hidden=hidden)


def forget_subject(subject):
    """Remove the feed lines about a tool object that is deleted."""
    _subject_lines(subject).delete()

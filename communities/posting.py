"""Publishing, commenting, reporting, moderating and pinning.

Callers check permissions with ``access.can`` and rate limits with
``content.hit_rate_limit`` first; bodies arrive already sanitised by the forms."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import activity, notifications
from .membership import display_name
from .models import ActivityItem, Comment, Notification, PinnedResource, Post, Report


@transaction.atomic
def publish_post(community, author, title, body):
    post = Post.objects.create(community=community, author=author, title=title, body=body)
    activity.record(community, author, ActivityItem.Verb.POST, post=post)
    return post


@transaction.atomic
def add_comment(post, author, body):
    comment = Comment.objects.create(post=post, author=author, body=body)
    activity.record(post.community, author, ActivityItem.Verb.COMMENT, post=post, comment=comment)
    author_profile = getattr(post.author, "profile", None) if post.author_id else None
    if author_profile is not None and post.author_id != author.pk and author_profile.notify_replies:
        notifications.notify(
            post.author,
            post.community,
            Notification.Kind.REPLY,
            _("%(name)s a commenté « %(title)s ».") % {"name": display_name(author), "title": post.title},
            post.full_url(),
        )
    return comment


def report(target, reporter, reason):
    post = target if isinstance(target, Post) else None
    comment = target if isinstance(target, Comment) else None
    community = (post or comment.post).community
    created = Report.objects.create(post=post, comment=comment, community=community, reporter=reporter, reason=reason)
    notifications.notify_animateurs(
        community,
        Notification.Kind.REPORT,
        _("Un contenu a été signalé dans « %(community)s ».") % {"community": community.title},
        community.full_url + community.reverse_subpage("manage"),
        exclude=reporter,
    )
    return created


@transaction.atomic
def set_hidden(target, hidden, moderator):
    """Hide (or show again) a post or a comment; open reports on it are resolved."""
    target.hidden = hidden
    target.hidden_by = moderator if hidden else None
    target.save(update_fields=["hidden", "hidden_by"])
    activity.mirror_moderation(target)
    target.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=moderator)


@transaction.atomic
def pin(community, target, by):
    """Pin a resource page or a harvested item; pinning twice changes nothing."""
    field = "page" if hasattr(target, "path") else "harvested_item"
    pinned, created = PinnedResource.objects.get_or_create(
        community=community, **{field: target}, defaults={"pinned_by": by}
    )
    if created:
        activity.record(community, by, ActivityItem.Verb.PINNED, pin=pinned)
    return pinned


def unpin(community, pin_id):
    PinnedResource.objects.filter(community=community, pk=pin_id).delete()

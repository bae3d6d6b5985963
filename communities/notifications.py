"""In-app notifications and e-mail digests.

A notification stays for as long as its reader may still know what it names
(``visible_notifications``): leaving a restricted community, being removed from
it, or its becoming restricted while one is not a member hides its notices, and
they show again if access comes back. A digest lists the activity of the
communities a member follows, limited to what they may read at sending time
(``feeds.items_for``), never their own actions and never moderated content."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access, feeds
from .models import ActivityItem, CommunityPage, Follow, Membership, Notification, Profile, Visibility

# Notices about the reader's own place in a community (an invitation, a decision
# on their request) name the community and nothing in it: they stay while the
# reader may see the community. Every other kind names its content (a post, a
# poll, an event...) and stays while they may read it.
MEMBERSHIP_KINDS = (Notification.Kind.INVITED, Notification.Kind.APPROVED, Notification.Kind.REFUSED)
PERIODS = {Profile.Digest.DAILY: datetime.timedelta(days=1), Profile.Digest.WEEKLY: datetime.timedelta(days=7)}
DIGEST_MAX_ITEMS = 50


def notify(user, community, kind, message, link=""):
    return Notification.objects.create(
        user=user, community=community, kind=kind, message=message[:300], link=link[:500]
    )


def notify_animateurs(community, kind, message, link="", exclude=None):
    animateurs = Membership.objects.filter(
        community=community, role=Membership.Role.ANIMATEUR, status=Membership.Status.ACTIVE
    )
    if exclude is not None:
        animateurs = animateurs.exclude(user=exclude)
    Notification.objects.bulk_create(
        Notification(user_id=user_id, community=community, kind=kind, message=message[:300], link=link[:500])
        for user_id in animateurs.values_list("user_id", flat=True)
    )


def visible_notifications(user):
    """``user``'s notifications that ``access.POLICY`` still lets them see, as one
    query whatever their number. Nothing is deleted: a member who rejoins finds
    their notices again. Published or not, a community keeps its notices, as
    ``access.can`` does."""
    notices = Notification.objects.filter(user=user)
    if user.is_superuser:
        return notices
    communities = CommunityPage.objects.all()
    readable = access.readable_communities(user, communities).values("pk")
    visible = access.visible_communities(user, communities).values("pk")
    return notices.filter(Q(community__in=readable) | Q(kind__in=MEMBERSHIP_KINDS, community__in=visible))


def unread_count(user):
    return visible_notifications(user).filter(read_at__isnull=True).count()


def readers(community, users):
    """The users among ``users`` who may read ``community`` (the READ rule of
    ``access.POLICY`` as one query)."""
    if community.visibility == Visibility.PUBLIC:
        return users
    ancestors = [community.path[:end] for end in range(community.steplen, len(community.path) + 1, community.steplen)]
    return users.filter(
        Q(is_superuser=True)
        | Q(memberships__community=community, memberships__status=Membership.Status.ACTIVE)
        | Q(
            groups__page_permissions__page__path__in=ancestors,
            groups__page_permissions__permission__codename__in=access.EDITOR_PERMISSIONS,
        )
    ).distinct()


def digest_items(user, since):
    """What ``user`` gets in a digest covering the time after ``since``."""
    items = feeds.items_for(user).filter(created_at__gt=since).exclude(actor=user)
    return list(feeds.with_feed_data(items)[:DIGEST_MAX_ITEMS])


def _send(user, items, subject):
    context = {"user": user, "profile": user.profile, "items": items, "subject": subject}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("default/communities/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string("default/communities/email/digest.html", context), "text/html")
    message.send()


def send_digest(user, frequency, now=None):
    """Send ``user`` their daily or weekly digest; returns the number of items."""
    now = now or timezone.now()
    profile = user.profile
    since = profile.last_digest_at or now - PERIODS[frequency]
    with translation.override(settings.LANGUAGE_CODE):
        items = digest_items(user, since)
        if items:
            subject = _("Vos communautés : %(count)d nouveautés") % {"count": len(items)}
            _send(user, items, subject)
    Profile.objects.filter(pk=profile.pk).update(last_digest_at=now)
    return len(items)


def digest_recipients(frequency):
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__digest=frequency)
        .exclude(email="")
        .select_related("profile")
    )


def send_immediate(item_id):
    """E-mail one activity line to the followers who asked for immediate news and
    may read it. Returns the number of e-mails sent."""
    item = feeds.with_feed_data(ActivityItem.objects.filter(pk=item_id, hidden=False)).first()
    if item is None or not item.community.live:
        return 0
    followers = get_user_model().objects.filter(
        is_active=True,
        profile__digest=Profile.Digest.IMMEDIATE,
        pk__in=Follow.objects.filter(community=item.community).values("user_id"),
    )
    if item.actor_id:
        followers = followers.exclude(pk=item.actor_id)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Nouveau dans « %(community)s »") % {"community": item.community.title}
        for user in readers(item.community, followers).exclude(email="").select_related("profile"):
            _send(user, [item], subject)
            sent += 1
    return sent

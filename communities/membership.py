"""Joining and leaving communities, and what animateurs decide.

Callers check permissions with ``access.can`` first; these functions keep the
data consistent and tell the people concerned."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import activity, notifications
from .models import ActivityItem, Follow, Invitation, Membership, Notification, Visibility


class MembershipError(ValueError):
    """A membership change that cannot be made, with a message for the user."""


def follow(user, community):
    Follow.objects.get_or_create(user=user, community=community)


def unfollow(user, community):
    Follow.objects.filter(user=user, community=community).delete()


def _activate(membership, decided_by=None):
    membership.status = Membership.Status.ACTIVE
    membership.decided_at = timezone.now()
    membership.decided_by = decided_by
    membership.save()
    follow(membership.user, membership.community)
    activity.record(membership.community, membership.user, ActivityItem.Verb.JOINED)
    return membership


@transaction.atomic
def join(user, community, message=""):
    """Join a public community, request an on-request one, or accept an invitation.
    Returns the membership (active or pending)."""
    membership = Membership.objects.select_for_update().filter(community=community, user=user).first()
    if membership is not None and membership.status in (Membership.Status.ACTIVE, Membership.Status.PENDING):
        return membership
    if membership is not None and membership.status == Membership.Status.INVITED:
        return _activate(membership)
    if community.visibility == Visibility.SECRET:
        raise MembershipError(_("Cette communauté n'accueille que des membres invités."))
    membership = membership or Membership(community=community, user=user, role=Membership.Role.MEMBER)
    membership.message = message[:500]
    if community.visibility == Visibility.PUBLIC:
        return _activate(membership)
    membership.status = Membership.Status.PENDING
    membership.decided_at = membership.decided_by = None
    membership.save()
    notifications.notify_animateurs(
        community,
        Notification.Kind.REQUEST,
        _("%(name)s demande à rejoindre « %(community)s ».")
        % {"name": display_name(user), "community": community.title},
        community.full_url + community.reverse_subpage("manage"),
    )
    return membership


@transaction.atomic
def leave(user, community):
    membership = Membership.objects.filter(community=community, user=user).first()
    if membership is None:
        return
    if membership.role == Membership.Role.ANIMATEUR and membership.status == Membership.Status.ACTIVE:
        _ensure_other_animateur(membership)
    membership.delete()
    unfollow(user, community)


def approve(membership, animateur):
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Cette demande a déjà été traitée."))
    with transaction.atomic():
        _activate(membership, decided_by=animateur)
        notifications.notify(
            membership.user,
            membership.community,
            Notification.Kind.APPROVED,
            _("Bienvenue dans « %(community)s » : votre demande est acceptée.")
            % {"community": membership.community.title},
            membership.community.full_url,
        )
    return membership


def refuse(membership, animateur):
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Cette demande a déjà été traitée."))
    membership.status = Membership.Status.REFUSED
    membership.decided_at = timezone.now()
    membership.decided_by = animateur
    membership.save()
    notifications.notify(
        membership.user,
        membership.community,
        Notification.Kind.REFUSED,
        _("Votre demande pour rejoindre « %(community)s » n'a pas été acceptée.")
        % {"community": membership.community.title},
    )
    return membership


def _ensure_other_animateur(membership):
    others = Membership.objects.filter(
        community=membership.community, role=Membership.Role.ANIMATEUR, status=Membership.Status.ACTIVE
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise MembershipError(_("Une communauté garde au moins un animateur : nommez-en un autre d'abord."))


def change_role(membership, role, by):
    if role not in Membership.Role.values:
        raise MembershipError(_("Rôle inconnu."))
    if membership.status != Membership.Status.ACTIVE:
        raise MembershipError(_("Seul un membre actif peut changer de rôle."))
    if membership.role == Membership.Role.ANIMATEUR and role != Membership.Role.ANIMATEUR:
        _ensure_other_animateur(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    notifications.notify(
        membership.user,
        membership.community,
        Notification.Kind.ROLE,
        _("Vous êtes désormais %(role)s dans « %(community)s ».")
        % {"role": membership.get_role_display().lower(), "community": membership.community.title},
        membership.community.full_url,
    )
    return membership


def remove(membership, by):
    if membership.role == Membership.Role.ANIMATEUR and membership.status == Membership.Status.ACTIVE:
        _ensure_other_animateur(membership)
    unfollow(membership.user, membership.community)
    membership.delete()


def _invite_user(community, user, role):
    membership, created = Membership.objects.get_or_create(
        community=community, user=user, defaults={"role": role, "status": Membership.Status.INVITED}
    )
    if not created and membership.status in (Membership.Status.ACTIVE,):
        return membership, False
    if not created:
        membership.status, membership.role = Membership.Status.INVITED, role
        membership.save(update_fields=["status", "role"])
    notifications.notify(
        user,
        community,
        Notification.Kind.INVITED,
        _("Vous êtes invité à rejoindre « %(community)s ».") % {"community": community.title},
        community.full_url,
    )
    return membership, True


def invite(community, email, role, by):
    """Invite an address. A verified account with that address is invited at once;
    otherwise the invitation waits until the address is verified. Returns True
    when an invitation e-mail should be sent."""
    email = email.strip().lower()
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    if address is not None:
        _membership, invited = _invite_user(community, address.user, role)
        return invited
    Invitation.objects.update_or_create(community=community, email=email, defaults={"role": role, "invited_by": by})
    return True


def claim_invitations(user, email):
    """Turn the invitations waiting for ``email`` (now verified) into invited
    memberships of ``user``."""
    for invitation in Invitation.objects.filter(email__iexact=email).select_related("community"):
        _invite_user(invitation.community, user, invitation.role)
        invitation.delete()


def display_name(user):
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else user.get_username()

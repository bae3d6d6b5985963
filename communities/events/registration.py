"""Registering to an event, the waiting list and cancellations.

Every change runs in a transaction that first takes the event's lock, so that two
people never get the last seat: ``SELECT … FOR UPDATE`` on the event's page row
where the database has it (PostgreSQL); elsewhere (SQLite) a first write, which
changes nothing, takes the database's write lock and serialises the transactions
the same way (a plain read would let both count the same free seat)."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from communities.models import Notification
from communities.notifications import notify

from .models import Registration
from .tasks import send_promotion_email

Status = Registration.Status


class RegistrationError(Exception):
    """A registration refused, with the message for the person."""


@dataclass(frozen=True)
class Promotion:
    """Someone who moved from the waiting list to a seat."""

    registration: Registration


def _lock(event):
    if connection.features.has_select_for_update:
        list(Page.objects.select_for_update().filter(pk=event.pk).values_list("pk", flat=True))
    else:
        Registration.objects.filter(event_id=event.pk, pk__lt=0).update(status=Status.CANCELLED)


def seats_taken(event):
    return Registration.objects.filter(event=event, status=Status.REGISTERED).count()


def seats_left(event):
    """Free seats, or None when the event has no capacity."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def status_of(event, user):
    """The user's registration status for ``event``, or "" when they have none."""
    if not user.is_authenticated:
        return ""
    status = Registration.objects.filter(event=event, user=user).values_list("status", flat=True).first()
    return "" if status in (None, Status.CANCELLED) else status


def register(event, user, now=None):
    """Register ``user``: a seat while there are some, else the waiting list.
    Returns the registration; raises RegistrationError when refused."""
    reason = event.registration_closed_reason(now)
    if reason:
        raise RegistrationError(reason)
    with transaction.atomic():
        _lock(event)
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None and existing.status != Status.CANCELLED:
            raise RegistrationError(
                _("Vous êtes déjà inscrit à cet événement.")
                if existing.status == Status.REGISTERED
                else _("Vous êtes déjà sur la liste d'attente de cet événement.")
            )
        full = event.capacity is not None and seats_taken(event) >= event.capacity
        status = Status.WAITING if full else Status.REGISTERED
        if existing is None:
            return Registration.objects.create(event=event, user=user, status=status)
        existing.status = status
        existing.created_at = timezone.now()  # back of the waiting list
        existing.save(update_fields=["status", "created_at"])
        return existing


def cancel(event, user):
    """Cancel ``user``'s registration; a freed seat goes to the first person
    waiting. Returns the Promotion or None; raises RegistrationError when there
    is nothing to cancel."""
    if event.is_past:
        raise RegistrationError(_("Cet événement est terminé."))
    with transaction.atomic():
        _lock(event)
        existing = Registration.objects.filter(event=event, user=user).exclude(status=Status.CANCELLED).first()
        if existing is None:
            raise RegistrationError(_("Vous n'êtes pas inscrit à cet événement."))
        freed = existing.status == Status.REGISTERED
        existing.status = Status.CANCELLED
        existing.save(update_fields=["status"])
        promotion = _promote_next(event) if freed else None
        if promotion is not None:
            _tell_promoted(event, promotion.registration)
        return promotion


def _promote_next(event):
    if event.capacity is not None and seats_taken(event) >= event.capacity:
        return None
    waiting = (
        Registration.objects.filter(event=event, status=Status.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = Status.REGISTERED
    waiting.save(update_fields=["status"])
    return Promotion(waiting)


def _tell_promoted(event, registration):
    """A notification in the community (portal events have none) and an e-mail."""

    message = _("Une place s'est libérée : vous êtes inscrit à « %(title)s ».") % {"title": event.title}
    if event.community is not None:
        notify(registration.user, event.community, Notification.Kind.REGISTRATION, message, event.full_url)
    transaction.on_commit(lambda: send_promotion_email.delay(registration.pk))


@dataclass(frozen=True)
class Registrants:
    """Who registered to an event: seats in registration order, then the
    waiting list in its order, and how many cancelled."""

    registered: list
    waiting: list
    cancelled: int


def registrants(event):
    """``Registrants`` of ``event``, each registration with its person's profile,
    in one query."""
    rows = Registration.objects.filter(event=event).select_related("user__profile").order_by("created_at", "pk")
    registered, waiting, cancelled = [], [], 0
    for row in rows:
        if row.status == Status.REGISTERED:
            registered.append(row)
        elif row.status == Status.WAITING:
            waiting.append(row)
        else:
            cancelled += 1
    return Registrants(registered, waiting, cancelled)

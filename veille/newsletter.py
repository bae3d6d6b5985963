"""The veille newsletter: double opt-in subscription, one-click unsubscription
and the sending of a published issue (the e-mails are in ``veille.messages``)."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Dispatch, Subscriber
from .tasks import send_confirmation, send_issue

RESEND_AFTER = datetime.timedelta(minutes=15)


def subscribe(site, email, language):
    """Record a subscription request and send the confirmation e-mail, unless
    the address is already confirmed. Returns the subscriber."""

    subscriber, _created = Subscriber.objects.get_or_create(
        site=site, email=email.strip().lower(), defaults={"language": language}
    )
    now = timezone.now()
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    if (
        subscriber.status == Subscriber.Status.PENDING
        and subscriber.confirmation_sent_at
        and now - subscriber.confirmation_sent_at < RESEND_AFTER
    ):
        return subscriber  # one confirmation e-mail at a time: the form cannot be used to flood an address
    subscriber.status = Subscriber.Status.PENDING
    subscriber.language = language
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["status", "language", "confirmation_sent_at"])
    transaction.on_commit(lambda: send_confirmation.delay(subscriber.pk))
    return subscriber


def confirm(subscriber):
    if subscriber.status != Subscriber.Status.CONFIRMED:
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.bounce_count = 0
        subscriber.last_error = ""
        subscriber.save(update_fields=["status", "confirmed_at", "bounce_count", "last_error"])


def unsubscribe(subscriber):
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])


def schedule_dispatch(issue):
    """Queue the sending of a published issue, the first time only. An issue of
    a community that is not public is never sent. Returns the new dispatch or None."""

    if not issue.is_public_issue:
        return None
    dispatch, created = Dispatch.objects.get_or_create(issue=issue)
    if not created:
        return None
    transaction.on_commit(lambda: send_issue.delay(dispatch.pk))
    return dispatch

"""Sending the veille's e-mails through Celery."""

import logging
import smtplib

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .listing import issue_entries
from .messages import confirmation_message, issue_message
from .models import Delivery, Dispatch, Subscriber

logger = logging.getLogger(__name__)
MAX_BOUNCES = 3


@shared_task
def send_confirmation(subscriber_id):
    subscriber = (
        Subscriber.objects.select_related("site").filter(pk=subscriber_id, status=Subscriber.Status.PENDING).first()
    )
    if subscriber is not None:
        confirmation_message(subscriber).send()


def _record_failure(subscriber, error, permanent):
    """Note a failed delivery on the subscriber; an invalid address, or too many
    refusals in a row, stops further sending to it."""
    subscriber.bounce_count += 1
    subscriber.last_error = str(error)[:500]
    if permanent or subscriber.bounce_count >= MAX_BOUNCES:
        subscriber.status = Subscriber.Status.BOUNCED
    subscriber.save(update_fields=["bounce_count", "last_error", "status"])


def _deliver(message_for, subscriber, connection):
    """Send to one subscriber; return the error message, or "" when sent."""
    try:
        validate_email(subscriber.email)
    except ValidationError:
        error = _("Adresse e-mail invalide.")
        _record_failure(subscriber, error, permanent=True)
        return error
    try:
        message_for(subscriber).send()
    except smtplib.SMTPRecipientsRefused as refused:
        code, reason = next(iter(refused.recipients.values()))
        error = f"{code} {reason.decode(errors='replace') if isinstance(reason, bytes) else reason}"
        _record_failure(subscriber, error, permanent=code >= 550)
        return error
    except (smtplib.SMTPException, OSError) as failure:
        # The server, not the address, failed: the next message opens a new connection.
        connection.close()
        logger.warning("Veille: sending to subscriber %s failed: %s", subscriber.pk, failure)
        return str(failure)[:500] or failure.__class__.__name__
    if subscriber.bounce_count:
        Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=0, last_error="")
    return ""


@shared_task
def send_issue(dispatch_id):
    """Send an issue to its portal's confirmed subscribers in the issue's
    language. A recipient's failure is recorded and the others still get it;
    subscribers already served (after a retry) are skipped."""
    dispatch = Dispatch.objects.select_related("issue").get(pk=dispatch_id)
    issue = dispatch.issue
    site = issue.get_site()
    entries = issue_entries(issue)
    audience = Subscriber.objects.filter(
        site=site, status=Subscriber.Status.CONFIRMED, language=issue.locale.language_code
    )
    pending = audience.exclude(deliveries__dispatch=dispatch)
    Dispatch.objects.filter(pk=dispatch.pk).update(recipients=pending.count() + dispatch.deliveries.count())
    connection = get_connection()
    try:
        for subscriber in pending.select_related("site").iterator():
            error = _deliver(lambda s: issue_message(issue, entries, s, connection), subscriber, connection)
            Delivery.objects.create(dispatch=dispatch, subscriber=subscriber, sent=not error, error=error)
            counter = "failed_count" if error else "sent_count"
            Dispatch.objects.filter(pk=dispatch.pk).update(**{counter: F(counter) + 1})
    finally:
        connection.close()
    Dispatch.objects.filter(pk=dispatch.pk).update(finished_at=timezone.now())

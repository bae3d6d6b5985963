"""The veille newsletter: double opt-in subscription, one-click unsubscription
and the e-mail of an issue (HTML and plain text)."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sites.models import PortalBranding
from sites.portal_urls import root_url

from .models import Dispatch, Subscriber
from .tasks import send_confirmation, send_issue
from .tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, make_token

RESEND_AFTER = datetime.timedelta(minutes=15)


def _absolute(site, language, name, token):
    with translation.override(language):
        return root_url(site) + reverse(name, args=[token])


def confirm_url(subscriber):
    return _absolute(subscriber.site, subscriber.language, "veille:confirm", make_token(subscriber, CONFIRM_SALT))


def unsubscribe_url(subscriber):
    return _absolute(
        subscriber.site, subscriber.language, "veille:unsubscribe", make_token(subscriber, UNSUBSCRIBE_SALT)
    )


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


def portal_name(site):
    return PortalBranding.for_site(site).name


def confirmation_message(subscriber):
    site = subscriber.site
    context = {"portal_name": portal_name(site), "confirm_url": confirm_url(subscriber)}
    with translation.override(subscriber.language):
        subject = _("Confirmez votre abonnement à la veille de %(portal)s") % {"portal": context["portal_name"]}
        text = render_to_string("veille/email/confirm.txt", context)
        html = render_to_string("veille/email/confirm.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [subscriber.email])
    message.attach_alternative(html, "text/html")
    return message


def issue_message(issue, entries, subscriber, connection=None):
    """The e-mail of ``issue`` for one subscriber: its entries, in HTML and plain
    text, with a one-click unsubscription link (RFC 8058)."""
    site = subscriber.site
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        "issue": issue,
        "entries": entries,
        "portal_name": portal_name(site),
        "issue_url": issue.get_full_url(),
        "unsubscribe_url": unsubscribe,
    }
    with translation.override(subscriber.language):
        subject = _("%(portal)s · %(title)s") % {"portal": context["portal_name"], "title": issue.title}
        text = render_to_string("veille/email/issue.txt", context)
        html = render_to_string("veille/email/issue.html", context)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [subscriber.email], headers=headers, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


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

"""The veille's e-mails: the subscription's confirmation and an issue, in HTML
and plain text, in the subscriber's language, with their absolute links."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sites.models import PortalBranding
from sites.portal_urls import root_url

from .tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, make_token


def _absolute(site, language, name, token):
    with translation.override(language):
        return root_url(site) + reverse(name, args=[token])


def confirm_url(subscriber):
    return _absolute(subscriber.site, subscriber.language, "veille:confirm", make_token(subscriber, CONFIRM_SALT))


def unsubscribe_url(subscriber):
    return _absolute(
        subscriber.site, subscriber.language, "veille:unsubscribe", make_token(subscriber, UNSUBSCRIBE_SALT)
    )


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

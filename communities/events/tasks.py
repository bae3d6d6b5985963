"""E-mails about registrations, sent through Celery (eagerly without a broker)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Registration


@shared_task(name="events.send_promotion_email")
def send_promotion_email(registration_id):
    """Tell someone promoted from the waiting list that they have a seat."""

    registration = (
        Registration.objects.filter(pk=registration_id, status=Registration.Status.REGISTERED)
        .select_related("user", "event")
        .first()
    )
    if registration is None or not registration.user.email:
        return 0
    event = registration.event
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "user": registration.user, "url": event.full_url}
        send_mail(
            _("Une place pour « %(title)s »") % {"title": event.title},
            render_to_string("default/communities/events/email/promoted.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [registration.user.email],
        )
    return 1

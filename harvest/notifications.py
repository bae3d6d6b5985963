"""Telling people when a harvest fails (and only then)."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import HarvestRun


def failure_recipients(source):
    """The source's contact and the portal's admins: active users of the groups
    holding a permission on the portal's site."""
    users = (
        get_user_model().objects.filter(is_active=True, groups__site_permissions__site=source.site).exclude(email="")
    )
    emails = {source.contact_email} if source.contact_email else set()
    emails.update(users.values_list("email", flat=True))
    return sorted(emails)


def send_failure_notice(run):
    """E-mail the source's contact and the portal's admins about a failed run."""
    recipients = failure_recipients(run.source)
    if not recipients:
        return 0
    subject = _("Échec de la moisson « %(source)s »") % {"source": run.source.name}
    lines = [
        _("La moisson de la source « %(source)s » (%(url)s) a échoué le %(date)s.")
        % {"source": run.source.name, "url": run.source.url, "date": run.finished_at or run.started_at},
        "",
        *run.errors,
        "",
        _("Historique des moissons : %(url)s")
        % {"url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/harvest/runs/?source={run.source.pk}"},
    ]
    return send_mail(subject, "\n".join(str(line) for line in lines), None, recipients)


@shared_task(name="harvest.notify_failure")
def notify_failure(run_id):
    """Tell the source's contact and the portal's admins that run ``run_id`` failed."""
    run = HarvestRun.objects.select_related("source__site").filter(pk=run_id).first()
    return send_failure_notice(run) if run is not None else 0

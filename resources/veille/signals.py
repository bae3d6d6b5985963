"""Publishing an issue schedules its newsletter, once."""

from wagtail.signals import page_published


def _issue_published(sender, instance, **kwargs):
    from .newsletter import schedule_dispatch

    schedule_dispatch(instance)


def connect():
    from .models import VeillePage

    page_published.connect(_issue_published, sender=VeillePage, dispatch_uid="veille_issue_published")

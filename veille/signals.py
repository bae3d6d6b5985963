"""Publishing an issue schedules its newsletter, once; publishing a community
again recomputes who finds its issues in search."""

from wagtail.signals import page_published, page_unpublished


def _issue_published(sender, instance, **kwargs):
    from .newsletter import schedule_dispatch

    schedule_dispatch(instance)


def _community_changed(sender, instance, **kwargs):
    from .search import reindex_community_issues

    reindex_community_issues(instance)


def connect():
    from communities.models import CommunityPage

    from .models import VeillePage

    page_published.connect(_issue_published, sender=VeillePage, dispatch_uid="veille_issue_published")
    page_published.connect(_community_changed, sender=CommunityPage, dispatch_uid="veille_community_published")
    page_unpublished.connect(_community_changed, sender=CommunityPage, dispatch_uid="veille_community_unpublished")

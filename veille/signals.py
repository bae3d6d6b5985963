"""Publishing an issue schedules its newsletter, once; publishing a community
again recomputes who finds its issues in search."""

from wagtail.signals import page_published, page_unpublished

from communities.models import CommunityPage

from .models import VeillePage
from .newsletter import schedule_dispatch
from .search import reindex_community_issues


def _issue_published(sender, instance, **kwargs):

    schedule_dispatch(instance)


def _community_changed(sender, instance, **kwargs):

    reindex_community_issues(instance)


def connect():

    page_published.connect(_issue_published, sender=VeillePage, dispatch_uid="veille_issue_published")
    page_published.connect(_community_changed, sender=CommunityPage, dispatch_uid="veille_community_published")
    page_unpublished.connect(_community_changed, sender=CommunityPage, dispatch_uid="veille_community_unpublished")

"""An event published in a community goes into its activity feed (members get it
through their digests); the feed line follows the page's publication, and the
events' search documents follow their community's visibility. A member's
personal calendar address ends with their membership."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from communities import activity
from communities.models import ActivityItem, CommunityPage, Membership
from search import api as search_api

from .models import CalendarKey, EventPage


def _published(sender, instance, revision=None, **kwargs):
    community = instance.community
    if community is None:
        return
    if instance.first_published_at == instance.last_published_at:  # first publication
        actor = revision.user if revision is not None else None
        activity.record(
            community,
            actor,
            ActivityItem.Verb.EVENT,
            subject=instance,
            title=instance.title,
            url=instance.full_url,
            excerpt=instance.summary,
        )
    else:
        activity.set_subject_hidden(instance, False)


def _unpublished(sender, instance, **kwargs):
    activity.set_subject_hidden(instance, True)


def _deleted(sender, instance, **kwargs):
    activity.forget_subject(instance)


def _community_changed(sender, instance, **kwargs):
    """Who finds a community's events depends on its visibility."""
    for event in EventPage.objects.child_of(instance):
        search_api.reindex(event)


def _membership_ended(sender, instance, **kwargs):
    """Rejoining gives a new address: one handed around before never comes back."""
    CalendarKey.objects.filter(user_id=instance.user_id, community_id=instance.community_id).delete()


def connect():
    page_published.connect(_published, sender=EventPage, dispatch_uid="events_published")
    page_unpublished.connect(_unpublished, sender=EventPage, dispatch_uid="events_unpublished")
    post_delete.connect(_deleted, sender=EventPage, dispatch_uid="events_deleted")
    page_published.connect(_community_changed, sender=CommunityPage, dispatch_uid="events_community_published")
    page_unpublished.connect(_community_changed, sender=CommunityPage, dispatch_uid="events_community_unpublished")
    post_delete.connect(_membership_ended, sender=Membership, dispatch_uid="events_membership_ended")

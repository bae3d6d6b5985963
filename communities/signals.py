"""Keeping profiles, invitations and search documents in step."""

from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from .membership import claim_invitations
from .models import CommunityPage, Profile
from .search import reindex_community_content


def _create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        name = instance.get_full_name() or instance.email.split("@")[0] or instance.get_username()
        Profile.objects.get_or_create(user=instance, defaults={"display_name": name[:120]})


def _email_confirmed(request, email_address, **kwargs):

    claim_invitations(email_address.user, email_address.email)


def _community_changed(sender, instance, **kwargs):
    """A community's visibility decides who finds its posts: reindex them."""

    reindex_community_content(instance)


def connect():
    post_save.connect(_create_profile, sender=settings.AUTH_USER_MODEL, dispatch_uid="communities_profile")
    email_confirmed.connect(_email_confirmed, dispatch_uid="communities_claim_invitations")
    page_published.connect(_community_changed, sender=CommunityPage, dispatch_uid="communities_published")
    page_unpublished.connect(_community_changed, sender=CommunityPage, dispatch_uid="communities_unpublished")

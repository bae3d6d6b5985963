"""Keeping community documents in step: a deleted document leaves no line in
activity feeds, and a community's visibility or publication decides who finds
its documents in search."""

from django.db.models.signals import post_delete
from wagtail.documents import get_document_model
from wagtail.signals import page_published, page_unpublished

from communities import activity
from communities.models import CommunityPage
from search import api as search_api

from .shelves import documents_of


def _deleted(sender, instance, **kwargs):
    activity.forget_subject(instance)


def _community_changed(sender, instance, **kwargs):
    for document in documents_of(instance):
        search_api.reindex(document)


def connect():
    post_delete.connect(_deleted, sender=get_document_model(), dispatch_uid="community_documents_document_deleted")
    page_published.connect(
        _community_changed, sender=CommunityPage, dispatch_uid="community_documents_community_published"
    )
    page_unpublished.connect(
        _community_changed, sender=CommunityPage, dispatch_uid="community_documents_community_unpublished"
    )

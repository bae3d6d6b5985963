"""Signal handlers keeping search documents in sync with registered content.

Pages follow their publication (drafts are never searchable); other registered
models (harvested items, community content) follow every save and delete.
``registry.register`` calls ``watch`` for each provider's model, so save and
delete handlers exist only for searchable models (a delete receiver on every
model would disable Django's fast bulk deletes)."""

from django.contrib.auth.models import Permission
from django.db.models.signals import post_delete, post_save
from wagtail.models import GroupSitePermission, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import documents, registry


def _sync_page(sender, instance, **kwargs):
    documents.sync(instance.specific)


def _sync_subtree(page):
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        documents.sync(descendant)


def _sync_moved(sender, instance, **kwargs):
    _sync_subtree(instance)


def _restriction_changed(sender, instance, **kwargs):
    """A view restriction hides or shows a page and its descendants."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _sync_subtree(page)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.sync(instance)


def _deleted(sender, instance, **kwargs):
    documents.remove(instance)


PROMOTION_PERMISSIONS = ["add_promotedresult", "change_promotedresult", "delete_promotedresult", "view_promotedresult"]


def _grant_promotions(sender, instance, created, **kwargs):
    """Editors of a portal (who may change its branding) also manage its promoted
    results; the admin only shows them their own portals' ones."""
    if created and instance.permission.codename == "change_portalbranding":
        instance.group.permissions.add(
            *Permission.objects.filter(content_type__app_label="search", codename__in=PROMOTION_PERMISSIONS)
        )


def connect():
    """Follow pages, view restrictions and portal permissions, and the models of
    the registered providers (so connect after ``registry.register_providers``)."""
    for provider in registry.providers():
        watch(provider.model)
    page_published.connect(_sync_page, dispatch_uid="search_page_published")
    page_unpublished.connect(_sync_page, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_sync_moved, dispatch_uid="search_page_moved")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    post_save.connect(_grant_promotions, sender=GroupSitePermission, dispatch_uid="search_grant_promotions")


def watch(model):
    """Follow deletes of ``model``, and its saves unless it is a page."""
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search_deleted_{model._meta.label}")
    if not issubclass(model, Page):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search_saved_{model._meta.label}")

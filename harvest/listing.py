"""What portals show of harvested items. Other apps call these functions."""

from django.db.models import Q

from sites.db import prepared_statements

from .models import HarvestedItem, HarvestShare, HarvestSource

LATEST = 6


def sources_shown_on(*sites):
    """Sources portals show: their own, those shared with them that they
    accepted, those shared with all (by a platform administrator)."""
    accepted = HarvestShare.objects.filter(site__in=sites, status=HarvestShare.Status.ACCEPTED).values("source_id")
    return HarvestSource.objects.filter(Q(site__in=sites) | Q(shared_with_all=True) | Q(pk__in=accepted))


def visible_items(site, domain=None):
    """Live (not archived) harvested items a portal shows, newest first, with
    what a card needs; ``domain`` (a resources.Domain, any locale) narrows them."""
    items = HarvestedItem.objects.filter(archived_at__isnull=True, source__in=sources_shown_on(site))
    if domain is not None:
        items = items.filter(domains__translation_key=domain.translation_key)
    return (
        items.select_related("source", "resource_type", "territory")
        .prefetch_related("domains", "tags")
        .order_by("-published_at", "-pk")
    )


# What a partner-item card shows (harvest/partner_items.html), and no more.
CARD_FIELDS = ("title", "summary", "published_at", "source__name", "territory__name")


@prepared_statements()
def latest_items(site, domain=None, limit=LATEST):
    """The newest items a portal shows (in ``domain``), with what their cards
    show (source and territory names), in one query."""
    items = visible_items(site, domain=domain).prefetch_related(None).select_related(None)
    return list(items.select_related("source", "territory").only(*CARD_FIELDS)[:limit])

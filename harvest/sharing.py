"""Sharing a source's items with other portals, with their consent.

The editors of the harvesting portal offer a source to other portals; each
offer is a ``HarvestShare``, pending until an editor of the target portal
accepts or declines it in the admin (Moissonnage → Partages proposés). Only
accepted shares put the items in the target's listings, search and veille
inbox. Whoever manages the target portal too (a superuser, an editor of both)
shares at once. Accepting, declining an accepted share, or withdrawing it
reindexes the source's items, whose search documents name their portals."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import HarvestShare
from .permissions import portals_of
from .search import index_items

Status = HarvestShare.Status


def reindex(source):
    """Bring the search documents of the source's items up to date with the
    portals that show them, once the change is committed."""
    pks = list(source.items.values_list("pk", flat=True))
    if pks:
        transaction.on_commit(lambda: index_items.delay(pks))


def offer(source, sites, user):
    """Offer ``source`` to ``sites`` and withdraw it from the portals left out.
    Existing shares keep their state; a new one is pending unless ``user``
    manages its portal. Returns whether the portals showing the source changed."""
    wanted = {site.pk for site in sites} - {source.site_id}
    existing = {share.site_id: share for share in source.shares.all()}
    withdrawn = [share for site_id, share in existing.items() if site_id not in wanted]
    changed = any(share.status == Status.ACCEPTED for share in withdrawn)
    HarvestShare.objects.filter(pk__in=[share.pk for share in withdrawn]).delete()
    managed = set(portals_of(user).filter(pk__in=wanted).values_list("pk", flat=True)) if user is not None else set()
    now = timezone.now()
    for site_id in wanted - existing.keys():
        consent = site_id in managed
        HarvestShare.objects.create(
            source=source,
            site_id=site_id,
            requested_by=user,
            status=Status.ACCEPTED if consent else Status.PENDING,
            decided_by=user if consent else None,
            decided_at=now if consent else None,
        )
        changed |= consent
    return changed


def may_decide(user, share):
    """Only the target portal's editors (and superusers) consent for it."""
    return user.is_active and portals_of(user).filter(pk=share.site_id).exists()


def decide(share, user, accept):
    """Accept or decline ``share`` on behalf of its portal."""
    if not may_decide(user, share):
        raise PermissionDenied
    was_shown = share.status == Status.ACCEPTED
    share.status = Status.ACCEPTED if accept else Status.DECLINED
    share.decided_by, share.decided_at = user, timezone.now()
    share.save(update_fields=["status", "decided_by", "decided_at"])
    if was_shown != accept:
        reindex(share.source)


def shares_for(user):
    """The shares offered to the portals ``user`` manages."""
    return HarvestShare.objects.filter(site__in=portals_of(user))


def pending_count(user):
    return shares_for(user).filter(status=Status.PENDING).count()

"""The editors' veille inbox: what is new on a portal since its last issue,
the keep / ignore decisions taken on it, and a draft issue made of the kept items.

A portal's inbox is open to those who may add an issue under its veille
archive (its editors group, through page permissions) and to superusers."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from harvest.listing import visible_items
from resources.listing import portal_resources

from .listing import veille_index
from .models import Decision, InboxDecision, VeilleEntry, VeillePage

# Without any issue yet, the inbox starts with what is newer than this.
FIRST_ISSUE_WINDOW = datetime.timedelta(days=30)
LIBRARY = "bibliotheque"
RESOURCE, ITEM = "resource", "item"


def inbox_portals(user):
    """Sites whose inbox ``user`` may use, each with its veille archive page."""
    if not (user.is_active and user.is_authenticated):
        return []
    portals = []
    for site in Site.objects.select_related("root_page").order_by("site_name", "hostname"):
        index = veille_index(site)
        if index is not None and (user.is_superuser or index.permissions_for_user(user).can_add_subpage()):
            portals.append((site, index))
    return portals


def last_issue_at(index):
    """When the portal's last issue was first published, or None."""
    return VeillePage.objects.child_of(index).live().aggregate(last=Max("first_published_at"))["last"]


def _used_in_issues(index, field):
    """Ids of what the portal's published issues already contain."""
    return VeilleEntry.objects.filter(
        issue__in=VeillePage.objects.child_of(index).live(), **{f"{field}__isnull": False}
    ).values(field)


def _decided(site, field, decision):
    return InboxDecision.objects.filter(site=site, decision=decision, **{f"{field}__isnull": False}).values(field)


def candidate_resources(site, index):
    return portal_resources(site).exclude(pk__in=_used_in_issues(index, "resource"))


def candidate_items(site, index):
    return visible_items(site).exclude(pk__in=_used_in_issues(index, "harvested_item"))


@dataclass
class Row:
    kind: str
    pk: int
    title: str
    date: datetime.date | None
    origin: str
    type_name: str
    domains: list
    kept: bool
    url: str = ""  # the original, for a harvested item


def _resource_row(resource, kept):
    return Row(
        RESOURCE,
        resource.pk,
        resource.title,
        resource.publication_date,
        resource.organisation or _("Bibliothèque"),
        resource.resource_type.name if resource.resource_type else "",
        list(resource.domains.all()),
        kept,
    )


def _item_row(item, kept):
    date = timezone.localdate(item.published_at or item.first_seen)
    return Row(
        ITEM,
        item.pk,
        item.title,
        date,
        item.source.name,
        item.resource_type.name if item.resource_type else "",
        list(item.domains.all()),
        kept,
        url=item.url,
    )


def inbox_rows(site, index, domain=None, source="", resource_type=None):
    """What is new since the portal's last issue (or in the last 30 days), not
    ignored nor already in a published issue: kept items first, then newest
    first. ``source`` is "" (all), LIBRARY (resources only) or a harvest source id."""
    since = last_issue_at(index) or timezone.now() - FIRST_ISSUE_WINDOW
    kept_resources = set(_decided(site, "resource", Decision.KEEP).values_list("resource", flat=True))
    kept_items = set(_decided(site, "harvested_item", Decision.KEEP).values_list("harvested_item", flat=True))

    resources = candidate_resources(site, index).exclude(pk__in=_decided(site, "resource", Decision.IGNORE))
    resources = resources.filter(Q(first_published_at__gt=since) | Q(pk__in=kept_resources))
    items = candidate_items(site, index).exclude(pk__in=_decided(site, "harvested_item", Decision.IGNORE))
    items = items.filter(Q(first_seen__gt=since) | Q(pk__in=kept_items))
    if domain is not None:
        resources = resources.filter(domains__translation_key=domain.translation_key)
        items = items.filter(domains__translation_key=domain.translation_key)
    if resource_type is not None:
        resources = resources.filter(resource_type__translation_key=resource_type.translation_key)
        items = items.filter(resource_type__translation_key=resource_type.translation_key)
    if source == LIBRARY:
        items = items.none()
    elif source:
        resources = resources.none()
        items = items.filter(source_id=source)

    resources = resources.select_related("resource_type").prefetch_related("domains").distinct()
    rows = [_resource_row(r, r.pk in kept_resources) for r in resources]
    rows += [_item_row(i, i.pk in kept_items) for i in items.distinct()]
    rows.sort(key=lambda row: row.date or datetime.date.min, reverse=True)
    rows.sort(key=lambda row: not row.kept)
    return rows


def decide(site, index, user, kind, pk, decision):
    """Keep or ignore a resource or an item of the portal's inbox, or forget
    the decision ("reset"). Returns False when the target is not in the portal."""
    field, candidates = ("resource", candidate_resources) if kind == RESOURCE else ("harvested_item", candidate_items)
    if not candidates(site, index).filter(pk=pk).exists():
        return False
    lookup = {"site": site, f"{field}_id": pk}
    if decision == "reset":
        InboxDecision.objects.filter(**lookup).delete()
    else:
        InboxDecision.objects.update_or_create(**lookup, defaults={"decision": Decision(decision), "decided_by": user})
    return True


def kept_targets(site, index):
    """Entries for the kept resources and items still to publish, in the order they were kept."""
    kept = list(InboxDecision.objects.filter(site=site, decision=Decision.KEEP).order_by("decided_at", "pk"))
    resources = candidate_resources(site, index).filter(pk__in=[d.resource_id for d in kept if d.resource_id])
    items = candidate_items(site, index).filter(pk__in=[d.harvested_item_id for d in kept if d.harvested_item_id])
    resources = {r.pk: r for r in resources}
    items = {i.pk: i for i in items.prefetch_related(None)}
    targets = []
    for decision in kept:
        if decision.resource_id in resources:
            targets.append(VeilleEntry(sort_order=len(targets), resource=resources[decision.resource_id]))
        elif decision.harvested_item_id in items:
            targets.append(VeilleEntry(sort_order=len(targets), harvested_item=items[decision.harvested_item_id]))
    return targets


def create_draft_issue(site, index, user):
    """A draft issue under the portal's archive, pre-filled with the kept items
    (None when nothing is kept)."""
    entries = kept_targets(site, index)
    if not entries:
        return None
    today = timezone.localdate()
    title = _("Veille du %(date)s") % {"date": date_format(today, "j F Y")}
    issue = VeillePage(title=title, issue_date=today, live=False, owner=user)
    issue.slug = f"veille-{today:%Y-%m-%d}"
    siblings = set(
        VeillePage.objects.child_of(index).filter(slug__startswith=issue.slug).values_list("slug", flat=True)
    )
    number = 2
    while issue.slug in siblings:
        issue.slug = f"veille-{today:%Y-%m-%d}-{number}"
        number += 1
    issue.entries = entries
    index.add_child(instance=issue)
    issue.save_revision(user=user)
    return issue

"""What readers see of the veille. Other apps (feeds, search) call these
named functions rather than reaching into the models.

The archive and an issue are built from a fixed number of queries, whatever
the number of issues or entries shown."""

import datetime
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q
from django.utils import timezone

from communities.models import Visibility
from resources.models import ResourcePage
from sites.portal import portal_for
from sites.rendering import page_number

from .forms import SubscribeForm
from .models import VeilleIndexPage, VeillePage

PAGE_SIZE = 12


@dataclass(frozen=True)
class Entry:
    """One curated entry of an issue, as readers (and feeds) show it."""

    title: str
    url: str  # absolute, opens for an anonymous reader
    note: str  # plain text, to be escaped when rendered
    date: datetime.date | None
    summary: str
    origin: str  # the organisation or the partner's source
    is_harvested: bool


def _portal_root(site, locale):
    root = site.root_page
    if locale is None or root.locale_id == getattr(locale, "pk", locale):
        return root
    return root.get_translation_or_none(locale)


def published_issues(site, locale=None):
    """Live, public issues of ``site``'s veille in ``locale`` (the portal's own
    language by default), newest first. Issues of a community that is not
    public are left out."""

    root = _portal_root(site, locale)
    if root is None:
        return VeillePage.objects.none()
    return (
        VeillePage.objects.live()
        .public()
        .filter(path__startswith=root.path, locale_id=root.locale_id)
        .filter(Q(community__isnull=True) | Q(community__visibility=Visibility.PUBLIC, community__live=True))
        .order_by("-issue_date", "-first_published_at", "-pk")
    )


def veille_index(site, locale=None):
    """The portal's veille archive page (live), or None."""
    root = _portal_root(site, locale)
    if root is None:
        return None
    return VeilleIndexPage.objects.child_of(root).live().first()


def _local_date(value):
    return timezone.localdate(value) if value else None


def issue_entries(issue, request=None):
    """The issue's entries in the editors' order, leaving out what readers can
    no longer open (an unpublished or restricted resource, an archived item).
    ``request``, when given, spares a site lookup per link."""
    rows = list(issue.entries.all().select_related("resource", "resource__resource_type", "harvested_item__source"))
    resource_ids = [row.resource_id for row in rows if row.resource_id]
    readable = (
        set(ResourcePage.objects.filter(pk__in=resource_ids).live().public().values_list("pk", flat=True))
        if resource_ids
        else set()
    )
    entries = []
    for row in rows:
        if row.resource_id in readable:
            resource = row.resource
            entries.append(
                Entry(
                    title=resource.title,
                    url=resource.get_full_url(request),
                    note=row.note,
                    date=resource.publication_date,
                    summary=resource.summary,
                    origin=resource.organisation,
                    is_harvested=False,
                )
            )
        elif row.harvested_item_id and row.harvested_item.archived_at is None:
            item = row.harvested_item
            entries.append(
                Entry(
                    title=item.title,
                    url=item.url,
                    note=row.note,
                    date=_local_date(item.published_at or item.first_seen),
                    summary=item.summary,
                    origin=item.source.name,
                    is_harvested=True,
                )
            )
    return entries


def _site(request, page):

    return portal_for(request).site or page.get_site()


def archive_context(request, index):
    """The archive page: the portal's issues, paginated, with their entry counts."""

    issues = (
        published_issues(_site(request, index), index.locale)
        .select_related("domain", "community")
        .annotate(entry_count=Count("entries"))
    )
    paginator = Paginator(issues, PAGE_SIZE)
    try:
        page_obj = paginator.page(page_number(request))
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return {"issues": page_obj, "paginator": paginator, "subscribe_form": SubscribeForm()}


def issue_context(request, issue):

    return {"entries": issue_entries(issue, request), "subscribe_form": SubscribeForm(), "archive": issue.get_parent()}

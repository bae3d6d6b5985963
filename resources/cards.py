"""Resource cards: what a card shows, read as plain values.

A listing shows twenty cards, the portal home nine. Read as pages, each card
builds a resource page object (with its page parent and its cluster relations),
its type, its territory and its domains, and asks Wagtail for its URL one card
at a time; read as values, the cards of a listing are one row each, their
domains one query for all of them, and their URLs one pass over the portals'
root paths (``sites.root_paths.page_urls``)."""

import datetime
from dataclasses import dataclass, field

from sites.dates import long_date_formatter
from sites.root_paths import page_urls

from .models import ResourcePage

# The columns of a card, from a ResourcePage queryset.
CARD_VALUES = (
    "pk",
    "title",
    "url_path",
    "summary",
    "publication_date",
    "resource_type__name",
    "territory__name",
)


@dataclass(slots=True)
class ResourceCard:
    pk: int
    title: str
    url: str | None
    summary: str
    publication_date: datetime.date | None
    type_name: str | None
    territory_name: str | None
    domains: list[str] = field(default_factory=list)
    iso_date: str = ""
    display_date: str = ""


def card_rows(queryset, relation=""):
    """The card columns of a ResourcePage queryset (or of the resources that
    ``relation`` leads to, e.g. "resource__"), as ``values_list`` rows."""
    return queryset.values_list(*(relation + name for name in CARD_VALUES))


def cards_from_rows(request, rows):
    """Cards for ``card_rows`` rows, in their order, with their domains' names
    (one query), their URLs on the request's portal and their dates written
    once for all (``sites.dates``)."""
    rows = list(rows)
    if not rows:
        return []
    domains = {}
    links = (
        ResourcePage.domains.through.objects.filter(resourcepage_id__in=[row[0] for row in rows])
        .order_by("domain__sort_order", "domain__name")
        .values_list("resourcepage_id", "domain__name")
    )
    for resource_id, name in links:
        domains.setdefault(resource_id, []).append(name)
    urls = page_urls(request, [row[2] for row in rows])
    write_date = long_date_formatter()
    return [
        ResourceCard(
            pk,
            title,
            url,
            summary,
            date,
            type_name,
            territory_name,
            domains.get(pk, []),
            date.isoformat() if date else "",
            write_date(date) if date else "",
        )
        for (pk, title, _url_path, summary, date, type_name, territory_name), url in zip(rows, urls)
    ]

"""Harvested items in the platform's search.

An item is found on the portal that harvests it, on the portals that accepted
its source's share, or everywhere when the source is shared with all. It links to the
item's reader page on the harvesting portal; an archived item keeps its
document, marked archived, so that search shows it only when asked to."""

from celery import shared_task
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backends

from search import api as search_api
from search.api import DocumentData, Label
from sites.sanitize import plain_text

from .models import HarvestedItem

INDEX_CHUNK = 500


def _language(item):
    return (item.language or "fr").split("-")[0].lower()[:2] or "fr"


class HarvestedItemProvider(search_api.SearchProvider):
    model = HarvestedItem
    kind = "harvested"
    kind_label = _("Article partenaire")

    def objects(self):
        return HarvestedItem.objects.select_related("source__site", "resource_type", "territory").prefetch_related(
            "domains", "tags", "source__shares"
        )

    def document(self, item):
        source = item.source
        domains = list(item.domains.all())
        tags = list(item.tags.all())
        return DocumentData(
            title=item.title,
            summary=item.summary,
            body=" ".join(part for part in [plain_text(item.body_html), item.authors] if part),
            url=item.get_full_url(),
            language=_language(item),
            kind=self.kind,
            site_id=source.site_id,
            portal_ids=source.shown_on_site_ids(),
            all_portals=source.shared_with_all,
            date=item.published_at.date() if item.published_at else None,
            source=Label(f"harvest-{source.pk}", source.name),
            resource_type=Label(item.resource_type.slug, item.resource_type.name) if item.resource_type else None,
            territory=Label(str(item.territory.pk), item.territory.name) if item.territory else None,
            domains=[Label(domain.slug, domain.name) for domain in domains],
            tags=[Label(tag.slug, tag.name) for tag in tags],
            archived=item.archived_at is not None,
        )


def index(pks):
    """Bring the search documents of items ``pks`` up to date after bulk writes
    (which send no signals)."""
    search_api.reindex_many(HarvestedItemProvider().objects().filter(pk__in=pks))


@shared_task(name="harvest.index_items")
def index_items(pks):
    """Index (or reindex) harvested items in bulk, for the admin's search and
    the platform's search."""
    for start in range(0, len(pks), INDEX_CHUNK):
        items = list(HarvestedItem.get_indexed_objects().filter(pk__in=pks[start : start + INDEX_CHUNK]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(HarvestedItem, items)
    index(pks)

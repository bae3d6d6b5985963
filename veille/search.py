"""Veille issues in the platform's search.

An issue is found by its title, introduction and the titles, summaries and notes
of its entries. The issue of a community that is not public is read by its
members only (``VeillePage.serve``): its document carries the community's
audience, and is recomputed when the community is published again, since its
visibility may have changed."""

from django.utils.translation import gettext_lazy as _

from communities.access import audience_key
from search import api as search_api
from search.api import DocumentData, Label

from .models import VeillePage


def _audience(page):

    return "" if page.is_public_issue else audience_key(page.community_id)


def _entry_text(entry):
    shown = entry.resource or entry.harvested_item
    return " ".join(part for part in (shown.title, shown.summary, entry.note) if part) if shown else entry.note


class VeillePageProvider(search_api.SearchProvider):
    model = VeillePage
    kind = "veille"
    kind_label = _("Numéro de veille")

    def objects(self):
        return (
            VeillePage.objects.live()
            .public()
            .select_related("locale", "domain", "community")
            .prefetch_related("entries__resource", "entries__harvested_item")
        )

    def is_searchable(self, obj):
        return VeillePage.objects.live().public().filter(pk=obj.pk).exists()

    def document(self, page):
        site = page.get_site()
        entries = page.entries.all()
        return DocumentData(
            title=page.title,
            summary=page.summary or page.intro or page.search_description,
            body=" ".join([page.intro, *(_entry_text(entry) for entry in entries)]),
            url=page.get_full_url(),
            language=page.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=[site.pk] if site else [],
            date=page.issue_date,
            source=Label(f"portal-{site.pk}", site.site_name) if site else None,
            domains=[Label(page.domain.slug, page.domain.name)] if page.domain else [],
            audience=_audience(page),
        )


def reindex_community_issues(community):
    """Recompute the documents of a community's issues (after its visibility changed)."""
    for issue in VeillePage.objects.filter(community_id=community.pk).select_related("community"):
        search_api.reindex(issue)

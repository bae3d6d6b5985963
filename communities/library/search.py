"""Community documents in the platform's search: found by title and tags, by
the community's readers only when the community is not public."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from communities import access, tools
from communities.models import CommunityPage, Visibility
from search import api as search_api
from search.api import DocumentData, Label

from .shelves import community_of


class CommunityDocumentProvider(search_api.SearchProvider):
    model = get_document_model()
    kind = "document"
    kind_label = _("Document")

    def objects(self):
        return self.model.objects.filter(collection__community_library__community__live=True).prefetch_related("tags")

    def is_searchable(self, obj):
        community = community_of(obj)
        return community is not None and CommunityPage.objects.live().filter(pk=community.pk).exists()

    def document(self, obj):
        community = community_of(obj)
        site = community.get_site()
        tags = list(obj.tags.all())
        return DocumentData(
            title=obj.title,
            body=" ".join(tag.name for tag in tags),
            url=tools.full_url(community, "documents", "detail", document_id=obj.pk),
            language=community.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=[site.pk] if site else [],
            date=obj.created_at.date(),
            source=Label(f"community-{community.pk}", community.title),
            tags=[Label(tag.slug, tag.name) for tag in tags],
            audience="" if community.visibility == Visibility.PUBLIC else access.audience_key(community.pk),
        )

"""Communities and their posts in the platform's search.

A public community and its posts are public documents. The presentation of an
on-request community is public but its posts carry the community's audience; a
secret community and its posts carry it too, so only the people who may read the
community (``access.search_audiences``) ever find them."""

from django.utils.translation import gettext_lazy as _

from search import api as search_api
from search.api import DocumentData, Label

from . import access, content
from .models import CommunityPage, Post, Visibility


def _portal_ids(community, site):
    ids = [site.pk] if site else []
    if not community.is_secret:
        ids += [listed.pk for listed in community.listed_on.all()]
    return ids


def _audience(community, restricted_visibilities):
    return access.audience_key(community.pk) if community.visibility in restricted_visibilities else ""


class CommunityPageProvider(search_api.SearchProvider):
    model = CommunityPage
    kind = "community"
    kind_label = _("Communauté")

    def objects(self):
        return (
            CommunityPage.objects.live()
            .public()
            .select_related("locale")
            .prefetch_related("domains", "tags", "listed_on")
        )

    def is_searchable(self, obj):
        return CommunityPage.objects.live().public().filter(pk=obj.pk).exists()

    def document(self, page):
        site = page.get_site()
        domains = list(page.domains.all())
        tags = list(page.tags.all())
        return DocumentData(
            title=page.title,
            summary=page.summary or page.search_description,
            body=" ".join([content.plain_text(page.description)] + [d.name for d in domains] + [t.name for t in tags]),
            url=page.get_full_url(),
            language=page.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=_portal_ids(page, site),
            date=page.first_published_at.date() if page.first_published_at else None,
            source=Label(f"portal-{site.pk}", site.site_name) if site else None,
            domains=[Label(domain.slug, domain.name) for domain in domains],
            tags=[Label(tag.slug, tag.name) for tag in tags],
            audience=_audience(page, {Visibility.SECRET}),
        )


class PostProvider(search_api.SearchProvider):
    model = Post
    kind = "community-post"
    kind_label = _("Publication de communauté")

    def objects(self):
        return (
            Post.objects.filter(hidden=False, community__live=True)
            .select_related("community__locale")
            .prefetch_related("community__domains", "community__listed_on")
        )

    def is_searchable(self, obj):
        return not obj.hidden and CommunityPage.objects.live().public().filter(pk=obj.community_id).exists()

    def document(self, post):
        community = post.community
        site = community.get_site()
        return DocumentData(
            title=post.title,
            body=content.plain_text(post.body),
            summary=content.plain_text(post.body, max_length=300),
            url=post.full_url(),
            language=community.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=_portal_ids(community, site),
            date=post.created_at.date(),
            source=Label(f"community-{community.pk}", community.title),
            domains=[Label(domain.slug, domain.name) for domain in community.domains.all()],
            audience=_audience(community, {Visibility.SECRET, Visibility.ON_REQUEST}),
        )


def reindex_community_content(community):
    """Recompute the documents of a community's posts (after its visibility or
    publication changed)."""
    for post in Post.objects.filter(community_id=community.pk).select_related("community"):
        search_api.reindex(post)

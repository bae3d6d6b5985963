"""Events in the platform's search. Portal events and those of public communities
are public documents; those of on-request and secret communities carry the
community's audience, so only its readers find them."""

from django.utils.translation import gettext_lazy as _

from communities import access, content
from communities.models import CommunityPage, Visibility
from search import api as search_api
from search.api import DocumentData, Label

from .models import EventPage


class EventPageProvider(search_api.SearchProvider):
    model = EventPage
    kind = "event"
    kind_label = _("Événement")

    def objects(self):
        return EventPage.objects.live().public().select_related("locale").prefetch_related("domains", "tags")

    def is_searchable(self, obj):
        if not EventPage.objects.live().public().filter(pk=obj.pk).exists():
            return False
        community = obj.community
        return community is None or CommunityPage.objects.live().public().filter(pk=community.pk).exists()

    def document(self, page):
        site = page.get_site()
        community = page.community
        domains = list(page.domains.all())
        tags = list(page.tags.all())
        restricted = community is not None and community.visibility != Visibility.PUBLIC
        portal_ids = [site.pk] if site else []
        if community is not None and not community.is_secret:
            portal_ids += [listed.pk for listed in community.listed_on.all()]
        return DocumentData(
            title=page.title,
            summary=page.summary or content.plain_text(page.description, max_length=300),
            body=" ".join(
                [content.plain_text(page.description), page.place] + [d.name for d in domains] + [t.name for t in tags]
            ),
            url=page.get_full_url(),
            language=page.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=portal_ids,
            date=page.local_start.date(),
            source=Label(f"community-{community.pk}", community.title)
            if community
            else (Label(f"portal-{site.pk}", site.site_name) if site else None),
            domains=[Label(domain.slug, domain.name) for domain in domains],
            tags=[Label(tag.slug, tag.name) for tag in tags],
            audience=access.audience_key(community.pk) if restricted else "",
        )

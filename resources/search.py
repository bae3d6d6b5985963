"""Resource pages in search."""

from django.utils.translation import gettext_lazy as _

from search import api as search_api
from search.api import DocumentData, Label

from .models import ResourcePage


class ResourcePageProvider(search_api.SearchProvider):
    model = ResourcePage
    kind = "resource"
    kind_label = _("Ressource")

    def objects(self):
        return (
            ResourcePage.objects.live()
            .public()
            .select_related("locale", "resource_type", "territory")
            .prefetch_related("domains", "tags", "shared_with")
        )

    def is_searchable(self, obj):
        return ResourcePage.objects.live().public().filter(pk=obj.pk).exists()

    def document(self, page):
        site = page.get_site()
        body_field = ResourcePage._meta.get_field("body")
        domains = list(page.domains.all())
        tags = list(page.tags.all())
        parts = [*body_field.get_searchable_content(page.body), page.authors, page.organisation]
        parts += [domain.name for domain in domains] + [tag.name for tag in tags]
        return DocumentData(
            title=page.title,
            summary=page.summary or page.search_description,
            body=" ".join(part for part in parts if part),
            url=page.get_full_url(),
            language=page.locale.language_code,
            kind=self.kind,
            site_id=site.pk if site else None,
            portal_ids=[site.pk] * bool(site) + [shared.pk for shared in page.shared_with.all()],
            all_portals=page.shared_with_all,
            date=page.publication_date,
            source=Label(f"portal-{site.pk}", site.site_name) if site else None,
            resource_type=Label(page.resource_type.slug, page.resource_type.name) if page.resource_type else None,
            territory=Label(str(page.territory.pk), page.territory.name) if page.territory else None,
            domains=[Label(domain.slug, domain.name) for domain in domains],
            tags=[Label(tag.slug, tag.name) for tag in tags],
        )

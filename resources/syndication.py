"""RSS and Atom feeds of the library: a portal's new resources, and those of
one of its domains. Pages announce them for feed readers to discover."""

from django.http import Http404
from django.utils.html import escape
from django.utils.translation import gettext as _

from sites.feeds import MAX_ENTRIES, FeedEntry, PortalFeed, announced, start_of
from sites.models import PortalHomePage
from sites.rendering import portal_root_path

from .listing import visible_resources, with_card_data
from .models import DomainPage, ResourceIndexPage


def resource_entries(portal, resources):
    """Entries for the latest ``resources`` (by publication date, as listings
    show them): live and public pages, each linked on the portal that owns it."""
    pages = with_card_data(resources).order_by("-publication_date", "-pk")[:MAX_ENTRIES]
    return [
        FeedEntry(
            title=page.title,
            link=portal.page_url(page),
            published=start_of(page.publication_date),
            updated=page.last_published_at,
            summary_html=f"<p>{escape(page.summary)}</p>" if page.summary else "",
            guid=portal.guid("page", page.pk),
            author=page.organisation or page.authors,
            categories=tuple(domain.name for domain in page.domains.all()),
        )
        for page in pages
    ]


def _portal_resources(portal):
    return visible_resources(portal.site, portal.home.locale_id, portal_root_path(portal.home))


class NewResourcesFeed(PortalFeed):
    def feed_title(self, portal, subject):
        return _("Nouvelles ressources")

    def feed_description(self, portal, subject):
        return _("Les dernières ressources publiées sur %(portal)s.") % {"portal": portal.name}

    def entries(self, portal, subject):
        return resource_entries(portal, _portal_resources(portal))


class DomainFeed(PortalFeed):
    def subject(self, portal, slug):
        page = (
            DomainPage.objects.child_of(portal.home).live().public().select_related("domain").filter(slug=slug).first()
        )
        if page is None:
            raise Http404
        return page

    def feed_title(self, portal, page):
        return _("Ressources · %(domain)s") % {"domain": page.title}

    def feed_description(self, portal, page):
        return _("Les dernières ressources du domaine « %(domain)s » sur %(portal)s.") % {
            "domain": page.title,
            "portal": portal.name,
        }

    def entries(self, portal, page):
        resources = _portal_resources(portal).filter(domains__translation_key=page.domain.translation_key).distinct()
        return resource_entries(portal, resources)


def announce(request, page):
    """The domain feed on a domain page, the new resources on the library and the home."""

    if isinstance(page, DomainPage):
        return announced(_("Ressources · %(domain)s") % {"domain": page.title}, "domain", slug=page.slug)
    if isinstance(page, (ResourceIndexPage, PortalHomePage)):
        return announced(_("Nouvelles ressources"), "resources")
    return []

"""RSS and Atom feeds of a portal's veille: one entry per published issue,
linked to the issue's page and listing what it selected. The portal's home,
its veille archive and its issues announce the feed."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from sites.feeds import FeedEntry, PortalFeed, announced, start_of
from sites.models import PortalHomePage

from .listing import issue_entries, published_issues, veille_index
from .models import VeilleIndexPage, VeillePage

MAX_ISSUES = 20


def issue_summary(issue, entries):
    intro = format_html("<p>{}</p>", issue.intro) if issue.intro else ""
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a>{}</li>',
        ((entry.url, entry.title, f" — {entry.note}" if entry.note else "") for entry in entries),
    )
    return intro + (format_html("<ul>{}</ul>", items) if entries else "")


class VeilleFeed(PortalFeed):
    def feed_title(self, portal, subject):
        return _("Veille")

    def feed_description(self, portal, subject):
        return _("Les numéros de la veille de %(portal)s.") % {"portal": portal.name}

    def feed_link(self, portal, subject):
        index = veille_index(portal.site, portal.home.locale)
        return portal.page_url(index or portal.home)

    def entries(self, portal, subject):
        issues = published_issues(portal.site, portal.home.locale).select_related("domain")[:MAX_ISSUES]
        return [
            FeedEntry(
                title=issue.title,
                link=portal.page_url(issue),
                published=issue.first_published_at or start_of(issue.issue_date),
                updated=issue.last_published_at,
                summary_html=issue_summary(issue, issue_entries(issue, portal.request)),
                guid=portal.guid("page", issue.pk),
                categories=(issue.domain.name,) if issue.domain else (),
            )
            for issue in issues
        ]


def announce(request, page):

    if isinstance(page, (PortalHomePage, VeilleIndexPage, VeillePage)):
        return announced(_("Veille"), "veille")
    return []

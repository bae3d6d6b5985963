"""RSS and Atom feeds of a public community's activity (not to be confused
with ``feeds``, the activity lines themselves).

Only a public community has a feed: anyone may read it, and every entry links
to a page an anonymous reader can open. Lines hidden by moderation never appear,
nor do arrivals of members or pins of resources readers can no longer open."""

from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from harvest.listing import visible_items
from sites.feeds import MAX_ENTRIES, FeedEntry, PortalFeed, announced

from .feeds import community_items, with_feed_data
from .membership import display_name
from .models import ActivityItem, CommunityPage, Visibility

Verb = ActivityItem.Verb


def _readable_pins(portal, items):
    """Ids of the pinned pages and harvested items an anonymous reader can open here."""
    page_ids = [item.pin.page_id for item in items if item.pin and item.pin.page_id]
    item_ids = [item.pin.harvested_item_id for item in items if item.pin and item.pin.harvested_item_id]
    pages = (
        set(Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True)) if page_ids else set()
    )
    harvested = (
        set(visible_items(portal.site).filter(pk__in=item_ids).values_list("pk", flat=True)) if item_ids else set()
    )
    return pages, harvested


class ActivityEntries:
    """Turns the community's activity lines into feed entries."""

    def __init__(self, portal, community):
        self.portal = portal
        self.community = community
        self.community_url = community.get_url(portal.request)

    def post_url(self, post_id):
        return self.portal.absolute(
            self.community_url + self.community.reverse_subpage("post_detail", kwargs={"post_id": post_id})
        )

    def target(self, item, readable_pins):
        """(title, link, summary HTML) of the line, or None when it has no public page."""
        if item.verb == Verb.POST and item.post:
            return item.post.title, self.post_url(item.post_id), item.post.body
        if item.verb == Verb.COMMENT and item.post and item.comment:
            return item.post.title, f"{self.post_url(item.post_id)}#commentaire-{item.comment_id}", item.comment.body
        if item.verb == Verb.PINNED and item.pin:
            pages, harvested = readable_pins
            if item.pin.page_id in pages:
                return item.pin.page.title, self.portal.page_url(item.pin.page), ""
            if item.pin.harvested_item_id in harvested:
                pinned = item.pin.harvested_item
                return (
                    pinned.title,
                    self.portal.absolute(reverse("harvest:item", kwargs={"pk": pinned.pk})),
                    escape(pinned.summary),
                )
            return None
        if item.subject_url and item.subject_title:
            return item.subject_title, item.subject_url, escape(item.excerpt)
        return None

    def __call__(self, items):
        items = list(items)
        readable_pins = _readable_pins(self.portal, items)
        entries = []
        for item in items:
            target = self.target(item, readable_pins)
            if target is None:
                continue
            title, link, summary = target
            actor = display_name(item.actor) if item.actor else _("Un ancien membre")
            entries.append(
                FeedEntry(
                    title=f"{actor} {item.get_verb_display()} « {title} »",
                    link=link,
                    published=item.created_at,
                    summary_html=summary,
                    guid=self.portal.guid("activity", item.pk),
                    author=actor,
                )
            )
        return entries


def public_community(portal, slug):
    """The portal's public community ``slug`` in the request's language, or 404."""
    community = (
        CommunityPage.objects.descendant_of(portal.home)
        .live()
        .public()
        .filter(slug=slug, visibility=Visibility.PUBLIC)
        .first()
    )
    if community is None:
        raise Http404
    return community


class CommunityActivityFeed(PortalFeed):
    def subject(self, portal, slug):
        return public_community(portal, slug)

    def feed_title(self, portal, community):
        return _("Activité · %(community)s") % {"community": community.title}

    def feed_description(self, portal, community):
        return _("Les publications et échanges de la communauté « %(community)s ».") % {"community": community.title}

    def entries(self, portal, community):
        lines = with_feed_data(community_items(community).exclude(verb=Verb.JOINED))[:MAX_ENTRIES]
        return ActivityEntries(portal, community)(lines)


def announce(request, page):
    if isinstance(page, CommunityPage) and page.visibility == Visibility.PUBLIC and page.live:
        return announced(_("Activité · %(community)s") % {"community": page.title}, "community", slug=page.slug)
    return []

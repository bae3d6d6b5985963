"""Outbound RSS 2.0 and Atom 1.0 feeds, the same way on every portal.

A feed subclasses ``PortalFeed``: ``subject(portal, **kwargs)`` finds what the
feed is about (or raises Http404), ``entries(portal, subject)`` returns
``FeedEntry`` values with absolute links that an anonymous reader can open,
newest first. The base class names the feed after the portal's branding, writes
absolute links on the requesting portal's hostname and language, sanitises
summaries, and ``feed_patterns`` serves both formats with conditional GET and a
cache lifetime."""

import datetime
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_GET
from wagtail.models import Locale, Site

from . import alternates
from .portal import portal_for
from .sanitize import clean_html

MAX_ENTRIES = 50
CACHE_SECONDS = 900


@dataclass
class FeedPortal:
    """The portal a feed is requested on, in the request's language."""

    request: object
    site: Site
    home: object  # the portal home page in the request's language
    name: str

    def absolute(self, url):
        """``url`` (a path on this portal, or already absolute) as an absolute URL."""
        return self.request.build_absolute_uri(url)

    def page_url(self, page):
        return self.absolute(page.get_url(self.request))

    def guid(self, kind, pk):
        """A stable entry identifier (a tag URI), whatever its link becomes."""
        return f"tag:{self.site.hostname},2025:{kind}/{pk}"


@dataclass(frozen=True)
class FeedEntry:
    title: str  # plain text
    link: str  # absolute
    published: datetime.datetime
    summary_html: str = ""  # sanitised when written
    updated: datetime.datetime | None = None
    guid: str = ""  # stable identifier, the link by default
    author: str = ""
    categories: tuple = field(default_factory=tuple)


def start_of(day):
    """The first moment of ``day`` in the portal's time zone, for entries dated by day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def feed_portal(request):
    """The requested portal with its home page in the active language, or 404."""
    site = portal_for(request).site
    if site is None:
        raise Http404
    home = site.root_page.specific
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is not None and locale.pk != home.locale_id:
        home = home.get_translation_or_none(locale)
        if home is None or not home.live:
            raise Http404
    return FeedPortal(request, site, home, portal_for(request).branding.name or site.site_name)


class PortalFeed(Feed):
    """RSS 2.0 by default; ``feed_patterns`` adds the Atom variant."""

    feed_type = Rss201rev2Feed

    def subject(self, portal, **kwargs):
        return None

    def entries(self, portal, subject):
        raise NotImplementedError

    def feed_title(self, portal, subject):
        raise NotImplementedError

    def feed_description(self, portal, subject):
        return self.feed_title(portal, subject)

    def feed_link(self, portal, subject):
        """The page the feed is the companion of."""
        return portal.page_url(subject if subject is not None else portal.home)

    # Django's Feed API: ``obj`` is a (portal, subject) pair; items are FeedEntry.

    def get_object(self, request, **kwargs):
        portal = feed_portal(request)
        return portal, self.subject(portal, **kwargs)

    def title(self, obj):
        portal, subject = obj
        return f"{self.feed_title(portal, subject)} · {portal.name}"

    def description(self, obj):
        return self.feed_description(*obj)

    def subtitle(self, obj):
        return self.feed_description(*obj)

    def link(self, obj):
        return self.feed_link(*obj)

    def feed_url(self, obj):
        portal, _subject = obj
        return portal.absolute(portal.request.path)

    def items(self, obj):
        return list(self.entries(*obj))[:MAX_ENTRIES]

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return clean_html(entry.summary_html, entry.link)

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated or entry.published

    def item_guid(self, entry):
        return entry.guid or entry.link

    def item_guid_is_permalink(self, entry):
        return not entry.guid

    def item_author_name(self, entry):
        return entry.author or None

    def item_categories(self, entry):
        return entry.categories


def _served(feed):
    return require_GET(cache_control(public=True, max_age=CACHE_SECONDS)(conditional_page(feed)))


def feed_patterns(route, feed_class, name):
    """URL patterns ``<route>rss/`` and ``<route>atom/`` named ``<name>_rss`` and
    ``<name>_atom``."""
    atom_class = type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
    return [
        path(f"{route}rss/", _served(feed_class()), name=f"{name}_rss"),
        path(f"{route}atom/", _served(atom_class()), name=f"{name}_atom"),
    ]


def announced(title, name, **kwargs):
    """The RSS and Atom alternates of the feed ``name`` (see ``feed_patterns``)."""
    return [
        alternates.Alternate(alternates.RSS, f"{title} (RSS)", reverse(f"feeds:{name}_rss", kwargs=kwargs)),
        alternates.Alternate(alternates.ATOM, f"{title} (Atom)", reverse(f"feeds:{name}_atom", kwargs=kwargs)),
    ]

"""iCalendar files: one event, a community's calendar and a portal's calendar.

Who may subscribe to which feed:
- a portal's feed is public and holds only public events (see ``listing``);
- a public community's feed is public;
- an on-request or secret community's feed has no public address: each reader
  gets a personal address outside the community's URL (calendar apps cannot log
  in, and a secret community is a 404 to them), holding a random key
  (``CalendarKey``) that names neither them nor the community. Its owner is
  checked against the community's rules at every fetch, so the address stops
  working as soon as they stop being a reader; they may change it at any time
  (``reset_key``), and it is forgotten when their membership ends. (Addresses
  signed with the members' and communities' ids, given before these keys, are
  404s.)"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from wagtail.models import Page

from communities import access, content, tools
from communities.models import CommunityPage, Visibility
from sites import alternates as site_alternates
from sites.models import PortalHomePage
from sites.portal_urls import root_url

from .models import AgendaPage, CalendarKey, EventPage, new_calendar_key

PRODID = "-//Portail des territoires//Agenda//FR"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", " ".join(name.split()))  # one line, whatever the title holds
    return calendar


def _component(event, stamp, request, host):
    component = Event()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.start.astimezone(event.zone))
    component.add("dtend", event.end.astimezone(event.zone))
    component.add("summary", event.title)
    url = event.get_full_url(request)
    if url:
        component.add("url", url)
    location = event.place or event.online_url
    if location:
        component.add("location", location)
    description = "\n\n".join(
        part for part in (event.summary, content.plain_text(event.description), event.online_url) if part
    )
    if description:
        component.add("description", description)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def build(name, events, request):
    """The calendar ``name`` holding ``events``, as bytes, with a VTIMEZONE for
    every time zone used."""
    calendar = _calendar(name)
    stamp = timezone.now().astimezone(datetime.UTC)
    host = request.get_host().split(":")[0]
    for event in events:
        calendar.add_component(_component(event, stamp, request, host))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def response(request, name, events, filename, private=False):
    result = HttpResponse(build(name, events, request), content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "agenda"}.ics"'
    result["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return result


# Personal feed keys for restricted communities.


def personal_key(user, community):
    """``user``'s key for ``community``'s feed, made on first use."""

    return CalendarKey.objects.get_or_create(user=user, community=community)[0].key


def reset_key(user, community):
    """Give ``user`` a new key for ``community``'s feed: the old address stops at once."""

    CalendarKey.objects.update_or_create(user=user, community=community, defaults={"key": new_calendar_key()})


def community_for_key(key):
    """The live community whose feed ``key`` opens, if its owner is active and
    may still read it; else None."""

    found = (
        CalendarKey.objects.filter(key=key, user__is_active=True, community__live=True)
        .select_related("user", "community")
        .first()
    )
    if found is None or not access.can(found.user, found.community, access.Action.READ):
        return None
    return found.community


def community_feed_url(community, user=None):
    """The URL to subscribe to a community's calendar: public for a public
    community, personal for the readers of the others, None for anyone else."""
    if community.visibility == Visibility.PUBLIC:
        return tools.full_url(community, "agenda", "feed")
    if user is None or not user.is_authenticated or not access.can(user, community, access.Action.READ):
        return None
    return root_url(community.get_site()) + reverse(
        "events:personal_feed", kwargs={"key": personal_key(user, community)}
    )


# Discovery: <link rel="alternate" type="text/calendar"> in pages' <head>.


def agenda_feed_url(agenda, request=None):
    return agenda.get_full_url(request) + agenda.reverse_subpage("feed")


def _agenda_tool_registered():
    return any(tool.prefix == "agenda" for tool in tools.registered())


def alternates(request, page):

    if isinstance(page, PortalHomePage):
        # Every portal home announces its agenda: its URL path is all the link
        # needs, read without loading the agenda page.
        found = (
            Page.objects.filter(depth=page.depth + 1, path__startswith=page.path, live=True)
            .filter(content_type=ContentType.objects.get_for_model(AgendaPage))
            .order_by("path")
            .values_list("pk", "url_path")[:1]
        )
        for pk, url_path in found:
            agenda = AgendaPage(pk=pk, url_path=url_path)
            yield site_alternates.Alternate(
                site_alternates.CALENDAR, _("Agenda du portail"), agenda_feed_url(agenda, request)
            )
    elif isinstance(page, AgendaPage):
        yield site_alternates.Alternate(
            site_alternates.CALENDAR, _("Agenda du portail"), agenda_feed_url(page, request)
        )
    elif isinstance(page, CommunityPage) and page.visibility == Visibility.PUBLIC and _agenda_tool_registered():
        yield site_alternates.Alternate(
            site_alternates.CALENDAR, _("Agenda de la communauté"), tools.full_url(page, "agenda", "feed")
        )
    elif isinstance(page, EventPage):
        yield site_alternates.Alternate(
            site_alternates.CALENDAR, page.title, page.get_full_url(request) + page.reverse_subpage("ics")
        )

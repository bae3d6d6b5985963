"""iCalendar files: one event, a community's calendar and a portal's calendar.

Who may subscribe to which feed:
- a portal's feed is public and holds only public events (see ``listing``);
- a public community's feed is public;
- an on-request or secret community's feed has no public address: each reader
  gets a personal address holding a signed token (``feed_token``), outside the
  community's URL (calendar apps cannot log in, and a secret community is a 404
  to them). The token is checked against the community's rules at every fetch,
  so the address stops working as soon as its owner stops being a reader."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import signing
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
from sites.portal_urls import root_url

PRODID = "-//Portail des territoires//Agenda//FR"
TOKEN_SALT = "events.calendar-feed"


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
    description = "\n\n".join(part for part in (event.summary, content.plain_text(event.description), event.online_url) if part)
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


# Personal feed tokens for restricted communities.


def feed_token(user, community):
    return signing.Signer(salt=TOKEN_SALT).sign_object({"u": user.pk, "c": community.pk})


def _read_token(token):
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token or "")
    except (signing.BadSignature, TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def community_of_token(token):
    """The id of the community a token is for, or None."""
    community_id = _read_token(token).get("c")
    return community_id if isinstance(community_id, int) else None


def user_for_token(token, community):
    """The user a token was made for, if it is valid for ``community`` and they
    may still read it; else None."""
    from django.contrib.auth import get_user_model

    data = _read_token(token)
    if data.get("c") != community.pk or not isinstance(data.get("u"), int):
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or not access.can(user, community, access.Action.READ):
        return None
    return user


def community_feed_url(community, user=None):
    """The URL to subscribe to a community's calendar: public for a public
    community, personal for the readers of the others, None for anyone else."""
    if community.visibility == Visibility.PUBLIC:
        return tools.full_url(community, "agenda", "feed")
    if user is None or not user.is_authenticated or not access.can(user, community, access.Action.READ):
        return None
    return root_url(community.get_site()) + reverse("events:personal_feed", kwargs={"token": feed_token(user, community)})


# Discovery: <link rel="alternate" type="text/calendar"> in pages' <head>.


def agenda_feed_url(agenda, request=None):
    return agenda.get_full_url(request) + agenda.reverse_subpage("feed")


def _agenda_tool_registered():
    return any(tool.prefix == "agenda" for tool in tools.registered())


def alternates(request, page):
    from sites.models import PortalHomePage

    from .models import AgendaPage, EventPage

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
            yield site_alternates.Alternate(site_alternates.CALENDAR, _("Agenda du portail"), agenda_feed_url(agenda, request))
    elif isinstance(page, AgendaPage):
        yield site_alternates.Alternate(site_alternates.CALENDAR, _("Agenda du portail"), agenda_feed_url(page, request))
    elif isinstance(page, CommunityPage) and page.visibility == Visibility.PUBLIC and _agenda_tool_registered():
        yield site_alternates.Alternate(site_alternates.CALENDAR, _("Agenda de la communauté"), tools.full_url(page, "agenda", "feed"))
    elif isinstance(page, EventPage):
        yield site_alternates.Alternate(site_alternates.CALENDAR, page.title, page.get_full_url(request) + page.reverse_subpage("ics"))

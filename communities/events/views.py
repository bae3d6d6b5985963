"""Event pages, registration, the agendas of portals and communities, and their
iCalendar files.

An event in a community follows the community's rules: its readers see it (a
non-member of an on-request community is asked to join, a secret community's
events are a 404 for outsiders), and they may register."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from communities import access, page_views, tools
from communities.access import Action
from communities.feeds import page_number
from communities.membership import display_name
from communities.models import Visibility
from sites.rendering import render

from . import calendars, listing, registration
from .month import Month, grid

UPCOMING_SHOWN = 50
PAST_PAGE_SIZE = 12


def require_read(request, event):
    """None when the reader may see ``event``, else the response to send."""
    community = event.community
    if community is None:
        return None
    return page_views.require(request, community, Action.READ)


# One event.


def can_see_registrants(user, event):
    """Who sees an event's registrants: the animateurs of its community (and
    the portal's editors, who manage the community), or the editors of a
    portal event."""
    if not user.is_authenticated:
        return False
    community = event.community
    if community is not None:
        return access.can(user, community, Action.MANAGE)
    return event.permissions_for_user(user).can_edit()


def event_detail(request, event):
    user = request.user
    status = registration.status_of(event, user)
    url = event.get_url(request)
    context = event.get_context(request)
    if can_see_registrants(user, event):
        context["registrants_url"] = url + event.reverse_subpage("registrants")
    context.update(
        community=event.community,
        registration_status=status,
        seats_left=registration.seats_left(event) if event.capacity is not None else None,
        closed_reason=event.registration_closed_reason(),
        register_url=url + event.reverse_subpage("register"),
        cancel_url=url + event.reverse_subpage("cancel"),
        ics_url=url + event.reverse_subpage("ics"),
        documents=list(event.documents.select_related("document")) if event.is_past else [],
    )
    return TemplateResponse(request, event.get_template(request), context)


def _post_from_member(request, event):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_url(request))
    return None


def register(request, event):
    denied = _post_from_member(request, event)
    if denied:
        return denied
    try:
        result = registration.register(event, request.user)
    except registration.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if result.status == result.Status.WAITING:
            messages.warning(
                request,
                _(
                    "L'événement est complet : vous êtes sur la liste d'attente. Nous vous écrirons si une place se "
                    "libère."
                ),
            )
        else:
            messages.success(request, _("Vous êtes inscrit. Ajoutez l'événement à votre agenda avec le fichier iCal."))
    return redirect(event.get_url(request))


def cancel(request, event):
    denied = _post_from_member(request, event)
    if denied:
        return denied
    try:
        registration.cancel(event, request.user)
    except registration.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect(event.get_url(request))


def _csv_cell(value):
    """A cell a spreadsheet shows as text: a leading =, +, - or @ would make it a formula."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _registrants_csv(event, people):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscrits-{event.slug}.csv"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Statut"), _("Nom"), _("Organisation"), _("Adresse électronique"), _("Inscrit le")])
    for row in [*people.registered, *people.waiting]:
        profile = getattr(row.user, "profile", None)
        writer.writerow(
            _csv_cell(value)
            for value in (
                row.get_status_display(),
                display_name(row.user),
                profile.organisation if profile else "",
                row.user.email,
                timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
            )
        )
    return response


def registrants(request, event):
    """The event's registrants and waiting list, for those who organise it;
    ``?format=csv`` downloads them."""
    denied = require_read(request, event)
    if denied:
        return denied
    if not can_see_registrants(request.user, event):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied(
            _("La liste des inscrits est réservée aux animateurs de la communauté et aux éditeurs du portail.")
        )
    people = registration.registrants(event)
    if request.GET.get("format") == "csv":
        return _registrants_csv(event, people)
    context = event.get_context(request)
    context.update(
        community=event.community,
        registrants=people,
        event_url=event.get_url(request),
        csv_url=request.path + "?format=csv",
    )
    return render(request, "communities/events/registrants.html", context)


def event_ics(request, event):
    community = event.community
    private = community is not None and community.visibility != Visibility.PUBLIC
    return calendars.response(request, event.title, [event], event.slug, private=private)


# Agendas: the list (upcoming, then past with replays) and the month view.


def _list_context(request, events):
    past = Paginator(listing.past(events), PAST_PAGE_SIZE).get_page(page_number(request))
    return {"upcoming": listing.upcoming(events).list(UPCOMING_SHOWN), "past": past}


def _month_context(request, events, year, month, month_url):
    today = timezone.localdate()
    shown = Month.parse(year, month, today)
    if shown is None:
        raise Http404
    weeks = shown.weeks()
    days = grid(shown, listing.touching(events, weeks[0][0], weeks[-1][-1]), today)
    return {
        "month": shown.first_day,
        "weeks": days,
        "weekday_names": [date_format(day, "l") for day in weeks[0]],
        "has_events": any(day.events for week in days for day in week if day.in_month),
        "previous_url": month_url(shown.previous),
        "next_url": month_url(shown.next),
        "today_url": month_url(Month(today.year, today.month)),
    }


def _agenda_response(request, agenda, template, context):
    base = agenda.get_context(request)
    base.update(context)
    base.update(
        list_url=agenda.get_url(request) + agenda.reverse_subpage("index"),
        month_view_url=agenda.get_url(request) + agenda.reverse_subpage("month_current"),
        feed_url=calendars.agenda_feed_url(agenda, request),
    )
    return render(request, template, base)


def agenda_list(request, agenda):
    context = _list_context(request, listing.portal_events(agenda))
    return _agenda_response(request, agenda, "communities/events/agenda_page.html", context)


def agenda_month(request, agenda, year=None, month=None):
    def month_url(shown):
        return agenda.get_url(request) + agenda.reverse_subpage(
            "month", kwargs={"year": shown.year, "month": shown.month}
        )

    context = _month_context(request, listing.portal_events(agenda), year, month, month_url)
    return _agenda_response(request, agenda, "communities/events/agenda_month.html", context)


def agenda_feed(request, agenda):
    return calendars.response(
        request, agenda.title, listing.portal_events(agenda).order_by("start").list(), agenda.get_site().site_name
    )


# A community's agenda (the "agenda" community tool).


def _community_response(request, community, name, context):
    feed_url = calendars.community_feed_url(community, request.user)
    personal = feed_url is not None and community.visibility != Visibility.PUBLIC
    context.update(
        list_url=tools.url(community, "agenda", "index", request=request),
        month_view_url=tools.url(community, "agenda", "month_current", request=request),
        feed_url=feed_url,
        feed_reset_url=tools.url(community, "agenda", "feed_reset", request=request) if personal else "",
        can_add_event=community.permissions_for_user(request.user).can_add_subpage(),
        add_event_url=reverse("wagtailadmin_pages:add", args=("events", "eventpage", community.pk)),
    )
    return page_views.render(request, community, name, context)


def community_agenda(request, community):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    context = _list_context(request, listing.community_events(community))
    return _community_response(request, community, "events/community_agenda.html", context)


def community_month(request, community, year=None, month=None):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied

    def month_url(shown):
        return tools.url(community, "agenda", "month", request=request, year=shown.year, month=shown.month)

    context = _month_context(request, listing.community_events(community), year, month, month_url)
    return _community_response(request, community, "events/community_month.html", context)


def community_feed(request, community):
    """The public feed of a public community (others use ``personal_feed``)."""
    if community.visibility != Visibility.PUBLIC:
        raise Http404
    return calendars.response(
        request, community.title, listing.community_events(community).order_by("start").list(), community.slug
    )


def personal_feed(request, key):
    """A reader's own feed of a restricted community, for calendar apps that
    cannot log in; served while the key's owner may read the community."""
    community = calendars.community_for_key(key)
    if community is None:
        raise Http404
    events = listing.community_events(community).order_by("start").list()
    return calendars.response(request, community.title, events, community.slug, private=True)


def reset_personal_feed(request, community):
    """A reader changes their personal address, say after sharing it by mistake."""
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if community.visibility == Visibility.PUBLIC:
        raise Http404
    calendars.reset_key(request.user, community)
    messages.success(
        request,
        _("Votre adresse d'abonnement a changé : l'ancienne ne fonctionne plus. Abonnez votre agenda à la nouvelle."),
    )
    return redirect(tools.url(community, "agenda", "index", request=request))

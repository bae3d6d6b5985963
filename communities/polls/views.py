"""The community's "Sondages" tool: its polls and questionnaires.

Readers see the polls and their results once they voted or the poll closed;
members vote; animateurs open polls."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from communities import feeds, page_views, tools
from communities.access import Action, can

from . import voting
from .forms import PollForm
from .models import Poll, QuestionnairePage
from .results import results

PAGE_SIZE = 20


def _poll_url(request, community, poll):
    return tools.url(community, "sondages", "detail", request=request, poll_id=poll.pk)


def index(request, community):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    polls = feeds.paginate(request, Poll.objects.filter(community=community), PAGE_SIZE)
    for poll in polls:
        poll.detail_url = _poll_url(request, community, poll)
    questionnaires = QuestionnairePage.objects.child_of(community).live().order_by("-first_published_at")
    context = {
        "polls": polls,
        "questionnaires": list(questionnaires),
        "create_url": tools.url(community, "sondages", "create", request=request)
        if can(request.user, community, Action.MANAGE)
        else "",
    }
    return page_views.render(request, community, "polls/index.html", context)


def create(request, community):
    denied = page_views.require(request, community, Action.MANAGE)
    if denied:
        return denied
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        poll = voting.open_poll(
            community,
            request.user,
            data["question"],
            data["kind"],
            data["anonymous"],
            data["closes_at"],
            data["choices"],
        )
        messages.success(request, _("Le sondage est ouvert."))
        return redirect(_poll_url(request, community, poll))
    status = 400 if request.method == "POST" else 200
    return page_views.render(request, community, "polls/poll_form.html", {"form": form}, status=status)


def detail(request, community, poll_id, error="", status=200):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    poll = get_object_or_404(Poll, pk=poll_id, community=community)
    user = request.user
    voted = voting.has_voted(poll, user)
    may_vote = poll.is_open and not voted and can(user, community, Action.POST)
    show_results = voted or not poll.is_open or can(user, community, Action.MANAGE)
    context = {
        "poll": poll,
        "voted": voted,
        "may_vote": may_vote,
        "choices": list(poll.choices.all()) if may_vote else [],
        "results": results(poll, with_names=can(user, community, Action.POST) or can(user, community, Action.MANAGE))
        if show_results
        else None,
        "error": error,
        "vote_url": tools.url(community, "sondages", "vote", request=request, poll_id=poll.pk),
        "index_url": tools.url(community, "sondages", "index", request=request),
    }
    return page_views.render(request, community, "polls/poll_detail.html", context, status=status)


def cast_vote(request, community, poll_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    denied = page_views.require(request, community, Action.POST)
    if denied:
        return denied
    poll = get_object_or_404(Poll, pk=poll_id, community=community)
    try:
        voting.vote(poll, request.user, request.POST.getlist("choix"))
    except voting.VoteError as error:
        return detail(request, community, poll_id, error=str(error), status=400)
    messages.success(request, _("Votre vote est enregistré."))
    return redirect(_poll_url(request, community, poll))

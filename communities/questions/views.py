"""The questions tool of a community: list, ask, read and answer, accept, vote,
close and reopen, moderate, and the similar questions suggested while asking.

Every view is called as ``view(request, community, **kwargs)`` by
``communities.tools`` and checks ``page_views.require`` first: a community the
user may not see is a 404, content they may not read sends anonymous readers to
log in and others to a 403 page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from communities import access, content, feeds, page_views, tools
from communities.access import Action
from sites import dates
from sites.rendering import content_language

from . import answer_html, answering, forms, search
from .models import Answer, AnswerVote, Question

PAGE_SIZE = 20
FORM_ERROR_STATUS = 400


def _url(request, community, name, **kwargs):
    return tools.url(community, "questions", name, request=request, **kwargs)


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _visible_questions(request, community):
    questions = Question.objects.filter(community=community)
    if not access.can(request.user, community, Action.MANAGE):
        questions = questions.filter(hidden=False)
    return questions


def _question(request, community, pk):
    question = get_object_or_404(
        _visible_questions(request, community).select_related("author__profile", "territory"), pk=pk
    )
    question.community = community
    return question


def _answer(request, community, answer_id):
    answers = Answer.objects.select_related("question__community", "author").filter(question__community=community)
    if not access.can(request.user, community, Action.MANAGE):
        answers = answers.filter(hidden=False, question__hidden=False)
    found = get_object_or_404(answers, pk=answer_id)
    found.question.community = community
    return found


def index(request, community):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    form = forms.StatusFilterForm(request.GET or None)
    questions = _visible_questions(request, community)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status:
        questions = questions.filter(status=status)
    questions = (
        questions.select_related("author__profile")
        .annotate(shown_answers=Count("answers", filter=Q(answers__hidden=False)))
        .order_by("-created_at", "-pk")
    )
    context = {
        "filter_form": form,
        "status": status,
        "questions": feeds.paginate(request, questions, PAGE_SIZE),
        "ask_url": _url(request, community, "ask"),
        "index_url": _url(request, community, "index"),
        "filter_query": urlencode({"status": status}) if status else "",
    }
    return page_views.render(request, community, "questions/index.html", context)


def _ask_context(request, community, form):
    return {
        "form": form,
        "similar_url": _url(request, community, "similar"),
        "index_url": _url(request, community, "index"),
    }


def ask(request, community):
    denied = page_views.require(request, community, Action.POST)
    if denied:
        return denied
    if request.method != "POST":
        form = forms.QuestionForm(language=content_language())
        return page_views.render(request, community, "questions/ask.html", _ask_context(request, community, form))
    form = forms.QuestionForm(request.POST, language=content_language())
    if not form.is_valid() or _rate_limited(request, form):
        context = _ask_context(request, community, form)
        return page_views.render(request, community, "questions/ask.html", context, status=FORM_ERROR_STATUS)
    data = form.cleaned_data
    question = answering.ask(
        community,
        request.user,
        data["title"],
        data["body"],
        domains=data["domains"],
        tags=data["tags"],
        territory=data["territory"],
    )
    messages.success(request, _("Votre question est publiée : les experts concernés sont prévenus."))
    return redirect(question.url(request))


def _rate_limited(request, form, kind="post"):
    if content.hit_rate_limit(request.user, kind):
        form.add_error(None, _("Vous publiez trop vite : attendez quelques minutes avant de recommencer."))
        return True
    return False


def similar(request, community):
    """JSON list of similar questions for the ask form (``?q=`` the title typed)."""
    if not access.can(request.user, community, Action.POST):
        if not access.can(request.user, community, Action.SEE):
            raise Http404
        return JsonResponse({"results": []}, status=403)
    found = search.similar(request, request.GET.get("q", ""))
    return JsonResponse({"results": [{"title": document.title, "url": document.url} for document in found]})


def detail(request, community, pk, answer_form=None, status=200):
    denied = page_views.require(request, community, Action.READ)
    if denied:
        return denied
    question = _question(request, community, pk)
    user = request.user
    can_manage = access.can(user, community, Action.MANAGE)
    answers = list(
        question.answers_in_order(include_hidden=can_manage)
        .only("pk", "question_id", "author_id", "body", "is_expert", "votes", "hidden", "created_at")
        .annotate(author_name=F("author__profile__display_name"))
    )
    may_decide = answering.may_decide(user, question)
    index_url = _url(request, community, "index")
    _prepare_actions(request, community, question, answers, may_decide, index_url)
    context = {
        "question": question,
        "domains": list(question.domains.all()),
        "tags": list(question.tags.all()),
        "answers": answers,
        "answer_items": answer_html.answer_list(answers, manage=can_manage),
        "may_decide": may_decide,
        "answer_form": answer_form or forms.AnswerForm(),
        "question_url": _url(request, community, "detail", pk=question.pk),
        "index_url": index_url,
    }
    return page_views.render(request, community, "questions/detail.html", context, status=status)


def _prepare_actions(request, community, question, answers, may_decide, index_url):
    """What each answer shows and offers, worked out once here rather than in
    the template's loop (a question page may list hundreds of answers)."""
    user = request.user
    can_vote = access.can(user, community, Action.POST)
    voted = set()
    if can_vote and answers:
        voted = set(
            AnswerVote.objects.filter(user=user, answer_id__in=[a.pk for a in answers]).values_list(
                "answer_id", flat=True
            )
        )
    may_accept = may_decide and not question.is_closed
    display_date = dates.long_datetime_formatter()
    vote_words = {True: _("votes"), False: _("vote")}
    moderations = {True: ("show", _("Rendre visible")), False: ("hide", _("Masquer"))}
    for number, answer in enumerate(answers, start=1):
        answer.number = str(number)
        answer.anchor = f"reponse-{answer.pk}"
        answer.actions_url = f"{index_url}reponses/{answer.pk}/"
        answer.accepted = answer.pk == question.accepted_answer_id
        answer.css_class = (
            "answer" + (" answer--accepted" if answer.accepted else "") + (" answer--hidden" if answer.hidden else "")
        )
        answer.votes_text = f"{answer.votes} {vote_words[answer.votes > 1]}"
        answer.votable = can_vote and answer.author_id != user.pk
        answer.voted = answer.pk in voted
        answer.acceptable = may_accept and not answer.accepted and not answer.hidden
        answer.moderation_action, answer.moderation_label = moderations[answer.hidden]
        answer.iso_date = answer.created_at.isoformat()
        answer.display_date = display_date(answer.created_at)


def answer(request, community, pk):
    denied = _post_only(request) or page_views.require(request, community, Action.POST)
    if denied:
        return denied
    question = _question(request, community, pk)
    form = forms.AnswerForm(request.POST)
    if question.is_closed:
        form.add_error(None, _("Cette question est fermée : elle n'accepte plus de réponses."))
        return detail(request, community, pk, answer_form=form, status=409)
    if not form.is_valid() or _rate_limited(request, form, "comment"):
        return detail(request, community, pk, answer_form=form, status=FORM_ERROR_STATUS)
    try:
        created = answering.answer(question, request.user, form.cleaned_data["body"])
    except answering.QuestionError as error:
        form.add_error(None, str(error))
        return detail(request, community, pk, answer_form=form, status=409)
    messages.success(request, _("Votre réponse est publiée."))
    return redirect(f"{question.url(request)}#reponse-{created.pk}")


def _deciders_only(request, question):
    """None for the author of the question and the animateurs, else the response."""
    if answering.may_decide(request.user, question):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("Seuls l'auteur de la question et les animateurs peuvent faire cela."))


def accept(request, community, answer_id):
    denied = _post_only(request) or page_views.require(request, community, Action.READ)
    if denied:
        return denied
    chosen = _answer(request, community, answer_id)
    question = chosen.question
    denied = _deciders_only(request, question)
    if denied:
        return denied
    try:
        answering.accept(question, chosen, request.user)
    except answering.QuestionError as error:
        messages.error(request, str(error))
        return detail(request, community, question.pk, status=409)
    messages.success(request, _("Réponse acceptée : la question est résolue."))
    return redirect(f"{question.url(request)}#reponse-{chosen.pk}")


def change_status(request, community, pk):
    denied = _post_only(request) or page_views.require(request, community, Action.READ)
    if denied:
        return denied
    question = _question(request, community, pk)
    denied = _deciders_only(request, question)
    if denied:
        return denied
    if request.POST.get("action") == "close":
        answering.close(question)
        messages.success(request, _("Question fermée : elle n'accepte plus de réponses."))
    elif request.POST.get("action") == "reopen":
        answering.reopen(question)
        messages.success(request, _("Question rouverte."))
    else:
        return HttpResponseNotAllowed(["POST"])
    return redirect(question.url(request))


def vote(request, community, answer_id):
    denied = _post_only(request) or page_views.require(request, community, Action.POST)
    if denied:
        return denied
    chosen = _answer(request, community, answer_id)
    try:
        answering.vote(chosen, request.user)
    except answering.QuestionError as error:
        messages.error(request, str(error))
        return detail(request, community, chosen.question_id, status=409)
    messages.success(request, _("Merci, votre vote est compté."))
    return redirect(f"{chosen.question.url(request)}#reponse-{chosen.pk}")


def _moderate(request, community, target, question):
    hide = request.POST.get("action") != "show"
    answering.set_hidden(target, hide, request.user)
    messages.success(request, _("Contenu masqué.") if hide else _("Contenu de nouveau visible."))
    return redirect(question.url(request))


def moderate_question(request, community, pk):
    denied = _post_only(request) or page_views.require(request, community, Action.MANAGE)
    if denied:
        return denied
    question = _question(request, community, pk)
    return _moderate(request, community, question, question)


def moderate_answer(request, community, answer_id):
    denied = _post_only(request) or page_views.require(request, community, Action.MANAGE)
    if denied:
        return denied
    target = _answer(request, community, answer_id)
    return _moderate(request, community, target, target.question)

"""Who may answer a questionnaire: the community's members, once each.

Anonymous readers are sent to log in; readers who are not members see why they
cannot answer (and a POST from them is refused); members who already answered
see so instead of the form."""

from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.response import TemplateResponse

from communities import access
from communities.access import Action

from .models import QuestionnaireSubmission


def _refusal(page, request, reason, status):
    context = page.get_context(request)
    context["refusal"] = reason
    return TemplateResponse(request, page.get_template(request), context, status=status)


def has_answered(page, user):
    return QuestionnaireSubmission.objects.filter(page=page, user=user).exists()


def serve_questionnaire(page, request, serve_form, *args, **kwargs):
    community = page.community
    user = request.user
    if not access.can(user, community, Action.SEE):
        raise Http404
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    posting = request.method == "POST"
    if not access.can(user, community, Action.POST):
        return _refusal(page, request, "not_member", 403 if posting else 200)
    if has_answered(page, user):
        return _refusal(page, request, "answered", 409 if posting else 200)
    try:
        with transaction.atomic():
            return serve_form(request, *args, **kwargs)
    except IntegrityError:  # a second submission raced the first
        return _refusal(page, request, "answered", 409)

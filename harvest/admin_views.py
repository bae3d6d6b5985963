"""Admin actions on a source: harvest now (queued) and preview (a dry run)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.permissions import policy_registry

from .models import HarvestRun, HarvestSource
from .pipeline import harvest
from .tasks import run_source


def _source(request, pk):
    """The source, if the user may change it: another portal's source is refused."""
    source = get_object_or_404(HarvestSource, pk=pk)
    if not policy_registry.get_by_type(HarvestSource).user_has_permission_for_instance(request.user, "change", source):
        raise PermissionDenied
    return source


def action_view(action):
    @require_http_methods(["GET", "POST"])
    def view(request, pk):
        source = _source(request, pk)
        if request.method == "GET":
            return TemplateResponse(
                request,
                "harvest/admin/confirm_action.html",
                {"source": source, "action": action, "header_title": source.name},
            )
        if action == "preview":
            run = harvest(source, trigger=HarvestRun.Trigger.PREVIEW)
            return redirect(reverse("harvest_runs:inspect", args=[run.pk]))
        run_source.delay(source.pk, HarvestRun.Trigger.MANUAL)
        messages.success(request, _("Moisson de « %(source)s » lancée.") % {"source": source.name})
        return redirect(reverse("harvest_runs:index") + f"?source={source.pk}")

    return view

"""Readers' saved-search alerts: create one from a search, list and delete them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sites.portal import portal_for
from sites.rendering import content_language, render

from . import alerts
from .models import SavedSearch

MAX_ALERTS_PER_USER = 50


class AlertForm(forms.ModelForm):
    name = forms.CharField(label=gettext_lazy("Nom de l'alerte"), max_length=120, required=False)

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency"]


def _search_page(params):
    return reverse("search") + ("?" + params if params else "")


@login_required
@require_POST
def create_alert(request):
    site = portal_for(request).site
    saved = alerts.saved_params(request.POST)
    form = AlertForm(request.POST)
    back = SavedSearch(**saved)
    if site is None or not form.is_valid():
        messages.error(request, _("L'alerte n'a pas pu être créée : vérifiez son nom et sa fréquence."))
        return redirect(_search_page(alerts.search_params(back)))
    if SavedSearch.objects.filter(user=request.user).count() >= MAX_ALERTS_PER_USER:
        messages.error(request, _("Vous avez atteint le nombre maximal d'alertes : supprimez-en une d'abord."))
        return redirect("search_alerts:list")
    alert = form.save(commit=False)
    alert.user, alert.site, alert.language = request.user, site, content_language()
    alert.query, alert.filters, alert.all_portals = saved["query"], saved["filters"], saved["all_portals"]
    name_length = SavedSearch._meta.get_field("name").max_length
    alert.name = alert.name or saved["query"][:name_length] or _("Ma recherche")
    alert.save()
    messages.success(
        request,
        _("Alerte « %(name)s » créée : vous recevrez les nouveaux résultats par e-mail.") % {"name": alert.name},
    )
    return redirect("search_alerts:list")


@login_required
@require_GET
def alert_list(request):
    saved = SavedSearch.objects.filter(user=request.user).select_related("site")
    rows = [(alert, alerts.search_url(alert)) for alert in saved]
    return render(request, "search/alerts/list.html", {"alerts": rows})


@login_required
@require_POST
def delete_alert(request, pk):
    alert = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    alert.delete()
    messages.success(request, _("Alerte « %(name)s » supprimée.") % {"name": alert.name})
    return redirect("search_alerts:list")

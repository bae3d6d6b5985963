"""Admin screens of the veille inbox: list what is new, keep or ignore it,
and start an issue with the kept items."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from harvest.listing import sources_shown_on
from resources.models import Domain, ResourceType

from . import inbox
from .models import Subscriber

PAGE_SIZE = 50


class InboxFilterForm(forms.Form):
    domain = forms.ModelChoiceField(
        Domain.objects.none(),
        label=gettext_lazy("Domaine"),
        required=False,
        empty_label=gettext_lazy("Tous les domaines"),
    )
    source = forms.ChoiceField(label=gettext_lazy("Source"), required=False)
    type = forms.ModelChoiceField(
        ResourceType.objects.none(),
        label=gettext_lazy("Type"),
        required=False,
        empty_label=gettext_lazy("Tous les types"),
    )

    def __init__(self, data, site, index):
        super().__init__(data)
        self.fields["domain"].queryset = Domain.objects.filter(locale_id=index.locale_id)
        self.fields["type"].queryset = ResourceType.objects.filter(locale_id=index.locale_id)
        self.fields["source"].choices = [
            ("", _("Toutes les sources")),
            (inbox.LIBRARY, _("Bibliothèque du portail")),
        ] + [(str(source.pk), source.name) for source in sources_shown_on(site).order_by("name")]


def _portal(request, portal_id):
    """The portal whose inbox is asked for, if the user may use it (the first
    of theirs when none is named)."""
    portals = inbox.inbox_portals(request.user)
    if not portals:
        raise PermissionDenied
    if not portal_id:
        return (*portals[0], portals)
    for site, index in portals:
        if str(site.pk) == str(portal_id):
            return site, index, portals
    raise PermissionDenied


def _back(request, site):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(reverse("veille_inbox") + f"?portal={site.pk}")


@require_GET
def inbox_view(request):
    site, index, portals = _portal(request, request.GET.get("portal"))
    form = InboxFilterForm(request.GET, site, index)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = inbox.inbox_rows(
        site, index, domain=filters.get("domain"), source=filters.get("source", ""), resource_type=filters.get("type")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "veille/admin/inbox.html",
        {
            "site": site,
            "index": index,
            "portals": [s for s, _index in portals],
            "form": form,
            "rows": page,
            "kept_count": sum(row.kept for row in rows),
            "filtered": any(filters.values()),
            "filter_query": query.urlencode(),
            "last_issue_at": inbox.last_issue_at(index),
        },
    )


@require_GET
def subscribers_view(request):
    """The portal's newsletter subscribers, with delivery failures."""
    site, _index, portals = _portal(request, request.GET.get("portal"))
    subscribers = Subscriber.objects.filter(site=site).order_by("status", "email")
    status = request.GET.get("status", "")
    if status in Subscriber.Status.values:
        subscribers = subscribers.filter(status=status)
    counts = dict(Subscriber.objects.filter(site=site).order_by().values_list("status").annotate(count=Count("pk")))
    return TemplateResponse(
        request,
        "veille/admin/subscribers.html",
        {
            "site": site,
            "portals": [s for s, _i in portals],
            "subscribers": Paginator(subscribers, PAGE_SIZE).get_page(request.GET.get("page")),
            "statuses": [(value, label, counts.get(value, 0)) for value, label in Subscriber.Status.choices],
            "status": status,
            "filter_query": f"portal={site.pk}&status={status}",
        },
    )


@require_POST
def decide_view(request):
    site, index, _portals = _portal(request, request.POST.get("portal"))
    kind, decision = request.POST.get("kind"), request.POST.get("decision")
    try:
        pk = int(request.POST.get("pk", ""))
    except ValueError:
        pk = None
    if kind not in (inbox.RESOURCE, inbox.ITEM) or decision not in ("keep", "ignore", "reset") or pk is None:
        raise PermissionDenied
    if inbox.decide(site, index, request.user, kind, pk, decision):
        done = {
            "keep": _("Élément retenu pour le prochain numéro."),
            "ignore": _("Élément écarté."),
            "reset": _("Décision annulée."),
        }
        messages.success(request, done[decision])
    else:
        messages.error(request, _("Cet élément n'est pas proposé dans la veille de ce portail."))
    return _back(request, site)


@require_POST
def create_issue_view(request):
    site, index, _portals = _portal(request, request.POST.get("portal"))
    issue = inbox.create_draft_issue(site, index, request.user)
    if issue is None:
        messages.warning(request, _("Retenez d'abord des éléments pour le numéro."))
        return _back(request, site)
    messages.success(request, _("Brouillon créé : ajoutez vos notes, ordonnez les éléments puis publiez."))
    return redirect("wagtailadmin_pages:edit", issue.pk)

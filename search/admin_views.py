"""The query analytics report: per portal, the popular and the zero-result queries."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from .analytics import POPULAR_DAYS, query_report
from .permissions import editable_sites


def query_analytics(request):
    sites = list(editable_sites(request.user).order_by("site_name"))
    if not sites:
        raise PermissionDenied
    selected = next((site for site in sites if str(site.pk) == request.GET.get("site")), sites[0])
    return render(
        request,
        "search/admin/query_analytics.html",
        {
            "sites": sites,
            "selected": selected,
            "report": query_report(selected),
            "days": POPULAR_DAYS,
            "page_title": _("Recherches des lecteurs"),
        },
    )

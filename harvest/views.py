from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Site

from sites.branding import branding_for_request
from themes.registry import select_theme_template

from .listing import visible_items


def item_detail(request, pk):
    """A harvested item's public page on a portal that shows its source."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    item = get_object_or_404(visible_items(site), pk=pk)
    template = select_theme_template(branding_for_request(request).theme, "harvest/item_detail.html")
    context = {
        "item": item,
        "source": item.source,
        "item_tags": list(item.tags.all()),
        "item_domains": list(item.domains.all()),
    }
    return TemplateResponse(request, template, context)

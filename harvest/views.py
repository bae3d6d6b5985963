from django.http import Http404
from django.shortcuts import get_object_or_404

from sites.portal import portal_for
from sites.rendering import render

from .listing import visible_items


def item_detail(request, pk):
    """A harvested item's public page on a portal that shows its source."""
    site = portal_for(request).site
    if site is None:
        raise Http404
    item = get_object_or_404(visible_items(site), pk=pk)
    context = {
        "item": item,
        "source": item.source,
        "item_tags": list(item.tags.all()),
        "item_domains": list(item.domains.all()),
    }
    return render(request, "harvest/item_detail.html", context)

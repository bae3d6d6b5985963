"""Template tags of harvest, for the pages of other apps that show partners' content."""

from django import template

from sites.db import prepared_statements
from sites.portal import portal_for

from ..listing import latest_items

register = template.Library()


@register.inclusion_tag("default/harvest/partner_items.html", takes_context=True)
def partner_items(context, domain):
    """The newest items of partners in ``domain`` that the request's portal shows."""
    request = context["request"]
    page = context.get("page")
    site = portal_for(request).site or (page.get_site() if page is not None else None)
    if site is None or domain is None:
        return {"partner_items": []}
    with prepared_statements():
        return {"partner_items": latest_items(site, domain=domain)}

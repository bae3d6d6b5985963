"""Template tags of harvest, for the pages of other apps that show partners' content."""

from django import template
from wagtail.models import Site

from sites.db import prepared_statements

from ..listing import latest_items

register = template.Library()


@register.inclusion_tag("default/harvest/partner_items.html", takes_context=True)
def partner_items(context, domain):
    """The newest items of partners in ``domain`` that the request's portal shows."""
    request = context["request"]
    page = context.get("page")
    site = Site.find_for_request(request) or (page.get_site() if page is not None else None)
    if site is None or domain is None:
        return {"partner_items": []}
    with prepared_statements():
        return {"partner_items": latest_items(site, domain=domain)}

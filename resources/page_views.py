"""The library's pages as readers get them (see ``sites.routing.PageViewMixin``):
the library and a domain page with their listing, a resource with its domains,
tags and documents."""

from sites.rendering import render_page

from .listing import resource_listing_context, resource_page_context
from .models import Domain, DomainPage


def library(request, page):
    return render_page(request, page, resource_listing_context(request, page, domain=None))


def domain(request, page):
    # The listing, the header and localized_domain share the domain and its
    # locale, read with the page (DomainPageManager) unless it came otherwise.
    if not DomainPage.domain.is_cached(page) or not Domain.locale.is_cached(page.domain):
        page.domain = Domain.objects.select_related("locale").get(pk=page.domain_id)
    return render_page(request, page, resource_listing_context(request, page, domain=page.domain))


def resource(request, page):
    return render_page(request, page, resource_page_context(request, page))

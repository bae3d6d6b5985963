"""Finding the portal and its branding for a request, without failing."""

from wagtail.models import Site

from .models import PortalBranding


def branding_for_request(request):
    """The branding of the request's portal, or sane defaults when the host matches
    no portal (the caller then serves the default look rather than an error)."""
    cached = getattr(request, "_portal_branding", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        branding = PortalBranding()
    else:
        try:
            # Read with the site when the site was found for this request.
            branding = site.portalbranding
        except PortalBranding.DoesNotExist:
            branding = PortalBranding.for_site(site)
        branding.site = site
    request._portal_branding = branding
    return branding

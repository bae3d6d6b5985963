"""Finding the portal and its branding for a request, without failing."""

from wagtail.images import get_image_model
from wagtail.models import Site

from .models import PortalBranding


def _read_images(branding):
    """The branding's images (logo, favicon, sharing image), in one query."""
    fields = [name for name in PortalBranding.select_related if getattr(branding, f"{name}_id") is not None]
    if not fields:
        return
    images = get_image_model().objects.in_bulk([getattr(branding, f"{name}_id") for name in fields])
    for name in fields:
        setattr(branding, name, images.get(getattr(branding, f"{name}_id")))


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
        else:
            _read_images(branding)
        branding.site = site
    request._portal_branding = branding
    return branding

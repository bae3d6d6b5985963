"""The request's portal: its Wagtail ``Site``, its branding, its theme and its
home in the reader's language, found once per request and without failing.

``PortalMiddleware`` sets ``request.portal``; code that may meet a request that
went through no middleware (a request built by hand) asks ``portal_for(request)``,
which sets it on first use. Templates read ``request.portal`` too, and the
``branding`` and ``base_template`` that the theme's context processor gives."""

from functools import cached_property

from django.http import HttpRequest
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .branding import PortalBranding


def _read_images(branding):
    """The branding's images (logo, favicon, sharing image), in one query."""
    fields = [name for name in PortalBranding.select_related if getattr(branding, f"{name}_id") is not None]
    if not fields:
        return
    images = get_image_model().objects.in_bulk([getattr(branding, f"{name}_id") for name in fields])
    for name in fields:
        setattr(branding, name, images.get(getattr(branding, f"{name}_id")))


class Portal:
    """The portal a request is for; each part is read on first use."""

    def __init__(self, request: HttpRequest):
        self._request = request

    @cached_property
    def site(self) -> Site | None:
        """The portal's ``Site`` by Wagtail's rules (the default site for an unknown
        host), None when there is no site at all."""
        return Site.find_for_request(self._request)

    @cached_property
    def branding(self) -> PortalBranding:
        """The portal's branding, or sane defaults when the host matches no portal
        (the caller then serves the default look rather than an error)."""
        site = self.site
        if site is None:
            return PortalBranding()
        try:
            # Read with the site when the site was found for this request.
            branding = site.portalbranding
        except PortalBranding.DoesNotExist:
            branding = PortalBranding.for_site(site)
        else:
            _read_images(branding)
        branding.site = site
        return branding

    @property
    def theme(self) -> str:
        return self.branding.theme

    @cached_property
    def home(self) -> Page | None:
        """The portal's home page in the active language (its language root): the
        site's root page or its translation; None when there is no site."""
        site = self.site
        return site.root_page.localized if site is not None else None


def portal_for(request: HttpRequest) -> Portal:
    """``request.portal``, set on first use when no middleware did."""
    portal = getattr(request, "portal", None)
    if portal is None:
        portal = request.portal = Portal(request)
    return portal


class PortalMiddleware:
    """Sets ``request.portal`` (see ``Portal``); nothing is read before it is used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal = Portal(request)
        return self.get_response(request)

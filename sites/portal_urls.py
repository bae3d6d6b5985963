"""Absolute addresses of a portal, for what is read away from the site: e-mails,
feeds, calendars, search results, links between portals.

They are built from the portal's configured hostname and port (its Wagtail
``Site``), never from the request's ``Host`` header, which the client writes:
under a wildcard ``ALLOWED_HOSTS``, a forged Host would otherwise put its own
domain in a password-reset link. The scheme comes from ``PORTAL_URL_SCHEME``
(``https`` in production behind TLS), as a Site knows no scheme; left empty,
Wagtail's rule applies (https on port 443, http otherwise)."""

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

from .portal import portal_for

DEFAULT_PORTS = (80, 443)


def root_url(site: Site) -> str:
    """``scheme://hostname[:port]`` of ``site``; Wagtail's ``Site.root_url``
    with the configured scheme."""
    scheme = getattr(settings, "PORTAL_URL_SCHEME", "")
    if not scheme:
        return site.root_url
    if site.port in DEFAULT_PORTS:
        return f"{scheme}://{site.hostname}"
    return f"{scheme}://{site.hostname}:{site.port}"


def portal_site(request: HttpRequest | None = None) -> Site | None:
    """The portal a request is for, by Wagtail's rules: the site its host names,
    else the default site (also without a request, as in a task)."""
    site = portal_for(request).site if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def request_root_url(request: HttpRequest | None = None) -> str:
    """``scheme://hostname[:port]`` of the request's portal; with no portal at
    all, the configured ``WAGTAILADMIN_BASE_URL``."""
    site = portal_site(request)
    return root_url(site) if site is not None else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """``path`` on the request's portal, as an absolute URL."""
    return request_root_url(request) + path

"""Wagtail's site root paths in two queries instead of one per site.

Every page URL needs ``Site.get_site_root_paths()``: the root path of every
site's home page in every language. Wagtail keeps the list in the Django cache,
but builds it with one query for the sites and one more per site for its home's
translations, so each portal added costs every uncached request one query. This
builds the same list, in the same order and under the same cache key (which
Wagtail clears when a site or a home changes), from two queries whatever the
number of portals. ``PortalsConfig.ready`` installs it in place of Wagtail's.

Finding the request's site takes one more query in Wagtail (the sites matching
the host); here the site is picked, by Wagtail's rules, from the list of every
site that the root paths are built from, so an uncached request reads the sites
once for both."""

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

from .db import prepared_statements
from .models import PortalHomePage
from .portal_urls import root_url

CACHE_SECONDS = 3600  # as Wagtail


# With every site come its home page, as its specific page type when it is a
# portal home, and its branding (without its images, which only the request's
# portal needs: ``sites.portal.Portal.branding`` reads them): the page Wagtail serves from and the look of
# the portal, which every request needs, are read with the sites.
PORTAL_JOINS = ("root_page__locale", "root_page__portalhomepage", "portalbranding")


@prepared_statements()
def _all_sites():

    # Wagtail's order (most specific root first), applied here rather than in SQL:
    # Django resolves an ORDER BY against every selected column, and the joins
    # select dozens of them.
    sites = sorted(Site.objects.select_related(*PORTAL_JOINS).order_by(), key=lambda site: site.hostname)
    sites.sort(key=lambda site: (site.root_page.url_path, site.is_default_site), reverse=True)
    for site in sites:
        try:
            home = site.root_page.portalhomepage
        except PortalHomePage.DoesNotExist:
            continue
        home.locale = site.root_page.locale  # read with the site: see BasePage.localized
        site.root_page = home
    return sites


@prepared_statements()
def _compute(sites=None):
    sites = _all_sites() if sites is None else sites
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [SiteRootPath(s.id, s.root_page.url_path, root_url(s), s.root_page.locale.language_code) for s in sites]
    translations = {}
    rows = (
        Page.objects.filter(translation_key__in={site.root_page.translation_key for site in sites})
        .order_by("path")
        .values_list("translation_key", "url_path", "locale__language_code")
    )
    for key, url_path, language_code in rows:
        translations.setdefault(key, []).append((url_path, language_code))
    return [
        SiteRootPath(site.id, url_path, root_url(site), language_code)
        for site in sites
        for url_path, language_code in translations.get(site.root_page.translation_key, [])
    ]


def _cached():
    cached = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    # Some cache backends return plain tuples.
    return None if cached is None else [SiteRootPath(*values) for values in cached]


def _store(result):
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, CACHE_SECONDS, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return result


def get_site_root_paths():
    """Drop-in for ``Site.get_site_root_paths``: a list of ``SiteRootPath``,
    most specific path first."""
    cached = _cached()
    return cached if cached is not None else _store(_compute())


def _match(sites, hostname, port):
    """Wagtail's choice of a site for a host and port (``get_site_for_hostname``),
    among ``sites``: the site with that host and port; else the default site if
    it has that host; else the only candidate (sites with that host, and the
    default site); else the only site with that host besides the default site;
    else the default site; else none."""
    candidates = [site for site in sites if site.hostname == hostname or site.is_default_site]
    for site in candidates:
        if site.hostname == hostname and site.port == port:
            return site
    default = next((site for site in candidates if site.is_default_site), None)
    if default is not None and default.hostname == hostname or len(candidates) == 1:
        return candidates[0] if default is None else default
    if default is None:
        return None
    others = [site for site in candidates if site is not default]
    return others[0] if len(others) == 1 else default


def find_for_request(request):
    """Drop-in for ``Site._find_for_request``. When the root paths are not
    cached, the list of sites read here builds them too, for this request."""
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        port = None
    sites = _all_sites()
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        cached = _cached()
        request._wagtail_cached_site_root_paths = cached if cached is not None else _store(_compute(sites))
    return _match(sites, hostname, port)


def for_request(request):
    """The root paths, kept on the request where Wagtail's page URLs look for
    them (``Page._get_site_root_paths``), so that both share one computation;
    finding the request's site first reads the sites for both."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        Site.find_for_request(request)
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    return request._wagtail_cached_site_root_paths


def _content_language(language_code):
    """The active language when it is a variant of ``language_code`` (as Wagtail)."""
    try:
        if get_supported_content_language_variant(translation.get_language()) == language_code:
            return translation.get_language()
    except LookupError:
        pass
    return language_code


def page_urls(request, url_paths):
    """``Page.get_url(request)`` for pages known only by their URL path, by
    Wagtail's rules: the first portal whose root the path is under (the request's
    portal when the page is under several), a path on the request's portal and
    a full address on another (``None`` when the page is under no portal). Cards
    read their pages as plain values, without a page object to ask."""
    root_paths = for_request(request)
    current = Site.find_for_request(request)
    single_site = len({root.site_id for root in root_paths}) == 1
    i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
    urls = []
    for url_path in url_paths:
        possible = [root for root in root_paths if url_path.startswith(root.root_path)]
        if not possible:
            urls.append(None)
            continue
        chosen = possible[0]
        if current is not None and len({root.site_id for root in possible}) > 1:
            chosen = next((root for root in possible if root.site_id == current.pk), chosen)
        try:
            with translation.override(_content_language(chosen.language_code) if i18n else translation.get_language()):
                path = reverse("wagtail_serve", args=(url_path[len(chosen.root_path) :],))
        except NoReverseMatch:
            urls.append(None)
            continue
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
            path = path.rstrip("/")
        same_site = current is not None and chosen.site_id == current.pk
        urls.append(path if same_site or single_site else chosen.root_url + path)
    return urls


@receiver(setting_changed)
def _scheme_changed(setting, **kwargs):
    """The root paths carry each site's address, scheme included: a new
    ``PORTAL_URL_SCHEME`` (in tests) builds them anew."""
    if setting == "PORTAL_URL_SCHEME":
        cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


def install():
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site._find_for_request = staticmethod(find_for_request)

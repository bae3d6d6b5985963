"""Wagtail's site root paths in two queries instead of one per site.

Every page URL needs ``Site.get_site_root_paths()``: the root path of every
site's home page in every language. Wagtail keeps the list in the Django cache,
but builds it with one query for the sites and one more per site for its home's
translations, so each portal added costs every uncached request one query. This
builds the same list, in the same order and under the same cache key (which
Wagtail clears when a site or a home changes), from two queries whatever the
number of portals. ``PortalsConfig.ready`` installs it in place of Wagtail's."""

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

CACHE_SECONDS = 3600  # as Wagtail


def _compute():
    sites = list(
        Site.objects.select_related("root_page__locale").order_by("-root_page__url_path", "-is_default_site", "hostname")
    )
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [SiteRootPath(s.id, s.root_page.url_path, s.root_url, s.root_page.locale.language_code) for s in sites]
    translations = {}
    rows = (
        Page.objects.filter(translation_key__in={site.root_page.translation_key for site in sites})
        .order_by("path")
        .values_list("translation_key", "url_path", "locale__language_code")
    )
    for key, url_path, language_code in rows:
        translations.setdefault(key, []).append((url_path, language_code))
    return [
        SiteRootPath(site.id, url_path, site.root_url, language_code)
        for site in sites
        for url_path, language_code in translations.get(site.root_page.translation_key, [])
    ]


def get_site_root_paths():
    """Drop-in for ``Site.get_site_root_paths``: a list of ``SiteRootPath``,
    most specific path first."""
    cached = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if cached is not None:
        # Some cache backends return plain tuples.
        return [SiteRootPath(*values) for values in cached]
    result = _compute()
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, CACHE_SECONDS, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return result


def for_request(request):
    """The root paths, kept on the request where Wagtail's page URLs look for
    them (``Page._get_site_root_paths``), so that both share one computation."""
    try:
        return request._wagtail_cached_site_root_paths
    except AttributeError:
        request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        return request._wagtail_cached_site_root_paths


def install():
    Site.get_site_root_paths = staticmethod(get_site_root_paths)

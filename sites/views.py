"""Per-portal robots.txt, sitemap.xml and the readers' site map."""

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from wagtail import hooks
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from . import root_paths
from .portal import portal_for
from .rendering import render

SITEMAP_HOOK = "construct_portal_sitemap_queryset"
SITE_MAP_DEPTH = 2  # the portal's sections and the pages right under them
SITE_MAP_PER_SECTION = 15


def _anonymous_pages(pages):
    """``pages`` an anonymous reader can open: live, public, and kept by every
    app's ``construct_portal_sitemap_queryset`` hook (``hook(pages) -> pages``)."""
    pages = pages.live().public()
    for hook in hooks.get_hooks(SITEMAP_HOOK):
        pages = hook(pages)
    return pages


class PortalSitemap(Sitemap):
    """The pages of the request's portal, in every language, that an anonymous
    reader can open: live and public (no view restriction on them or an
    ancestor) here, and nothing an app's ``construct_portal_sitemap_queryset``
    hook (``hook(pages) -> pages``) takes out because its own access rules
    refuse it to anonymous readers (e.g. the content of restricted communities)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        in_portal = Q()
        for path in roots:
            in_portal |= Q(path__startswith=path)
        return _anonymous_pages(Page.objects.filter(in_portal)).order_by("path").defer_streamfields().specific()


def site_map(request):
    """The readers' site map: the portal's sections in the reader's language,
    each with the first pages under it, as anonymous readers may see them."""
    home = portal_for(request).home
    if home is None:
        raise Http404
    pages = _anonymous_pages(
        Page.objects.filter(path__startswith=home.path, depth__gt=home.depth, depth__lte=home.depth + SITE_MAP_DEPTH)
    )
    rows = list(pages.order_by("path").values_list("title", "url_path", "path", "depth"))
    urls = root_paths.page_urls(request, [row[1] for row in rows])
    sections, by_path = [], {}
    for (title, _url_path, path, depth), url in zip(rows, urls):
        if url is None:
            continue
        if depth == home.depth + 1:
            by_path[path] = {"title": title, "url": url, "pages": [], "more": 0}
            sections.append(by_path[path])
            continue
        section = by_path.get(path[: -Page.steplen])
        if section is None:
            continue
        if len(section["pages"]) < SITE_MAP_PER_SECTION:
            section["pages"].append({"title": title, "url": url})
        else:
            section["more"] += 1
    return render(request, "portals/site_map.html", {"home": home, "sections": sections})


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PortalSitemap(request)})


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

"""Per-portal robots.txt and sitemap.xml."""

from django.db.models import Q
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from wagtail import hooks
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

SITEMAP_HOOK = "construct_portal_sitemap_queryset"


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
        pages = Page.objects.filter(in_portal).live().public()
        for hook in hooks.get_hooks(SITEMAP_HOOK):
            pages = hook(pages)
        return pages.order_by("path").defer_streamfields().specific()


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

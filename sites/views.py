"""Per-portal robots.txt and sitemap.xml."""

from django.db.models import Q
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    """Every live, public page of the request's portal, in every language."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        in_portal = Q()
        for path in roots:
            in_portal |= Q(path__startswith=path)
        return Page.objects.filter(in_portal).live().public().order_by("path").defer_streamfields().specific()


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

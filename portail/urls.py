from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from sites import choosers, views

urlpatterns = [
    path("admin/", include(choosers.urlpatterns)),  # before Wagtail's own page chooser views
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/search/", search_views.api_search, name="search_api"),
    path("api/v1/search/autocomplete/", search_views.api_autocomplete, name="search_autocomplete"),
    path("calendriers/", include("communities.events.feed_urls")),
    # The demo's partner sites, answering only when HARVEST_DEMO_SOURCES is on.
    path("demo-sources/", include("portail.demo.harvest.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("recherche/", search_views.search_page, name="search"),
    path("plan-du-site/", views.site_map, name="site_map"),
    path("recherche/alertes/", include("search.alert_urls")),
    path("flux/", include("portail.feed_urls")),
    path("compte/", include("allauth.urls")),
    path("membres/", include("communities.urls")),
    path("", include("harvest.urls")),
    path("", include("veille.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

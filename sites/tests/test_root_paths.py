"""Site root paths (behind every page URL) come from two queries whatever the
number of portals, and equal what Wagtail computes one site at a time."""

from wagtail.models import Site
from wagtail.models.sites import SiteRootPath


def wagtail_root_paths():
    """Wagtail's own algorithm: the sites, most specific root first, each with its
    home in every language."""
    sites = Site.objects.select_related("root_page").order_by("-root_page__url_path", "-is_default_site", "hostname")
    return [
        SiteRootPath(site.id, home.url_path, site.root_url, home.locale.language_code)
        for site in sites
        for home in site.root_page.get_translations(inclusive=True).select_related("locale")
    ]


def test_root_paths_of_every_portal_and_language_in_two_queries(english, make_portal, django_assert_num_queries):
    make_portal("alpha.localhost", "Portail Alpha")
    make_portal("beta.localhost", "Portail Bêta")
    make_portal("gamma.localhost", "Portail Gamma", port=8080)

    with django_assert_num_queries(2):
        paths = Site.get_site_root_paths()

    assert paths == wagtail_root_paths()
    assert {path.language_code for path in paths} == {"fr", "en"}
    assert {path.root_url for path in paths} >= {"http://alpha.localhost", "http://gamma.localhost:8080"}
    with django_assert_num_queries(0):
        assert Site.get_site_root_paths() == paths  # cached


def test_a_new_portal_is_in_the_root_paths_at_once(make_portal):
    make_portal("alpha.localhost", "Portail Alpha")
    Site.get_site_root_paths()
    beta = make_portal("beta.localhost", "Portail Bêta")

    assert beta.site.id in {path.site_id for path in Site.get_site_root_paths()}
    assert beta.home.get_url_parts()[1] == "http://beta.localhost"


def test_page_urls_from_url_paths_equal_wagtails_page_urls(rf, english, make_portal):
    from django.utils import translation

    from resources.factories import ResourcePageFactory
    from sites.root_paths import page_urls
    from sites.translation import translate_page
    from tests.utils import library_of

    alpha = make_portal("alpha.localhost", "Portail Alpha")
    beta = make_portal("beta.localhost", "Portail Bêta", port=8080)
    outside = alpha.home.get_parent().add_child(
        instance=type(alpha.home.get_parent())(title="Hors portail", slug="hors-portail")
    )
    pages = [
        alpha.home,
        ResourcePageFactory(parent=library_of(alpha), title="Guide", slug="guide"),
        ResourcePageFactory(parent=library_of(beta), title="Étude", slug="étude-été"),
        translate_page(library_of(alpha), english),
        outside,
    ]
    for host, language in [
        ("alpha.localhost", "fr"),
        ("beta.localhost:8080", "fr"),
        ("alpha.localhost", "en"),
        ("unknown.localhost", "fr"),
    ]:
        with translation.override(language):
            request = rf.get("/", HTTP_HOST=host)
            expected = [page.get_url(request) for page in pages]
            assert page_urls(request, [page.url_path for page in pages]) == expected
    assert expected[1] == "http://alpha.localhost/ressources/guide/" and expected[4] is None

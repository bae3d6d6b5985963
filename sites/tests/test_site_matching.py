"""The request's site is picked from the list of sites read once per request
(``sites.root_paths``) by exactly Wagtail's rules (``get_site_for_hostname``),
and that list brings each portal's specific home page and branding along."""

import itertools

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from sites import root_paths
from sites.models import PortalHomePage
from sites.portal import portal_for

pytestmark = pytest.mark.django_db

# (hostname, port, is_default_site) of the sites of each configuration.
CONFIGURATIONS = [
    [("alpha.localhost", 80, True), ("beta.localhost", 80, False)],
    [("alpha.localhost", 80, False), ("beta.localhost", 80, False)],
    [("alpha.localhost", 80, False), ("alpha.localhost", 8080, False), ("beta.localhost", 80, True)],
    [("alpha.localhost", 80, True), ("alpha.localhost", 8080, False)],
    [("alpha.localhost", 8080, False)],
    [("alpha.localhost", 8080, False), ("alpha.localhost", 8081, False)],
]
HOSTS = ["alpha.localhost", "beta.localhost", "gamma.localhost"]
PORTS = [80, 8080, 9000]


def wagtail_choice(hostname, port):
    try:
        return get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
def test_same_choice_as_wagtail(configuration):
    Site.objects.all().delete()
    root = Page.get_first_root_node()
    for hostname, port, is_default in configuration:
        Site.objects.create(hostname=hostname, port=port, is_default_site=is_default, root_page=root)
    sites = list(Site.objects.all())

    for hostname, port in itertools.product(HOSTS, PORTS):
        chosen = root_paths._match(sites, hostname, port)
        assert (chosen.pk if chosen else None) == wagtail_choice(hostname, port), (hostname, port)


def test_request_site_comes_with_its_specific_home_and_branding(portal_a, django_assert_num_queries):
    request = RequestFactory().get("/", HTTP_HOST="alpha.localhost")

    with django_assert_num_queries(2):  # the sites, and their homes' translations for URLs
        site = Site.find_for_request(request)
        branding = portal_for(request).branding
        paths = root_paths.for_request(request)

    assert site.pk == portal_a.site.pk
    assert isinstance(site.root_page, PortalHomePage)
    assert branding.portal_name == "Portail Alpha"
    assert any(path.site_id == site.pk for path in paths)


def test_the_server_port_is_matched(make_portal):
    """As in Wagtail, the port is the one the request came in on (a string in
    the WSGI environment, an integer on the site)."""
    portal = make_portal("localhost", "Portail local", port=8123)
    request = RequestFactory().get("/", HTTP_HOST="localhost:8123", SERVER_PORT="8123")

    assert Site.find_for_request(request).pk == portal.site.pk == wagtail_choice("localhost", "8123")


def test_branding_images_come_in_one_query(portal_a, django_assert_num_queries):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    def image(title, colour):
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 32), colour).save(buffer, "PNG")
        return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))

    logo, favicon = image("logo", "navy"), image("favicon", "red")
    portal_a.branding.logo, portal_a.branding.favicon = logo, favicon
    portal_a.branding.save()
    request = RequestFactory().get("/", HTTP_HOST="alpha.localhost")

    with django_assert_num_queries(3):  # the sites, their homes' translations, the images
        root_paths.for_request(request)
        branding = portal_for(request).branding
        assert (branding.logo, branding.favicon, branding.social_image) == (logo, favicon, None)

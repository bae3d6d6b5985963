"""Every page of the portals carries a strict Content-Security-Policy and a
Permissions-Policy, in both themes, and its HTML needs nothing the policy refuses:
no inline script, no event-handler attribute, no style attribute, and one inline
style element, allowed by the request's nonce. The Wagtail admin is left out of
the policy on purpose (its pages carry inline scripts)."""

import re

import pytest

from resources.factories import ResourcePageFactory
from tests.utils import domain_page_of, library_of, path_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b([^>]*)>")
NONCE = re.compile(r"'nonce-([^']+)'")


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: values for name, _space, values in (part.strip().partition(" ") for part in policy.split(";"))}


def pages(portal, domains):
    resource = ResourcePageFactory(parent=library_of(portal), title="Guide des mobilités douces", domains=[domains[0]])
    resource.save_revision().publish()
    return [
        "/",
        path_of(domain_page_of(portal, domains[0])),
        path_of(resource),
        "/recherche/?q=guide",
        "/compte/login/",
        "/en/",
    ]


@pytest.mark.parametrize("host", ["alpha.localhost", "beta.localhost"])  # default theme, dsfr theme
def test_pages_carry_a_strict_policy_their_html_keeps(client, portal_a, portal_b, domains, host):
    portal = portal_a if host == "alpha.localhost" else portal_b
    for path in pages(portal, domains):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        policy = directives(response)
        assert (
            policy["default-src"] == "'self'" and policy["script-src"] == "'self'" and policy["object-src"] == "'none'"
        )
        assert (
            policy["base-uri"] == "'self'"
            and policy["form-action"] == "'self'"
            and policy["frame-ancestors"] == "'none'"
        )
        assert response["X-Frame-Options"] == "DENY"  # the same rule, for older browsers
        assert "unsafe" not in response["Content-Security-Policy"]

        html = response.text
        assert not INLINE_SCRIPT.search(html) and not EVENT_HANDLER.search(html) and not STYLE_ATTRIBUTE.search(html), (
            path
        )
        [style_attributes] = STYLE_ELEMENT.findall(html)
        [nonce] = NONCE.findall(policy["style-src"])
        assert style_attributes == f' nonce="{nonce}"'

        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions


def test_each_response_has_its_own_nonce(client, portal_a):
    first, second = (
        NONCE.search(client.get("/", HTTP_HOST="alpha.localhost")["Content-Security-Policy"]).group(1) for _ in range(2)
    )
    assert first != second and len(first) >= 16


def test_domain_colours_reach_the_page_through_the_nonced_style(client, portal_a, domains):
    home = client.get("/", HTTP_HOST="alpha.localhost").text
    domain = domains[0]
    assert f".domain-tile--{domain.slug}{{--domain-colour:{domain.colour}}}" in home
    assert f'class="domain-tile domain-tile--{domain.slug}"' in home
    page = client.get(path_of(domain_page_of(portal_a, domain)), HTTP_HOST="alpha.localhost").text
    assert f".page-header{{--domain-colour:{domain.colour}}}" in page


def test_the_wagtail_admin_is_left_out_of_the_policy_but_not_of_the_permissions(client, portal_a):
    response = client.get("/admin/login/", HTTP_HOST="alpha.localhost")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "camera=()" in response["Permissions-Policy"]


def test_embedded_videos_need_no_style_attribute(db):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.format import embed_to_frontend_html
    from wagtail.embeds.models import Embed

    url = "https://video.example.org/w/atelier-mobilites"
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        width=640,
        height=360,
        html=f'<iframe src="{url}" width="640" height="360" allowfullscreen></iframe>',
    )
    html = embed_to_frontend_html(url)  # as video blocks and rich text render them
    assert '<div class="embed">' in html and f'<iframe src="{url}"' in html and not STYLE_ATTRIBUTE.search(html)

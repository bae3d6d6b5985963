"""Template tags of the white-label layer: menu, footer, account and language links."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from sites import alternates, navigation, root_paths
from sites.db import prepared_statements
from sites.portal import portal_for

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_pages(context):
    """The portal's menu and footer pages (``sites.navigation``)."""
    return navigation.portal_pages(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def account_links(context):
    """The signed-in reader's links of the account menu."""
    return navigation.account_links(context["request"])


@register.simple_tag(takes_context=True)
@prepared_statements()
def language_links(context):
    """One link per content language: to the same page or view in that language
    (a page's sub-address and a view's query string kept), else to that
    language's portal home."""
    page = context.get("page")
    request = context["request"]
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        # Only what a URL needs: no page object is loaded.
        rows = list(
            Page.objects.filter(translation_key=page.translation_key, live=True).values_list(
                "url_path", "locale__language_code"
            )
        )
        urls = root_paths.page_urls(request, [url_path for url_path, _code in rows])
        translations = {code: url for (_url_path, code), url in zip(rows, urls) if url}
        # Under the page (a community's members, an event's registration): the same place.
        own_path = urlsplit(translations.get(current, "")).path
        if own_path and request.path != own_path and request.path.startswith(own_path):
            below = request.path[len(own_path) :]
            translations = {code: url + below for code, url in translations.items()}
    names = get_content_languages()
    query = request.META.get("QUERY_STRING", "")
    # Django's error pages (their context has ``request_path``) lead to the homes:
    # they do not repeat an address that may name what the reader may not see.
    error_page = "request_path" in context
    links = []
    for code in _portal_languages(request, names):
        url = translations.get(code)
        if url is None and not isinstance(page, Page) and not error_page:
            translated = translate_url(request.path, code)
            if translated != request.path or code == current:
                url = translated + (f"?{query}" if query else "")
        if url is None:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        links.append({"code": code, "name": names.get(code, code), "url": url, "current": code == current})
    return links


def _portal_languages(request, content_languages):
    """The languages the request's portal has a home page in, from the site root
    paths that page URLs need anyway (no query of their own); every content
    language when the host matches no portal."""
    site = portal_for(request).site
    if site is None:
        return list(content_languages)
    return list(
        dict.fromkeys(path.language_code for path in root_paths.for_request(request) if path.site_id == site.pk)
    )


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context):
    """``<link rel="alternate">`` for every feed or calendar the page announces."""

    request = context.get("request")
    return {"alternates": alternates.for_page(request, context.get("page")) if request else []}

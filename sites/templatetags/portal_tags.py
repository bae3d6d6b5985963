"""Template tags of the white-label layer: navigation and language links."""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail import hooks
from wagtail.coreutils import get_content_languages
from wagtail.models import Page

from sites import alternates, root_paths
from sites.db import prepared_statements
from sites.portal import portal_for
from sites.rendering import portal_root_path

register = template.Library()


@register.simple_tag(takes_context=True)
@prepared_statements()
def portal_navigation(context):
    """The live pages of the current portal's menu, in the page's language: its
    sections of the types the apps register with the ``portal_menu_page_types``
    hook (the library and the domains)."""
    page_types = [model for hook in hooks.get_hooks("portal_menu_page_types") for model in hook()]
    page = context.get("page")
    request = context["request"]
    if isinstance(page, Page):
        home_path = portal_root_path(page)
    else:
        home = portal_for(request).home
        if home is None:
            return []
        home_path = home.path
    rows = list(
        Page.objects.filter(path__startswith=home_path, depth=3)
        .live()
        .in_menu()
        # Wagtail's type() looks for subclasses among every model on each call;
        # the menu's page types have none.
        .filter(content_type__in=ContentType.objects.get_for_models(*page_types).values())
        .order_by("path")
        .values_list("pk", "title", "url_path")
    )
    # A link needs only the URL path: no page object is loaded.
    urls = root_paths.page_urls(request, [url_path for _pk, _title, url_path in rows])
    return [{"pk": pk, "title": title, "url": url} for (pk, title, _url_path), url in zip(rows, urls)]


@register.simple_tag(takes_context=True)
@prepared_statements()
def language_links(context):
    """One link per content language: to the page's translation where it exists,
    otherwise to that language's portal home."""
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
    names = get_content_languages()
    links = []
    for code in _portal_languages(request, names):
        url = translations.get(code) or ("/" if code == settings.LANGUAGE_CODE else f"/{code}/")
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

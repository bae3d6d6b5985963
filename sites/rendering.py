"""What the views of every app share: a response in the portal's theme (of a
template, or of a page with extra context), the active content language, the
page number asked for, and a portal's tree path."""

from django.conf import settings
from django.http import HttpRequest
from django.template.backends.django import Template
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Page

from themes.registry import select_theme_template

from .portal import portal_for


def themed_template(request: HttpRequest, name: str) -> Template:
    """The template ``name`` of the request's portal theme, else of the default theme."""
    return select_theme_template(portal_for(request).theme, name)


def render(request: HttpRequest, name: str, context: dict, status: int = 200) -> TemplateResponse:
    """A response rendering ``name`` (e.g. "search/results.html") in the portal's theme."""
    return TemplateResponse(request, themed_template(request, name), context, status=status)


def render_page(request: HttpRequest, page: Page, extra_context: dict, status: int = 200) -> TemplateResponse:
    """The page's own response, as Wagtail serves it (its template in the portal's
    theme, its context), with ``extra_context`` added: what a ``page_view`` returns."""
    context = page.get_context(request)
    context.update(extra_context)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def content_language() -> str:
    """The active language as a two-letter code ("fr", "en")."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def page_number(request: HttpRequest) -> int:
    """The ``page`` asked for in the query string, 1 when missing or not a number."""
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except (TypeError, ValueError):
        return 1


def portal_root_path(page: Page) -> str:
    """The tree path of the portal home (in the page's language) above ``page``."""
    return page.path[: Page.steplen * 2]

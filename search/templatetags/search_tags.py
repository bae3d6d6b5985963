"""Showing search results: highlighted excerpts and links relative to the portal."""

import re

from django import template
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sites.portal_urls import root_url

from ..analysis import fold, query_terms

register = template.Library()

EXCERPT_LENGTH = 240


def _matches(word, stems):
    return fold(word.lower()).startswith(stems)


@register.simple_tag
def highlight(document, query):
    """An excerpt of the document around the first query word, words marked."""
    text = document.preview
    stems = tuple(stem for group in query_terms(query) for stem in group)
    if not stems:
        return text[:EXCERPT_LENGTH] + ("…" if len(text) > EXCERPT_LENGTH else "")
    start = 0
    for match in re.finditer(r"\w+", text):
        if _matches(match.group(), stems):
            start = max(0, match.start() - 60)
            break
    excerpt = text[start : start + EXCERPT_LENGTH]
    marked = "".join(
        f"<mark>{escape(piece)}</mark>" if index % 2 and _matches(piece, stems) else escape(piece)
        for index, piece in enumerate(re.split(r"(\w+)", excerpt))
    )
    return mark_safe(("…" if start else "") + marked + ("…" if start + EXCERPT_LENGTH < len(text) else ""))


@register.simple_tag(takes_context=True)
def result_url(context, document):
    """A path on the current portal, the full address elsewhere."""
    site = context.get("current_site")
    root = root_url(site) if site is not None else None
    if root is not None and document.site_id == site.pk and document.url.startswith(root):
        return document.url[len(root) :] or "/"
    return document.url


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def facet_query(params, name, value):
    """The current query string with facet ``name`` set to ``value`` (removed when
    empty), back on the first page."""
    query = QueryDict(mutable=True)
    for key, current in params.items():
        if key not in (name, "page"):
            query[key] = current
    if value:
        query[name] = value
    return query.urlencode()

"""The front door of search: what the content apps use, and all they use.

An app describes its content with a provider (``SearchProvider``: which objects,
whether one is searchable, the ``DocumentData`` of each) registered with the
``register_search_provider`` Wagtail hook, and says which audiences a member may
read with the ``search_audiences`` hook; search then keeps one document per searchable object through
its own signals (saves and deletes of the provider's model, publishing of pages).
An app calls ``reindex`` where a change reaches the document without saving the
object (an answer changes its question's document), ``reindex_many`` after bulk
writes, and ``find`` to search its own kind of content for a reader."""

from django.http import HttpRequest

from sites.portal import portal_for
from sites.rendering import content_language

from .documents import remove, sync, sync_many
from .query import clean
from .registry import (
    DocumentData,
    Label,
    SearchProvider,
    audiences_for,
)
from .service import SearchRequest, run_search

__all__ = [
    "DocumentData",
    "Label",
    "SearchProvider",
    "find",
    "reindex",
    "reindex_many",
    "remove",
]

FIND_QUERY_MAX = 200


def reindex(obj) -> None:
    """Bring the search document of ``obj`` up to date: created, updated, or
    removed when ``obj`` is no longer searchable."""
    sync(obj)


def reindex_many(objects) -> int:
    """``reindex`` for many objects of one model, in a fixed number of queries."""
    return sync_many(objects)


def find(request: HttpRequest, text: str, *, kind: str, limit: int, any_word: bool = True) -> list:
    """Up to ``limit`` search documents of ``kind`` on the request's portal, in the
    active language, that the request's user may read, matching ``text`` (any of
    its words, or all of them), best first. The engine's fallback applies: with the
    engine down, the database documents answer."""
    search = SearchRequest(
        site=portal_for(request).site,
        language=content_language(),
        query=clean(text, FIND_QUERY_MAX),
        audiences=audiences_for(request.user),
        filters={"kind": kind},
        operator="or" if any_word else "and",
        per_page=limit,
        facet_names=[],
    )
    return run_search(search).documents

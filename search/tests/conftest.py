"""Search fixtures. Tests that index content run twice: on the embedded database
backend, and on the OpenSearch node of SEARCH_URL (skipped when it is not set or
unreachable, failed under CI=true)."""

import os

import pytest
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from resources.factories import ResourcePageFactory, ResourceTypeFactory, TerritoryFactory
from search.backends.settings import search_backends_from_env
from search.models import SearchDocument
from tests.services import require_service
from tests.utils import library_of


@pytest.fixture(params=["database", "opensearch"])
def search_backend(request, settings):
    """The search backend under test, by name."""
    if request.param == "opensearch":
        environ = {
            "SEARCH_URL": require_service("opensearch"),
            "SEARCH_BACKEND": os.environ.get("SEARCH_BACKEND", "opensearch2"),
        }
        prefix = os.environ.get("SEARCH_TEST_INDEX_PREFIX", "portail_test_")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # one index per parallel worker
        settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(environ, index_prefix=f"{prefix}{worker}_")
    else:
        settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env({})
    return request.param


@pytest.fixture
def search_index(db, search_backend):
    """A fresh search index (for an engine: recreated with its French analysis)."""
    backend = get_search_backend()
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        index = backend.get_index_for_model(SearchDocument)
        # update_index's atomic rebuild leaves the name as an alias: drop what it points to.
        if index.exists():
            backend.es.indices.delete(index=",".join(backend.es.indices.get(index=index.name)))
        index.put()
        index.add_model(SearchDocument)
    return backend


def refresh(backend=None):
    """Make what was just indexed searchable (engines refresh periodically)."""
    backend = backend or get_search_backend()
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        backend.get_index_for_model(SearchDocument).refresh()


def reindex_pages():
    """With an engine as the default backend (CI), its page index holds exactly the
    pages of this test, searchable now: an engine's index outlives the rows that
    earlier tests rolled back."""
    backend = get_search_backend()
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        index = backend.get_index_for_model(Page)
        index.refresh()
        backend.es.delete_by_query(
            index=index.name, body={"query": {"match_all": {}}}, refresh=True, conflicts="proceed"
        )
        for page in Page.objects.specific():
            backend.add(page)
        index.refresh()


@pytest.fixture
def publish(search_index):
    """Create and publish a resource page under ``parent`` (a portal or a library);
    publishing fires the signals that index it."""

    def make(parent, title, body_text="", **fields):
        library = library_of(parent) if hasattr(parent, "home") else parent
        fields.setdefault("summary", body_text or title)
        page = ResourcePageFactory(parent=library, title=title, live=False, **fields)
        if body_text:
            page.body = [("text", f"<p>{body_text}</p>")]
        page.save_revision().publish()
        page.refresh_from_db()
        refresh(search_index)
        return page

    return make


@pytest.fixture
def guide_type(db):
    return ResourceTypeFactory(name="Guide", slug="guide")


@pytest.fixture
def study_type(db):
    return ResourceTypeFactory(name="Étude", slug="etude")


@pytest.fixture
def gironde(db):
    return TerritoryFactory(name="Gironde")

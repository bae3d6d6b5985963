"""One search backend per process and configuration.

Wagtail's ``get_search_backend()`` builds a new backend on every call, and for
an engine a new client with a new connection pool: every search then opened a
new HTTP connection to OpenSearch or Elasticsearch. The searches of the page,
the API, the autocomplete and the similar questions share the backend built
here instead, and its client keeps its connections open (the clients are safe
to share between threads). A changed configuration (tests override it) gets a
backend of its own."""

from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

_backends = {}


def search_backend():
    """The default search backend, built once for its configuration."""
    key = repr(get_app_config().get_search_backend_config().get("default"))
    backend = _backends.get(key)
    if backend is None:
        backend = _backends[key] = get_search_backend()
    return backend

"""Wagtail's `opensearch2` backend with facet counts in the same request as the results."""

from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend, OpenSearch2SearchResults

from .engines import EngineFacetedResultsMixin, EnsuredIndexMixin


class PortailOpenSearch2SearchResults(EngineFacetedResultsMixin, OpenSearch2SearchResults):
    pass


class PortailOpenSearch2SearchBackend(EnsuredIndexMixin, OpenSearch2SearchBackend):
    results_class = PortailOpenSearch2SearchResults


SearchBackend = PortailOpenSearch2SearchBackend

"""Wagtail's `opensearch3` backend with facet counts in the same request as the results."""

from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend, OpenSearch3SearchResults

from .engines import EngineFacetedResultsMixin, EnsuredIndexMixin


class PortailOpenSearch3SearchResults(EngineFacetedResultsMixin, OpenSearch3SearchResults):
    pass


class PortailOpenSearch3SearchBackend(EnsuredIndexMixin, OpenSearch3SearchBackend):
    results_class = PortailOpenSearch3SearchResults


SearchBackend = PortailOpenSearch3SearchBackend

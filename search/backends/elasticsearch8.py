"""Wagtail's `elasticsearch8` backend with facet counts in the same request as the results."""

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchResults

from .engines import EngineFacetedResultsMixin, EnsuredIndexMixin


class PortailElasticsearch8SearchResults(EngineFacetedResultsMixin, Elasticsearch8SearchResults):
    pass


class PortailElasticsearch8SearchBackend(EnsuredIndexMixin, Elasticsearch8SearchBackend):
    results_class = PortailElasticsearch8SearchResults


SearchBackend = PortailElasticsearch8SearchBackend

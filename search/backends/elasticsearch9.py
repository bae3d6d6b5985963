"""Wagtail's `elasticsearch9` backend with facet counts in the same request as the results."""

from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend, Elasticsearch9SearchResults

from .engines import EngineFacetedResultsMixin, EnsuredIndexMixin


class PortailElasticsearch9SearchResults(EngineFacetedResultsMixin, Elasticsearch9SearchResults):
    pass


class PortailElasticsearch9SearchBackend(EnsuredIndexMixin, Elasticsearch9SearchBackend):
    results_class = PortailElasticsearch9SearchResults


SearchBackend = PortailElasticsearch9SearchBackend

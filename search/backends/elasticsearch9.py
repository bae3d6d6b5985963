"""Wagtail's `elasticsearch9` backend with facet counts in the same request as the
results, English documents analysed in English and bulk-loading rebuilds."""

from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)

from .engines import (
    BulkLoadingMixin,
    EngineFacetedResultsMixin,
    EnsuredIndexMixin,
    StoredResultMappingMixin,
    WordQueryCompilerMixin,
)
from .languages import LanguageBackendMixin, LanguageMappingMixin, LanguageQueryCompilerMixin


class PortailElasticsearch9Mapping(StoredResultMappingMixin, LanguageMappingMixin, Elasticsearch9Mapping):
    pass


class PortailElasticsearch9SearchQueryCompiler(
    WordQueryCompilerMixin, LanguageQueryCompilerMixin, Elasticsearch9SearchQueryCompiler
):
    mapping_class = PortailElasticsearch9Mapping


class PortailElasticsearch9AutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = PortailElasticsearch9Mapping


class PortailElasticsearch9SearchResults(EngineFacetedResultsMixin, Elasticsearch9SearchResults):
    pass


class PortailElasticsearch9SearchBackend(
    LanguageBackendMixin, BulkLoadingMixin, EnsuredIndexMixin, Elasticsearch9SearchBackend
):
    mapping_class = PortailElasticsearch9Mapping
    query_compiler_class = PortailElasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = PortailElasticsearch9AutocompleteQueryCompiler
    results_class = PortailElasticsearch9SearchResults


SearchBackend = PortailElasticsearch9SearchBackend

"""Wagtail's `elasticsearch8` backend with facet counts in the same request as the
results, English documents analysed in English and bulk-loading rebuilds."""

from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8AutocompleteQueryCompiler,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from .engines import (
    BulkLoadingMixin,
    EngineFacetedResultsMixin,
    EnsuredIndexMixin,
    StoredResultMappingMixin,
    WordQueryCompilerMixin,
)
from .languages import LanguageBackendMixin, LanguageMappingMixin, LanguageQueryCompilerMixin


class PortailElasticsearch8Mapping(StoredResultMappingMixin, LanguageMappingMixin, Elasticsearch8Mapping):
    pass


class PortailElasticsearch8SearchQueryCompiler(
    WordQueryCompilerMixin, LanguageQueryCompilerMixin, Elasticsearch8SearchQueryCompiler
):
    mapping_class = PortailElasticsearch8Mapping


class PortailElasticsearch8AutocompleteQueryCompiler(Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = PortailElasticsearch8Mapping


class PortailElasticsearch8SearchResults(EngineFacetedResultsMixin, Elasticsearch8SearchResults):
    pass


class PortailElasticsearch8SearchBackend(
    LanguageBackendMixin, BulkLoadingMixin, EnsuredIndexMixin, Elasticsearch8SearchBackend
):
    mapping_class = PortailElasticsearch8Mapping
    query_compiler_class = PortailElasticsearch8SearchQueryCompiler
    autocomplete_query_compiler_class = PortailElasticsearch8AutocompleteQueryCompiler
    results_class = PortailElasticsearch8SearchResults


SearchBackend = PortailElasticsearch8SearchBackend

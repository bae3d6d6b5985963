"""Wagtail's `opensearch3` backend with facet counts in the same request as the
results, English documents analysed in English and bulk-loading rebuilds."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3SearchResults,
)

from .engines import (
    BulkLoadingMixin,
    EngineFacetedResultsMixin,
    EnsuredIndexMixin,
    StoredResultMappingMixin,
    WordQueryCompilerMixin,
)
from .languages import LanguageBackendMixin, LanguageMappingMixin, LanguageQueryCompilerMixin


class PortailOpenSearch3Mapping(StoredResultMappingMixin, LanguageMappingMixin, OpenSearch3Mapping):
    pass


class PortailOpenSearch3SearchQueryCompiler(
    WordQueryCompilerMixin, LanguageQueryCompilerMixin, OpenSearch3SearchQueryCompiler
):
    mapping_class = PortailOpenSearch3Mapping


class PortailOpenSearch3AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    mapping_class = PortailOpenSearch3Mapping


class PortailOpenSearch3SearchResults(EngineFacetedResultsMixin, OpenSearch3SearchResults):
    pass


class PortailOpenSearch3SearchBackend(
    LanguageBackendMixin, BulkLoadingMixin, EnsuredIndexMixin, OpenSearch3SearchBackend
):
    mapping_class = PortailOpenSearch3Mapping
    query_compiler_class = PortailOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = PortailOpenSearch3AutocompleteQueryCompiler
    results_class = PortailOpenSearch3SearchResults


SearchBackend = PortailOpenSearch3SearchBackend

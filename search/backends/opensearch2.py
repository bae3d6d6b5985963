"""Wagtail's `opensearch2` backend with facet counts in the same request as the
results, English documents analysed in English and bulk-loading rebuilds."""

from modelsearch.backends.opensearch2 import (
    OpenSearch2AutocompleteQueryCompiler,
    OpenSearch2Mapping,
    OpenSearch2SearchBackend,
    OpenSearch2SearchQueryCompiler,
    OpenSearch2SearchResults,
)

from .engines import (
    BulkLoadingMixin,
    EngineFacetedResultsMixin,
    EnsuredIndexMixin,
    StoredResultMappingMixin,
    WordQueryCompilerMixin,
)
from .languages import LanguageBackendMixin, LanguageMappingMixin, LanguageQueryCompilerMixin


class PortailOpenSearch2Mapping(StoredResultMappingMixin, LanguageMappingMixin, OpenSearch2Mapping):
    pass


class PortailOpenSearch2SearchQueryCompiler(
    WordQueryCompilerMixin, LanguageQueryCompilerMixin, OpenSearch2SearchQueryCompiler
):
    mapping_class = PortailOpenSearch2Mapping


class PortailOpenSearch2AutocompleteQueryCompiler(OpenSearch2AutocompleteQueryCompiler):
    mapping_class = PortailOpenSearch2Mapping


class PortailOpenSearch2SearchResults(EngineFacetedResultsMixin, OpenSearch2SearchResults):
    pass


class PortailOpenSearch2SearchBackend(
    LanguageBackendMixin, BulkLoadingMixin, EnsuredIndexMixin, OpenSearch2SearchBackend
):
    mapping_class = PortailOpenSearch2Mapping
    query_compiler_class = PortailOpenSearch2SearchQueryCompiler
    autocomplete_query_compiler_class = PortailOpenSearch2AutocompleteQueryCompiler
    results_class = PortailOpenSearch2SearchResults


SearchBackend = PortailOpenSearch2SearchBackend

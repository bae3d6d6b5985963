"""The embedded backend on PostgreSQL: Wagtail's full-text backend with the
``portail_french`` text search configuration (French stemming, stop words and
accent folding, created by search's migration) and facet counts."""

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchResults

from .faceting import DatabaseFacetedResultsMixin

TEXT_SEARCH_CONFIG = "portail_french"


class PortailPostgresSearchResults(DatabaseFacetedResultsMixin, PostgresSearchResults):
    pass


class PortailPostgresSearchBackend(PostgresSearchBackend):
    results_class = PortailPostgresSearchResults

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": TEXT_SEARCH_CONFIG, **params})

"""The embedded default: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND":
"search.backends.database"}}`` picks the variant for the database in use."""

from django.db import connection

from .postgres import PortailPostgresSearchBackend
from .sqlite import PortailSQLiteSearchBackend


def PortailDatabaseSearchBackend(params):
    if connection.vendor == "postgresql":
        return PortailPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        return PortailSQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)


SearchBackend = PortailDatabaseSearchBackend

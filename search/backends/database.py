"""The embedded default: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND":
"search.backends.database"}}`` picks the variant for the database in use."""

from django.db import connection


def PortailDatabaseSearchBackend(params):
    # Each backend's module is imported only on its own database: the SQLite one
    # needs a model that exists only there.
    if connection.vendor == "postgresql":
        from .postgres import PortailPostgresSearchBackend  # noqa: PLC0415

        return PortailPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import PortailSQLiteSearchBackend  # noqa: PLC0415

        return PortailSQLiteSearchBackend(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend  # noqa: PLC0415

    return DatabaseSearchBackend(params)


SearchBackend = PortailDatabaseSearchBackend

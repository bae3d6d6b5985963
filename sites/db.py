"""Statements prepared by PostgreSQL, for the queries every page runs.

Django binds query parameters in the client (psycopg's ``ClientCursor``), so
PostgreSQL parses and plans every statement again, and a listing's joins take
longer to plan than to run. The queries of a page's hot path run inside
``prepared_statements()``: their parameters are bound by the server, and psycopg
prepares a statement on the connection from its ``DATABASE_PREPARE_THRESHOLD``-th
run (see ``portail.settings.base``), so that it is planned once per connection.

Only those queries: server-side binding is not valid for every query Django
writes (a parameter both selected and ordered on, as Wagtail's Site manager
orders sites, makes a SELECT DISTINCT fail), and a client cursor never prepares.
Elsewhere, and on SQLite, nothing changes."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def prepared_statements():
    """Send the queries run inside with server-side binding (see above). Also a
    decorator, ``@prepared_statements()``: the function must evaluate its
    querysets before it returns."""
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        yield
        return
    # PostgreSQL's backend module needs psycopg, which the embedded default lacks.
    from django.db.backends.postgresql.base import ServerBindingCursor  # noqa: PLC0415

    connection.ensure_connection()
    raw = connection.connection
    previous = raw.cursor_factory
    raw.cursor_factory = ServerBindingCursor
    try:
        yield
    finally:
        raw.cursor_factory = previous

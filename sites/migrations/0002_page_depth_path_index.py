"""An index for the page-tree queries every page runs on PostgreSQL.

Wagtail finds a portal's sections and its agenda, veille and library pages with
``depth = N AND path LIKE '<home path>%'``; Django writes the prefix test on
``path::text``, which Wagtail's own path indexes cannot serve, so PostgreSQL
walked every page (3 ms per query at 10,000 resources). This expression index
answers them in a range scan. SQLite needs no such index at demo scale."""

from django.db import migrations

INDEX = "portail_page_depth_path_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, (path::text) text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]

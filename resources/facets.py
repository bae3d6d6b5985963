"""The filter choices of a resource listing, counted in one statement.

A listing offers the resource types and the most used tags among its resources.
Both are counted over the same set of resources (a range of the listing index),
computed once in a common table expression, and both counts, with the names and
slugs the filters show, come back from a single query."""

from dataclasses import dataclass

from django.db import connections

from .models import ResourcePage, ResourceType

TOP_TAGS = 20


@dataclass
class Facets:
    type_counts: dict  # resource type id (None: no type) -> resources, all locales
    types: list  # ResourceType of the listing's locale, by name
    tags: list  # the most used tags, most used first, each with ``uses``


def _sql(listed_sql, tagged_sql):
    tag_table = ResourcePage.tags.through.tag_model()._meta.db_table
    type_table = ResourceType._meta.db_table
    # Each row: kind, id, name, slug, locale id, count, rank (types by name, tags
    # by decreasing count then name).
    # Rows are counted by id first, and names joined to the counts: a listing
    # has thousands of (resource, tag) rows but a few dozen distinct tags.
    return f"""
        WITH listed (resource_id, type_id) AS ({listed_sql}),
        tagged (tag_id) AS ({tagged_sql})
        SELECT 'type', counted.type_id, rt.name, rt.slug, rt.locale_id, counted.uses, 0
        FROM (SELECT type_id, COUNT(*) AS uses FROM listed GROUP BY type_id) counted
        LEFT JOIN {type_table} rt ON rt.id = counted.type_id
        UNION ALL
        SELECT 'tag', top_tags.id, top_tags.name, top_tags.slug, NULL, top_tags.uses, -top_tags.uses
        FROM (
            SELECT tag.id AS id, tag.name AS name, tag.slug AS slug, counted.uses AS uses
            FROM (SELECT tag_id, COUNT(*) AS uses FROM tagged GROUP BY tag_id) counted
            INNER JOIN {tag_table} tag ON tag.id = counted.tag_id
            ORDER BY uses DESC, tag.name
            LIMIT {TOP_TAGS}
        ) top_tags
        ORDER BY 1 DESC, 7, 3
    """


def _compiled(queryset):
    return queryset.order_by().query.get_compiler(using=queryset.db).as_sql()


def listing_facets(listed, tagged, locale_id):
    """Types and top tags of a listing, in one query: ``listed`` is a queryset of
    its (resource id, resource type id) pairs, ``tagged`` of its resources' tag
    ids (one row per resource and tag)."""
    tag_model = ResourcePage.tags.through.tag_model()
    listed_sql, listed_params = _compiled(listed)
    tagged_sql, tagged_params = _compiled(tagged)
    with connections[listed.db].cursor() as cursor:
        cursor.execute(_sql(listed_sql, tagged_sql), (*listed_params, *tagged_params))
        rows = cursor.fetchall()
    facets = Facets(type_counts={}, types=[], tags=[])
    for kind, pk, name, slug, row_locale_id, count, _rank in rows:
        if kind == "type":
            facets.type_counts[pk] = count
            if pk is not None and row_locale_id == locale_id:
                facets.types.append(ResourceType(pk=pk, name=name, slug=slug, locale_id=row_locale_id))
        else:
            tag = tag_model(pk=pk, name=name, slug=slug)
            tag.uses = count
            facets.tags.append(tag)
    return facets

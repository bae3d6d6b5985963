"""Result pages with facet counts, shared by the database backends and the
fallback search: one page of objects, the total, and the count of each facet
token among all matching documents, computed with ORM aggregates."""

from functools import reduce
from operator import or_

from django.db.models import Count, Q

# Every document has exactly one "kind:" token, so the kind counts add up to the
# total: the grouped query gives both, without a separate COUNT.
TOTAL_PREFIX = "kind"


def queryset_faceted_page(queryset, offset, limit, prefixes):
    objects = list(queryset[offset : offset + limit])
    if not objects and offset == 0:
        return objects, 0, {}
    grouped = {*prefixes, TOTAL_PREFIX}
    # Grouped from the search queryset itself (one join to the tokens), so that
    # backends adding raw SQL to it keep their table names.
    wanted = reduce(or_, (Q(facet_values__token__startswith=f"{prefix}:") for prefix in grouped))
    rows = queryset.filter(wanted).order_by().values_list("facet_values__token").annotate(count=Count("pk"))
    counts = dict(rows)
    total = sum(count for token, count in counts.items() if token.startswith(f"{TOTAL_PREFIX}:"))
    shown = tuple(f"{prefix}:" for prefix in prefixes)
    return objects, total, {token: count for token, count in counts.items() if token.startswith(shown)}


class DatabaseFacetedResultsMixin:
    """Adds ``faceted_page`` to a database backend's search results."""

    def faceted_page(self, offset, limit, prefixes):
        queryset = self.query_compiler.search(self.query_compiler.get_config(self.backend), None, None)
        return queryset_faceted_page(queryset, offset, limit, prefixes)

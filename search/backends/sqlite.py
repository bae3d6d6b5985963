"""The embedded backend on SQLite FTS5, with French analysis and a single join.

Wagtail's SQLite backend scores each matching row with a correlated subquery that
re-runs the FTS match, so its cost grows with the square of the matches. Here the
FTS table is joined once and ``bm25()`` is read from that join. Text is analysed in
Python (``search.analysis``) before it reaches FTS5, at index and at query time.
"""

from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..analysis import DEFAULT_LANGUAGE, LANGUAGES, analysed_text, autocomplete_terms, query_terms
from .faceting import DatabaseFacetedResultsMixin
from .keys import has_integer_pk
from .weights import TITLE_WEIGHT, weighted_body

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
FTSEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)

# bm25() weights, in the FTS table's column order: autocomplete, body, title.
BM25_WEIGHTS = f"0.0, 1.0, {TITLE_WEIGHT}"


class AnalysedIndexer(ObjectIndexer):
    """Stores analysed terms (folded, stemmed) rather than raw text."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = getattr(obj, "search_language", None) or DEFAULT_LANGUAGE

    def body_text(self):
        """Every searchable field but the title, each as many times as its boost."""
        return weighted_body(pair for field in self.search_fields for pair in self.prepare_field(self.obj, field))

    def analysed(self):
        return (
            analysed_text(ObjectIndexer.title.func(self), self.language),
            " ".join(autocomplete_terms(ObjectIndexer.autocomplete.func(self))),
            analysed_text(self.body_text(), self.language),
        )


class PortailSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_pk = get_content_type_pk(model)
        rows = {}
        for obj in objs:
            indexer = AnalysedIndexer(obj, self.backend)
            rows[indexer.id] = indexer.analysed()
        if not rows:
            return
        existing = dict(
            self.entries.filter(content_type_id=content_type_pk, object_id__in=list(rows)).values_list(
                "object_id", "pk"
            )
        )
        entries = [
            IndexEntry(
                pk=existing.get(object_id),
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in rows.items()
        ]
        IndexEntry.objects.bulk_update(
            [entry for entry in entries if entry.pk], ["title", "autocomplete", "body"], batch_size=500
        )
        IndexEntry.objects.bulk_create([entry for entry in entries if not entry.pk], batch_size=500)
        self._refresh_title_norms()


def _quote(term, prefix=False):
    return f'"{term}"*' if prefix else f'"{term}"'


class PortailSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def term_groups(self, text, languages=LANGUAGES):
        return [[_quote(stem) for stem in sorted(stems)] for stems in query_terms(text, languages)]

    def fts_expression(self, query):
        """The FTS5 query string for ``query``: "" when it has no searchable word
        (it matches nothing), None when the stock compiler should handle it
        (negations, match-all). Every term is quoted: nothing typed by a reader
        reaches FTS5 unquoted (``search.query``)."""
        if isinstance(query, PlainText):
            groups = self.term_groups(query.query_string)
            joiner = " AND " if query.operator.upper() == "AND" else " OR "
            return joiner.join("(" + " OR ".join(group) + ")" for group in groups)
        if isinstance(query, Phrase):
            words = [group[0].strip('"') for group in self.term_groups(query.query_string, (DEFAULT_LANGUAGE,))]
            return '"' + " ".join(words) + '"' if words else ""
        if isinstance(query, (And, Or)):
            parts = [self.fts_expression(subquery) for subquery in query.subqueries]
            if None in parts:
                return None
            return (" AND " if isinstance(query, And) else " OR ").join(f"({part})" for part in parts if part)
        return None

    def search(self, config, start, stop, score_field=None):
        expression = self.fts_expression(self.query)
        if expression is None:
            return super().search(config, start, stop, score_field=score_field)
        if not expression:
            return self.queryset.none()
        model = self.queryset.model
        entries, fts = IndexEntry._meta.db_table, FTSEntry._meta.db_table
        pk_column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
        if has_integer_pk(model):
            join = f"{pk_column} = CAST({entries}.object_id AS INTEGER)"
        else:
            join = f"{entries}.object_id = {pk_column}"
        content_types = list(get_descendants_content_types_pks(model))
        columns = " ".join(self.fields or self.FTS_TABLE_FIELDS)
        score_name = score_field or "_score"
        queryset = self.queryset.extra(
            select={score_name: f"bm25({fts}, {BM25_WEIGHTS})"},
            tables=[entries, fts],
            where=[
                f"{fts} MATCH %s",
                f"{fts}.rowid = {entries}.id",
                # The unary + keeps SQLite from driving the join by this index:
                # the FTS match must come first, or it is re-run for every entry.
                f"+{entries}.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
                join,
            ],
            params=[f"{{{columns}}} : ({expression})", *content_types],
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(score_name, "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class PortailSQLiteAutocompleteQueryCompiler(PortailSQLiteQueryCompiler, SQLiteAutocompleteQueryCompiler):
    """Completes the last word typed: folded words, no stemming, prefix match."""

    def term_groups(self, text, languages=LANGUAGES):
        terms = autocomplete_terms(text)
        return [[_quote(term, prefix=index == len(terms) - 1)] for index, term in enumerate(terms)]


class PortailSQLiteSearchResults(DatabaseFacetedResultsMixin, SQLiteSearchResults):
    pass


class PortailSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = PortailSQLiteIndex
    query_compiler_class = PortailSQLiteQueryCompiler
    autocomplete_query_compiler_class = PortailSQLiteAutocompleteQueryCompiler
    results_class = PortailSQLiteSearchResults

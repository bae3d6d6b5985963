"""The embedded backend on PostgreSQL, with the analysis of ``search.analysis``
and a single scoring join.

Text is analysed in Python before it reaches PostgreSQL, at index and at query
time, as on SQLite: folded, stemmed in the document's language (French or English
Snowball), acronyms kept. The terms are stored as ``simple`` tsvectors; the body
vector holds every term (title included), so that one GIN-indexed ``@@`` on it
finds the matches, and the index entries are joined once: Wagtail's backend
matches the concatenation of two vectors, which no index can serve, and ranks
every row of the table. The plain body text Wagtail keeps for fuzzy search, which
the portal does not use, is not stored.
"""

import math
import re

from django.db import connections
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.index import AutocompleteField
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..analysis import DEFAULT_LANGUAGE, LANGUAGES, analysed_text, autocomplete_terms, query_terms
from .faceting import DatabaseFacetedResultsMixin
from .keys import has_integer_pk
from .weights import TITLE_WEIGHT, weighted_body

TEXT_SEARCH_CONFIG = "simple"


class AnalysedIndexer(ObjectIndexer):
    """An index entry's values: analysed terms in the object's language."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.language = getattr(obj, "search_language", None) or DEFAULT_LANGUAGE

    def autocomplete_text(self):
        return " ".join(
            value
            for field in self.search_fields
            for current, _boost, value in self.prepare_field(self.obj, field)
            if isinstance(current, AutocompleteField)
        )

    def weighted_body_text(self):
        """Every searchable field but the title, each as many times as its boost."""
        return weighted_body(
            (current, value)
            for field in self.search_fields
            for current, _weight, value in self.prepare_field(self.obj, field)
        )

    def row(self):
        title = analysed_text(self.title_text, self.language)
        body = analysed_text(self.weighted_body_text(), self.language)
        autocomplete = " ".join(autocomplete_terms(self.autocomplete_text()))
        return [self.id, title, autocomplete, f"{title} {body}", self.title_text]


class PortailPostgresIndex(PostgresIndex):
    INSERT_BATCH = 1000

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        rows = [AnalysedIndexer(obj, self.backend).row() for obj in objs]
        if not rows:
            return
        content_type_pk = get_content_type_pk(model)
        vector = f"to_tsvector('{TEXT_SEARCH_CONFIG}', %s)"
        with self.write_connection.cursor() as cursor:
            # Batches stay well under PostgreSQL's 65,535 parameters per statement.
            for start in range(0, len(rows), self.INSERT_BATCH):
                batch = rows[start : start + self.INSERT_BATCH]
                values = ", ".join([f"(%s, %s, {vector}, {vector}, {vector}, 1.0, %s, '')"] * len(batch))
                cursor.execute(
                    f"""
                    INSERT INTO {IndexEntry._meta.db_table}
                        (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                    VALUES {values}
                    ON CONFLICT (content_type_id, object_id)
                    DO UPDATE SET title = EXCLUDED.title, autocomplete = EXCLUDED.autocomplete,
                                  body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = ''
                    """,
                    [value for row in batch for value in [content_type_pk, *row]],
                )


# BM25's parameters, the engines' and SQLite's defaults.
BM25_K1 = 1.2
BM25_B = 0.75
LEXEME_RE = re.compile(r"'([^']+)'")


def _lexeme(term, prefix=False):
    return f"'{term}':*" if prefix else f"'{term}'"


class PortailPostgresQueryCompiler(PostgresSearchQueryCompiler):
    VECTOR_COLUMN = "body"

    def term_groups(self, text, languages=LANGUAGES):
        return [[_lexeme(stem) for stem in sorted(stems)] for stems in query_terms(text, languages)]

    def tsquery(self, query):
        """The tsquery text for ``query``: "" when it has no searchable word (it
        matches nothing), None when the stock compiler should handle it
        (negations, match-all, fuzzy). Every term is quoted: nothing typed by a
        reader reaches ``to_tsquery`` unquoted (``search.query``)."""
        if isinstance(query, PlainText):
            groups = self.term_groups(query.query_string)
            joiner = " & " if query.operator.lower() == "and" else " | "
            return joiner.join("(" + " | ".join(group) + ")" for group in groups)
        if isinstance(query, Phrase):
            words = [group[0] for group in self.term_groups(query.query_string, (DEFAULT_LANGUAGE,))]
            return " <-> ".join(words)
        if isinstance(query, (And, Or)):
            parts = [self.tsquery(subquery) for subquery in query.subqueries]
            if None in parts:
                return None
            return (" & " if isinstance(query, And) else " | ").join(f"({part})" for part in parts if part)
        return None

    def clauses(self, query):
        """The tsqueries of ``query``'s words (or synonyms, or phrases), scored apart."""
        subqueries = query.subqueries if isinstance(query, (And, Or)) else [query]
        return [found for found in map(self.tsquery, subqueries) if found]

    def statistics(self, clauses, content_types):
        """BM25's figures for ``clauses``: the entries searched, the average length
        of the body vectors of those matching any clause, and how many match each
        clause; in one query."""
        entries = IndexEntry._meta.db_table
        in_types = f"content_type_id IN ({', '.join(['%s'] * len(content_types))})"
        matches = ", ".join(
            f"COUNT(*) FILTER (WHERE body @@ to_tsquery('{TEXT_SEARCH_CONFIG}', %s))" for _clause in clauses
        )
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM {entries} WHERE {in_types}), AVG(length(body)), {matches}"
                f" FROM {entries} WHERE {in_types} AND body @@ to_tsquery('{TEXT_SEARCH_CONFIG}', %s)",
                [*content_types, *clauses, *content_types, " | ".join(f"({clause})" for clause in clauses)],
            )
            total, length, *found = cursor.fetchone()
        return float(length or 1), [math.log(1 + (total - count + 0.5) / (count + 0.5)) for count in found]

    def score(self, content_types):
        """The SQL and parameters of an entry's relevance: BM25 as SQLite's
        ``bm25()`` computes it (``ts_rank`` knows neither how rare a word is nor how
        often a document says it). A clause's frequency in an entry counts the
        positions of its terms (any stem of a word, in any language) in the body
        vector, which holds the title, plus ``TITLE_WEIGHT - 1`` times those in the
        title; the length is the body vector's, the average that of the entries
        matching the query."""
        clauses = self.clauses(self.query)
        length, idf = self.statistics(clauses, content_types)
        lexemes, indexes, weights = [], [], []
        for index, (clause, weight) in enumerate(zip(clauses, idf)):
            for lexeme in dict.fromkeys(LEXEME_RE.findall(clause)):
                lexemes.append(lexeme)
                indexes.append(index)
                weights.append(weight)
        entries = IndexEntry._meta.db_table
        sql = (
            f"(SELECT COALESCE(SUM(t.idf * t.tf * {BM25_K1 + 1} / (t.tf + {BM25_K1} * ({1 - BM25_B} + {BM25_B} * "
            f"length({entries}.body) / %s))), 0)"
            f" FROM (SELECT q.idf, SUM(COALESCE(array_length(u.positions, 1), 1) * u.weight) AS tf"
            f" FROM (SELECT lexeme, positions, 1 AS weight FROM unnest({entries}.body)"
            f" UNION ALL SELECT lexeme, positions, {TITLE_WEIGHT - 1} FROM unnest({entries}.title)) AS u"
            f" JOIN unnest(%s::text[], %s::int[], %s::float8[]) AS q(lexeme, clause, idf) ON q.lexeme = u.lexeme"
            f" GROUP BY q.clause, q.idf) AS t)"
        )
        return sql, [length, lexemes, indexes, weights]

    def search(self, config, start, stop, score_field=None, backend=None):
        tsquery = self.tsquery(self.query)
        if tsquery is None:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        if not tsquery:
            return self.queryset.none()
        model = self.queryset.model
        entries = IndexEntry._meta.db_table
        pk_column = f'"{model._meta.db_table}"."{model._meta.pk.column}"'
        content_types = list(get_descendants_content_types_pks(model))
        query_sql = f"to_tsquery('{TEXT_SEARCH_CONFIG}', %s)"
        score_name = score_field or "_score"
        score, score_params = self.score(content_types) if self.order_by_relevance else ("0", [])
        queryset = self.queryset.extra(
            select={score_name: score},
            select_params=score_params,
            tables=[entries],
            where=[
                f"{entries}.{self.VECTOR_COLUMN} @@ {query_sql}",
                f"{entries}.content_type_id IN ({', '.join(['%s'] * len(content_types))})",
                # Joined on the key, so that matching entries drive the join.
                f"{pk_column} = CAST({entries}.object_id AS BIGINT)"
                if has_integer_pk(model)
                else f"{entries}.object_id = {pk_column}::text",
            ],
            params=[tsquery, *content_types],
        )
        if self.order_by_relevance:
            queryset = queryset.order_by(f"-{score_name}", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class PortailPostgresAutocompleteQueryCompiler(PortailPostgresQueryCompiler, PostgresAutocompleteQueryCompiler):
    """Completes the last word typed: folded words, no stemming, prefix match."""

    VECTOR_COLUMN = "autocomplete"

    def term_groups(self, text, languages=LANGUAGES):
        terms = autocomplete_terms(text)
        return [[_lexeme(term, prefix=index == len(terms) - 1)] for index, term in enumerate(terms)]

    def score(self, content_types):
        """Completions are ranked by how well the words typed so far match."""
        return f"ts_rank({IndexEntry._meta.db_table}.{self.VECTOR_COLUMN}, to_tsquery('{TEXT_SEARCH_CONFIG}', %s))", [
            self.tsquery(self.query)
        ]


class PortailPostgresSearchResults(DatabaseFacetedResultsMixin, PostgresSearchResults):
    pass


class PortailPostgresSearchBackend(PostgresSearchBackend):
    index_class = PortailPostgresIndex
    query_compiler_class = PortailPostgresQueryCompiler
    autocomplete_query_compiler_class = PortailPostgresAutocompleteQueryCompiler
    results_class = PortailPostgresSearchResults

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": TEXT_SEARCH_CONFIG, **params})

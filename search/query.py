"""What a reader types, read by the portal's own tokenizer before any backend sees it.

A search box is not a query language. Whatever was typed (a lone double quote,
brackets, FTS5 or Lucene operators, control characters, a NUL) is read here into
words and quoted phrases, and only these reach a backend, as modelsearch query
objects (``PlainText``, ``Phrase``, ``And``/``Or``) whose words each backend
quotes in its own syntax: no raw string is ever handed to SQLite FTS5,
PostgreSQL's ``to_tsquery`` or OpenSearch. Operators, brackets and punctuation
only separate words; a quote opens a phrase that the next quote closes (an
unclosed one is ignored). A query left with no searchable word (punctuation or
stop words only) matches nothing: ``backend_query`` returns None.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from modelsearch.query import And, Or, Phrase, PlainText

from .analysis import query_terms

MAX_LENGTH = 200
MAX_WORDS = 32
# The quotation marks readers type, French guillemets included.
QUOTES = str.maketrans({mark: '"' for mark in "«»“”„‟"})
# Control characters and line or paragraph separators separate words; format,
# private-use, surrogate and unassigned ones (a soft hyphen, a zero-width space) vanish.
SEPARATORS = {"Cc": " ", "Zl": " ", "Zp": " ", "Zs": " ", "Cf": "", "Co": "", "Cs": "", "Cn": ""}
WORD_RE = re.compile(r"[^\W_]+")
# Operators of the engines' query languages, written as such: separators here.
OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")


def clean(text, max_length=MAX_LENGTH):
    """``text`` without control or unassigned characters (a NUL cannot even be
    stored by PostgreSQL), its spaces collapsed, at most ``max_length`` long: the
    query as it is shown, recorded and saved."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(SEPARATORS.get(unicodedata.category(char), char) for char in text)
    return " ".join(text.split())[:max_length].strip()


def _words(text):
    return [word for word in WORD_RE.findall(text) if word not in OPERATORS]


@dataclass(frozen=True)
class ReaderQuery:
    """The words typed outside quotes and the phrases typed inside them, in order."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def all_words(self):
        return self.words + tuple(word for phrase in self.phrases for word in phrase)

    def backend_query(self, operator="and"):
        """The modelsearch query for a backend, or None when no word is searchable.

        Each searchable word is a clause, and a run of words that is one of the
        field's synonyms (``SYNONYMS_FILE``) is one clause matching any of its
        variants; with ``operator="and"`` every clause must match, with "or" any
        one. Words that analysis drops (stop words) are left out; a phrase keeps its
        words in order, and one of a single searchable word is a word."""
        clauses = _clauses([word for word in self.words if query_terms(word)])
        for phrase in self.phrases:
            searchable = [word for word in phrase if query_terms(word)]
            if len(searchable) == 1:
                clauses.append(PlainText(searchable[0]))
            elif searchable:
                clauses.append(Phrase(" ".join(phrase)))
        if len(clauses) <= 1:
            return clauses[0] if clauses else None
        return And(clauses) if operator == "and" else Or(clauses)


@dataclass(frozen=True)
class Variant:
    words: tuple[str, ...]  # its searchable words
    terms: tuple[frozenset, ...]  # their terms in every language

    def matches(self, terms, start):
        """Whether the query's ``terms`` hold this variant from ``start`` on."""
        end = start + len(self.terms)
        return end <= len(terms) and all(mine & theirs for mine, theirs in zip(self.terms, terms[start:end]))

    def clause(self):
        parts = [PlainText(word) for word in self.words]
        return parts[0] if len(parts) == 1 else And(parts)


@lru_cache(maxsize=1)
def synonym_groups():
    """The groups of ``SYNONYMS_FILE``: for each, its variants."""
    groups = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            variants = []
            for text in line.split(","):
                words = [word for word in _words(text) if query_terms(word)]
                if words:
                    variants.append(Variant(tuple(words), tuple(frozenset(query_terms(word)[0]) for word in words)))
            if len(variants) > 1:
                groups.append(tuple(variants))
    return groups


def _clauses(words):
    """One clause per word, or per run of words that is a synonym."""
    terms = [frozenset(query_terms(word)[0]) for word in words]
    clauses, start = [], 0
    while start < len(words):
        found = [
            (len(variant.terms), group)
            for group in synonym_groups()
            for variant in group
            if variant.matches(terms, start)
        ]
        if found:
            length, group = max(found, key=lambda item: item[0])
            clauses.append(Or([variant.clause() for variant in group]))
            start += length
        else:
            clauses.append(PlainText(words[start]))
            start += 1
    return clauses


def parse(text):
    """The ReaderQuery of ``text`` (cleaned and bounded first)."""
    parts = clean(text).translate(QUOTES).split('"')
    if len(parts) % 2 == 0:
        # An odd number of quotes: the last one opens nothing.
        parts[-2:] = [" ".join(parts[-2:])]
    words, phrases, count = [], [], 0
    for index, part in enumerate(parts):
        found = _words(part)[: MAX_WORDS - count]
        count += len(found)
        if index % 2 and len(found) > 1:
            phrases.append(tuple(found))
        else:
            words.extend(found)
    return ReaderQuery(tuple(words), tuple(phrases))

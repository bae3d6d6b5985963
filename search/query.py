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
        Words that analysis drops (stop words) are left out; a phrase keeps its
        words in order, and one of a single searchable word is a word."""
        words = [word for word in self.words if query_terms(word)]
        phrases = []
        for phrase in self.phrases:
            searchable = [word for word in phrase if query_terms(word)]
            if len(searchable) == 1:
                words.append(searchable[0])
            elif searchable:
                phrases.append(Phrase(" ".join(phrase)))
        parts = ([PlainText(" ".join(words), operator=operator)] if words else []) + phrases
        if len(parts) <= 1:
            return parts[0] if parts else None
        return And(parts) if operator == "and" else Or(parts)


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

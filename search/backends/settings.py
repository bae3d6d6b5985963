"""WAGTAILSEARCH_BACKENDS from the environment, called by ``sites/settings/base.py``.

- Without SEARCH_URL: the embedded database backend (SQLite FTS5 or PostgreSQL full
  text) with French analysis, see ``search.backends.database``.
- With SEARCH_URL and SEARCH_BACKEND (opensearch2, opensearch3, elasticsearch8,
  elasticsearch9): that engine, with index settings carrying the French analyser
  (the default one) and an English one for English documents
  (``search.backends.languages``).
  The search page falls back to the database documents when the engine is down.
"""

import os

from ..analysis import ACRONYMS

ENGINES = {"opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9"}

# The analyser of English documents (see search.backends.languages).
ENGLISH_ANALYZER = "portail_english"

ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "french_elision": {
                    "type": "elision",
                    "articles_case": True,
                    "articles": ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
                },
                "french_stop": {"type": "stop", "stopwords": "_french_"},
                "portail_acronyms": {"type": "keyword_marker", "keywords": sorted(ACRONYMS)},
                "french_stemmer": {"type": "stemmer", "language": "french"},
                "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "english_stop": {"type": "stop", "stopwords": "_english_"},
                "english_stemmer": {"type": "stemmer", "language": "english"},
            },
            "analyzer": {
                # Used by every text field without an explicit analyser, at index and query time.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "french_elision",
                        "lowercase",
                        "french_stop",
                        "asciifolding",
                        "portail_acronyms",
                        "french_stemmer",
                    ],
                },
                ENGLISH_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "english_possessive",
                        "lowercase",
                        "english_stop",
                        "asciifolding",
                        "portail_acronyms",
                        "english_stemmer",
                    ],
                },
            },
        }
    }
}


def search_backends_from_env(environ=None, index_prefix=None):
    environ = os.environ if environ is None else environ
    url = environ.get("SEARCH_URL", "")
    database = {"BACKEND": "search.backends.database"}
    if not url:
        return {"default": database}
    engine = environ.get("SEARCH_BACKEND", "opensearch2")
    if engine not in ENGINES:
        raise ValueError(f"SEARCH_BACKEND must be one of {', '.join(sorted(ENGINES))}, not {engine!r}.")
    prefix = index_prefix or environ.get("SEARCH_INDEX", "portail") + "_"
    return {
        "default": {
            "BACKEND": f"search.backends.{engine}",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "AUTO_UPDATE": True,
            "INDEX_SETTINGS": ANALYSIS,
        },
    }

"""WAGTAILSEARCH_BACKENDS from the environment, called by ``portail/settings/base.py``.

- Without SEARCH_URL: the embedded database backend (SQLite FTS5 or PostgreSQL full
  text) with French analysis, see ``search.backends.database``.
- With SEARCH_URL and SEARCH_BACKEND (opensearch2, opensearch3, elasticsearch8,
  elasticsearch9): that engine, with index settings carrying the French analyser
  (the default one) and an English one for English documents
  (``search.backends.languages``).
  The search page falls back to the database documents when the engine is down.
"""

import os

from ..analysis import CHAINS

ENGINES = {"opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9"}

# The analyser of English documents (see search.backends.languages); the French
# one is the index's default, used by every text field without an analyser of its own.
ENGLISH_ANALYZER = "portail_english"
ANALYZER_NAMES = {"fr": "default", "en": ENGLISH_ANALYZER}


def chain_analyzer(chain):
    """The engine's analyser and its filters for ``chain`` (search.analysis.CHAINS):
    the same steps, in the same order, as the Python analyser."""
    name = chain.language
    filters = {}
    steps = []
    if chain.elisions:
        filters[f"{name}_elision"] = {"type": "elision", "articles_case": True, "articles": sorted(chain.elisions)}
        steps.append(f"{name}_elision")
    if chain.possessive:
        filters[f"{name}_possessive"] = {"type": "stemmer", "language": "possessive_english"}
        steps.append(f"{name}_possessive")
    steps += ["lowercase", "asciifolding"]
    filters[f"{name}_stop"] = {"type": "stop", "stopwords": sorted(chain.stop_words)}
    filters[f"{name}_acronyms"] = {"type": "keyword_marker", "keywords": sorted(chain.acronyms)}
    filters[f"{name}_stemmer"] = {"type": "snowball", "language": chain.stemmer}
    steps += [f"{name}_stop", f"{name}_acronyms", f"{name}_stemmer"]
    return {"type": "custom", "tokenizer": "standard", "filter": steps}, filters


def index_analysis():
    """The ``analysis`` settings of every index: one analyser per content language."""
    analyzers, filters = {}, {}
    for language, chain in CHAINS.items():
        analyzer, chain_filters = chain_analyzer(chain)
        analyzers[ANALYZER_NAMES[language]] = analyzer
        filters.update(chain_filters)
    return {"filter": filters, "analyzer": analyzers}


ANALYSIS = {"settings": {"analysis": index_analysis()}}


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

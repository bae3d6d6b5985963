"""Text analysis shared by the embedded search backends: the Python twin of the
OpenSearch analyser declared in ``search.backends.settings``.

Both sides of a search go through it: the text of a document when it is indexed
and the words of a query. Steps: lowercase, stop words (elided l', d', qu'… included),
accent folding, then Snowball stemming in the document's language, except for the
field's acronyms (ZAN, PLUi, SCoT…) which are kept as written (lowercased).
"""

import re
import unicodedata
from functools import lru_cache
from itertools import repeat

import Stemmer

ACRONYMS = frozenset(
    word.lower()
    for word in (
        "ZAN", "PLU", "PLUi", "PCAET", "GEMAPI", "SCoT", "ZFE", "SRADDET", "PLH", "PDU", "PDM",
        "EPCI", "CRTE", "ORT", "OPAH", "ANRU", "QPV", "ZNIEFF", "TVB", "SRCE", "PPRI", "ENR",
    )
)

# Elided articles and pronouns (l', d', qu'…) become words of their own when text
# is split on apostrophes; they are dropped as stop words.
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})

FRENCH_STOP_WORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même
    mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
    tu un une vos votre vous c d j l à m n s t y été étée étées étés étant suis es est sommes êtes
    sont serai seras sera serons serez seront serais serait serions seriez seraient étais était
    étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût
    fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons
    aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes
    eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ceci cela
    celà cet cette ici ils les leurs quel quels quelle quelles sans soi""".split()
) | ELISIONS
ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their then
    there these they this to was will with""".split()
)
STOP_WORDS = {"fr": FRENCH_STOP_WORDS, "en": ENGLISH_STOP_WORDS}
STEMMERS = {"fr": "french", "en": "english"}
LANGUAGES = tuple(STEMMERS)
DEFAULT_LANGUAGE = "fr"

WORD_RE = re.compile(r"\w+")


def fold(text):
    """Remove accents: "mobilité" → "mobilite", "îlot" → "ilot"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=None)
def _stemmer(language):
    return Stemmer.Stemmer(STEMMERS.get(language, STEMMERS[DEFAULT_LANGUAGE]))


def words(text):
    """The lowercased words of ``text``."""
    return WORD_RE.findall(text.lower())


@lru_cache(maxsize=200_000)
def analyse_word(word, language=DEFAULT_LANGUAGE):
    """One word as it is stored: folded, then stemmed unless it is an acronym.
    Returns "" for a stop word."""
    if word in STOP_WORDS.get(language, ()):
        return ""
    folded = fold(word)
    if folded in ACRONYMS or folded.isdigit():
        return folded
    return _stemmer(language).stemWord(folded)


def analyse(text, language=DEFAULT_LANGUAGE):
    """The indexed terms of ``text`` in ``language``."""
    return [term for term in map(analyse_word, words(text or ""), repeat(language)) if term]


def analysed_text(text, language=DEFAULT_LANGUAGE):
    return " ".join(analyse(text, language))


def query_terms(query, languages=LANGUAGES):
    """Each query word with its stems in every content language, so that a query
    finds French and English documents alike: [{"mobilit", "mobil"}, …].
    Words that are stop words in any language are dropped."""
    groups = []
    for word in words(query or ""):
        stems = {analyse_word(word, language) for language in languages}
        if "" not in stems:
            groups.append(stems)
    return groups


def autocomplete_terms(text):
    """Folded, unstemmed words, for prefix matching while typing."""
    return [fold(word) for word in words(text or "")]

"""Text analysis, described once and run by every backend.

``CHAINS`` says how the text of each content language becomes index terms. The
same description builds the analysers of the OpenSearch and Elasticsearch indexes
(``search.backends.settings.index_analysis``) and runs here in Python for the
embedded database backends, at index and at query time, so that both find the
same documents for the same words. A test compares the two, token by token, on
the relevance corpus (search/tests/test_relevance.py).

The chain of a language, in order:

1. words, split as the engines' ``standard`` tokenizer does (Unicode word
   boundaries: « l'eau », « aujourd'hui », « 3,5 » or « www.cerema.fr » stay whole);
2. elision (French): « l' », « d' », « qu' »… are taken off the front of a word;
   possessive (English): a trailing « 's » is taken off;
3. lowercase, then accent folding (« é » → « e », « œ » → « oe »), so that
   readers who type without accents find accented text;
4. stop words, compared folded: « à » and « a », « où » and « ou » are both
   dropped, so that a query typed without accents keeps only its meaningful words;
5. stemming (Snowball), except for the field's acronyms, kept as written
   (lowercased): « PLUi » is not « PLU ».
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

ACRONYMS = frozenset(
    word.lower()
    for word in (
        "ZAN",
        "PLU",
        "PLUi",
        "PCAET",
        "GEMAPI",
        "SCoT",
        "ZFE",
        "SRADDET",
        "PLH",
        "PDU",
        "PDM",
        "EPCI",
        "CRTE",
        "ORT",
        "OPAH",
        "ANRU",
        "QPV",
        "ZNIEFF",
        "TVB",
        "SRCE",
        "PPRI",
        "ENR",
        "DSIL",
        "DETR",
        "PPRL",
        "ABF",
        "PCS",
        "LEZ",
        "SUDS",
        "EV",
    )
)

# What the ``asciifolding`` filter of the engines does beyond removing accents
# (typographic apostrophes included: « aujourd’hui » is « aujourd'hui »).
FOLDING = str.maketrans(
    {
        "œ": "oe",
        "æ": "ae",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "ı": "i",
        "ŀ": "l",
        "’": "'",
        "‘": "'",
        "‛": "'",
        "′": "'",
    }
)


def fold(text):
    """Remove accents: "mobilité" → "mobilite", "cœur" → "coeur"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLDING))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _folded(words):
    return frozenset(fold(word) for word in words.split())


FRENCH_ELISIONS = frozenset({"l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"})
# The engines' French list, and the words of readers' questions that documents
# rarely hold (« comment », « pourquoi », « faut »…, last line).
FRENCH_STOP_WORDS = (
    _folded(
        """au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me même
        mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton
        tu un une vos votre vous c d j l à m n s t y été étée étées étés étant suis es est sommes êtes
        sont serai seras sera serons serez seront serais serait serions seriez seraient étais était
        étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût
        fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons
        aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes
        eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ceci cela
        celà cet cette ici ils les leurs quel quels quelle quelles sans soi
        comment pourquoi quand combien quoi faire peut peuvent doit doivent faut près chez vers"""
    )
    | FRENCH_ELISIONS
)
ENGLISH_STOP_WORDS = _folded(
    """a an and are as at be but by for if in into is it no not of on or such that the their then
    there these they this to was will with"""
)


@dataclass(frozen=True)
class Chain:
    """The analysis of one content language (see the module's docstring)."""

    language: str
    stemmer: str  # the Snowball algorithm, as PyStemmer and the engines' ``snowball`` filter name it
    stop_words: frozenset
    elisions: frozenset = frozenset()
    possessive: bool = False
    acronyms: frozenset = ACRONYMS


CHAINS = {
    "fr": Chain("fr", "French", FRENCH_STOP_WORDS, elisions=FRENCH_ELISIONS),
    "en": Chain("en", "English", ENGLISH_STOP_WORDS, possessive=True),
}
LANGUAGES = tuple(CHAINS)
DEFAULT_LANGUAGE = "fr"

APOSTROPHES = "'’"
# A word: letters and digits, joined across an apostrophe, a period, a colon or a
# middle dot between letters, and across a comma, period or semicolon between
# digits, as Unicode word boundaries (UAX #29) and so the engines' tokenizer join them.
TOKEN_RE = re.compile(r"\w+(?:(?:(?<=[^\W\d])['‘’.:·](?=[^\W\d])|(?<=\d)[,.;'‘’](?=\d))\w+)*")
# Numbers that are no digits (« m² », « ½ ») are no part of a word for the
# tokenizer, while Python's ``\w`` takes them: they separate words here.
NOT_DIGITS = dict.fromkeys((code for code in range(0x20000) if unicodedata.category(chr(code)) == "No"), " ")
WORD_RE = re.compile(r"\w+")


def tokens(text):
    """The words of ``text`` as the engines' ``standard`` tokenizer splits it."""
    return TOKEN_RE.findall((text or "").translate(NOT_DIGITS))


def words(text):
    """The lowercased words of ``text``, split at every non-word character (for
    completion and spelling, which compare words as readers see them)."""
    return WORD_RE.findall((text or "").lower())


@cache
def _stemmer(algorithm):
    return Stemmer.Stemmer(algorithm.lower())


def _unelided(token, chain):
    for index, char in enumerate(token):
        if char in APOSTROPHES:
            return token[index + 1 :] if token[:index].lower() in chain.elisions else token
    return token


@lru_cache(maxsize=200_000)
def analyse_word(token, language=DEFAULT_LANGUAGE):
    """One token as it is indexed in ``language`` ("" for a stop word)."""
    chain = CHAINS.get(language) or CHAINS[DEFAULT_LANGUAGE]
    if chain.elisions:
        token = _unelided(token, chain)
    if chain.possessive and len(token) > 2 and token[-2] in APOSTROPHES and token[-1] in "sS":
        token = token[:-2]
    term = fold(token.lower())
    if term in chain.stop_words:
        return ""
    if term in chain.acronyms:
        return term
    return _stemmer(chain.stemmer).stemWord(term)


def analyse(text, language=DEFAULT_LANGUAGE):
    """The indexed terms of ``text`` in ``language``."""
    return [term for term in (analyse_word(token, language) for token in tokens(text)) if term]


def analysed_text(text, language=DEFAULT_LANGUAGE):
    return " ".join(analyse(text, language))


def query_terms(query, languages=LANGUAGES):
    """Each query word with its terms in every content language, so that a query
    finds French and English documents alike: [{"mobilit", "mobil"}, …].
    Words that are stop words in any language are dropped."""
    groups = []
    for token in tokens(query):
        terms = {analyse_word(token, language) for language in languages}
        if "" not in terms:
            groups.append(terms)
    return groups


def autocomplete_terms(text):
    """Folded, unstemmed words, for prefix matching while typing."""
    return [fold(word) for word in words(text)]

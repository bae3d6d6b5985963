"""Helping a reader whose search found nothing.

A search of the page or the API that finds nothing gets a second chance
(``search_with_second_chance``): first the query spelt with the closest words the
reader may see, then, for a query of several words, the documents holding some of
them, best first. The outcome says which one answered, and the page tells the reader.

Close spellings come from the words of
the titles, and of the labels of the domains, tags, sources… of the documents this
reader may see in the scope searched, so that no word of a community they may not
read (its name, its questions' titles, their tags) is ever suggested. The suggested
query must itself find something for them.

Vocabularies are cached per scope (a portal or all portals), language and audience,
the public one shared by every reader; a member's is the union of the public one
and those of their restricted communities."""

import difflib
from dataclasses import replace

from django.core.cache import cache

from .analysis import fold, words
from .models import FacetLabel
from .query import parse
from .service import TokenFilters, base_queryset, run_search

VOCABULARY_SIZE = 5000  # the most recent documents of an audience in a scope
CACHE_SECONDS = 600
MIN_WORD_LENGTH = 4
CUTOFF = 0.75


def _facet_labels():
    """{token: label} of every facet token, cached; only those of visible documents are used."""
    found = cache.get("search-vocabulary-labels")
    if found is None:
        found = dict(FacetLabel.objects.values_list("token", "label"))
        cache.set("search-vocabulary-labels", found, CACHE_SECONDS)
    return found


def _audience_vocabulary(request, audience):
    """{folded word: word} of the documents of one audience in ``request``'s scope and language."""
    scoped = replace(
        request,
        query="",
        audiences=[audience],
        filters={},
        after=None,
        before=None,
        indexed_after=None,
        include_archived=False,
    )
    rows = base_queryset(scoped, TokenFilters(engine=False)).values_list("title", "facet_tokens")[:VOCABULARY_SIZE]
    labels = _facet_labels()
    texts = []
    for title, tokens in rows:
        texts.append(title)
        texts += [labels[token] for token in tokens.split() if token in labels]
    return {fold(word): word for text in set(texts) for word in words(text) if len(word) >= MIN_WORD_LENGTH}


def _scope_key(request):
    scope = "all" if request.all_portals or request.site is None else request.site.pk
    language = "all" if request.all_languages else request.language
    return f"search-vocabulary:{scope}:{language}"


def vocabulary(request):
    """{folded word: word} of what ``request``'s reader may see in its scope and language."""
    keys = {f"{_scope_key(request)}:{audience}": audience for audience in request.audiences}
    found = cache.get_many(list(keys))
    missing = {key: _audience_vocabulary(request, audience) for key, audience in keys.items() if key not in found}
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    merged = {}
    for part in (*found.values(), *missing.values()):
        merged.update(part)
    return merged


def _corrected(query, known):
    """The query with each unknown word replaced by its closest known word, or ""."""
    changed = False
    corrected = []
    for word in words(query):
        folded = fold(word)
        if folded in known or len(word) < MIN_WORD_LENGTH:
            corrected.append(word)
            continue
        match = difflib.get_close_matches(folded, known, n=1, cutoff=CUTOFF)
        if match:
            corrected.append(known[match[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def search_with_second_chance(request):
    """``run_search(request)``, and when that finds nothing, what a corrected
    spelling finds, or else documents holding some of the words."""
    outcome = run_search(request)
    if outcome.count or not request.query or request.operator != "and":
        return outcome
    corrected = _corrected(request.query, vocabulary(request))
    if corrected:
        retried = run_search(replace(request, query=corrected))
        if retried.count:
            retried.corrected_query = corrected
            return retried
    if len(parse(request.query).all_words) > 1:
        relaxed = run_search(replace(request, operator="or"))
        if relaxed.count:
            relaxed.relaxed = True
            return relaxed
    return outcome

"""Helping a reader whose search found nothing: close spellings from the words of
the portal's own titles and facet labels."""

import difflib

from django.core.cache import cache

from .analysis import fold, words
from .models import FacetLabel, SearchDocument

VOCABULARY_SIZE = 5000
CACHE_SECONDS = 600


def vocabulary(language):
    key = f"search-vocabulary:{language}"
    found = cache.get(key)
    if found is None:
        titles = SearchDocument.objects.filter(language=language).order_by("-date").values_list("title", flat=True)[:VOCABULARY_SIZE]
        labels = FacetLabel.objects.values_list("label", flat=True)[:VOCABULARY_SIZE]
        found = sorted({word for text in [*titles, *labels] for word in words(text) if len(word) > 3})
        cache.set(key, found, CACHE_SECONDS)
    return found


def spelling_suggestion(query, language):
    """The query with each unknown word replaced by its closest known word, or ""."""
    known = vocabulary(language)
    folded = {fold(word): word for word in known}
    changed = False
    corrected = []
    for word in words(query):
        if word in known or fold(word) in folded or len(word) <= 3:
            corrected.append(word)
            continue
        match = difflib.get_close_matches(fold(word), folded, n=1, cutoff=0.75)
        if match:
            corrected.append(folded[match[0]])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""

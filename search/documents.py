"""Keeping search documents in step with the content they describe."""

import itertools

from django.core.cache import cache
from django.db import connection, transaction
from wagtail.search.backends import get_search_backends

from .analysis import analysed_text
from .models import FacetLabel, SearchDocument, SearchFacetValue
from .registry import provider_for, providers

# Facet tokens are "<facet>:<key>"; "in:<site id>" says on which portals a
# document is shown (besides those marked ``all_portals``).
SCOPE_PREFIX = "in"


def document_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def facet_tokens(data):
    """(token, label) pairs for a DocumentData."""
    pairs = [(f"kind:{data.kind}", "")]
    singles = {"type": data.resource_type, "source": data.source, "territory": data.territory}
    pairs += [(f"{name}:{value.key}", value.label) for name, value in singles.items() if value]
    if data.site_id:
        pairs.append((f"portal:{data.site_id}", ""))
    pairs += [(f"domain:{value.key}", value.label) for value in data.domains]
    pairs += [(f"tag:{value.key}", value.label) for value in data.tags]
    if data.date:
        pairs.append((f"year:{data.date.year}", str(data.date.year)))
    pairs += [(f"{SCOPE_PREFIX}:{site_id}", "") for site_id in sorted(set(data.portal_ids))]
    return list(dict(pairs).items())


def build(key, data):
    """An unsaved SearchDocument and its (token, label) pairs."""
    tokens = facet_tokens(data)
    document = SearchDocument(
        key=key,
        kind=data.kind,
        title=data.title[:255],
        summary=data.summary,
        body=data.body,
        search_text=" " + analysed_text(f"{data.title} {data.summary} {data.body}", data.language) + " ",
        url=data.url,
        site_id=data.site_id,
        all_portals=data.all_portals,
        language=data.language,
        date=data.date,
        archived=data.archived,
        audience=data.audience,
        facet_tokens=" ".join(token for token, _label in tokens),
        labels={
            "source": data.source.label if data.source else "",
            "type": data.resource_type.label if data.resource_type else "",
            "territory": data.territory.label if data.territory else "",
            "domains": [value.label for value in data.domains],
        },
    )
    return document, tokens


def sync(obj):
    """Create, update or remove the document of ``obj`` after it changed."""
    provider = provider_for(type(obj))
    if provider is None:
        return
    if not provider.is_searchable(obj):
        remove(obj)
        return
    fresh, tokens = build(document_key(obj), provider.document(obj))
    with transaction.atomic():
        existing = SearchDocument.objects.filter(key=fresh.key).first()
        if existing is not None:
            fresh.pk = existing.pk
            fresh.first_indexed_at = existing.first_indexed_at
        fresh.save()
        fresh.facet_values.all().delete()
        SearchFacetValue.objects.bulk_create(SearchFacetValue(document=fresh, token=token) for token, _label in tokens)
        store_labels(tokens)


def sync_many(objects):
    """``sync`` for many objects of one model at once, in a fixed number of
    queries: for content written in bulk (harvested items). Documents keep their
    id, so the engine overwrites them in place."""
    objects = list(objects)
    if not objects:
        return 0
    provider = provider_for(type(objects[0]))
    keys = [document_key(obj) for obj in objects]
    with transaction.atomic():
        stale = SearchDocument.objects.filter(key__in=keys)
        previous = {key: (pk, first) for key, pk, first in stale.values_list("key", "pk", "first_indexed_at")}
        SearchFacetValue.objects.filter(document__key__in=keys).delete()
        stale.delete()
        pairs = []
        for obj in objects:
            if provider.is_searchable(obj):
                document, tokens = build(document_key(obj), provider.document(obj))
                document.pk, document.first_indexed_at = previous.pop(document.key, (None, document.first_indexed_at))
                pairs.append((document, tokens))
        bulk_store(pairs)
        stored = list(SearchDocument.objects.filter(key__in=keys))
    for backend in get_search_backends(with_auto_update=True):
        for pk, _first in previous.values():  # no longer searchable
            backend.delete(SearchDocument(pk=pk))
        backend.add_bulk(SearchDocument, stored)
    return len(stored)


LABEL_CACHE_PREFIX = "search-label:"
LABEL_CACHE_SECONDS = 600


def cached_labels(tokens):
    """{token: label} for facet tokens, from the cache where it has them (one round
    trip), else from the database; tokens without a label are left out."""
    keys = {f"{LABEL_CACHE_PREFIX}{token}": token for token in tokens}
    found = {keys[key]: label for key, label in cache.get_many(list(keys)).items()}
    missing = [token for token in keys.values() if token not in found]
    if missing:
        stored = dict(FacetLabel.objects.filter(token__in=missing).values_list("token", "label"))
        # Tokens without a label are cached too (as ""), so they are not looked up again.
        cache.set_many(
            {f"{LABEL_CACHE_PREFIX}{token}": stored.get(token, "") for token in missing}, LABEL_CACHE_SECONDS
        )
        found.update(stored)
    return {token: label for token, label in found.items() if label}


def store_labels(tokens):
    labels = {token: label for token, label in tokens if label}
    FacetLabel.objects.bulk_create(
        [FacetLabel(token=token, label=label[:255]) for token, label in labels.items()],
        update_conflicts=True,
        unique_fields=["token"],
        update_fields=["label"],
    )
    cache.delete_many([f"{LABEL_CACHE_PREFIX}{token}" for token, _label in tokens])


def remove(obj):
    for document in SearchDocument.objects.filter(key=document_key(obj)):
        document.delete()


def _copy_facet_values(rows):
    """Insert (document id, token) rows with PostgreSQL's COPY, several times
    faster than an INSERT for the ten or so tokens of every document."""
    table = SearchFacetValue._meta.db_table
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} (document_id, token) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def bulk_store(pairs, batch_size=1000):
    """Insert (SearchDocument, tokens) pairs without per-row signals; callers then
    rebuild the search index (``manage.py update_index``)."""
    pairs = list(pairs)
    documents = SearchDocument.objects.bulk_create([document for document, _tokens in pairs], batch_size=batch_size)
    rows = [(document.pk, token) for document, (_unsaved, tokens) in zip(documents, pairs) for token, _label in tokens]
    if connection.vendor == "postgresql":
        _copy_facet_values(rows)
    else:
        SearchFacetValue.objects.bulk_create(
            [SearchFacetValue(document_id=document_id, token=token) for document_id, token in rows],
            batch_size=batch_size * 10,
        )
    store_labels([pair for _document, tokens in pairs for pair in tokens])
    return len(documents)


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


REBUILD_BATCH = 2000


def _rebuilt(obj, provider, first_indexed):
    """``obj``'s new document, still dated from when it was first indexed."""
    document, tokens = build(document_key(obj), provider.document(obj))
    document.first_indexed_at = first_indexed.get(document.key, document.first_indexed_at)
    return document, tokens


@transaction.atomic
def rebuild_documents():
    """Recompute every document from the registered providers. Returns the count."""
    first_indexed = dict(SearchDocument.objects.values_list("key", "first_indexed_at"))
    SearchFacetValue.objects.all()._raw_delete(SearchFacetValue.objects.db)
    SearchDocument.objects.all()._raw_delete(SearchDocument.objects.db)
    count = 0
    for provider in providers():
        searchable = (
            obj for obj in provider.objects().iterator(chunk_size=REBUILD_BATCH) if provider.is_searchable(obj)
        )
        for batch in batched(searchable, REBUILD_BATCH):
            count += bulk_store(_rebuilt(obj, provider, first_indexed) for obj in batch)
    return count

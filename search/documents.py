"""Keeping search documents in step with the content they describe."""

from django.db import transaction

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
        fresh.save()
        fresh.facet_values.all().delete()
        SearchFacetValue.objects.bulk_create(SearchFacetValue(document=fresh, token=token) for token, _label in tokens)
        store_labels(tokens)


def store_labels(tokens):
    labels = {token: label for token, label in tokens if label}
    FacetLabel.objects.bulk_create(
        [FacetLabel(token=token, label=label[:255]) for token, label in labels.items()],
        update_conflicts=True,
        unique_fields=["token"],
        update_fields=["label"],
    )


def remove(obj):
    for document in SearchDocument.objects.filter(key=document_key(obj)):
        document.delete()


def bulk_store(pairs, batch_size=1000):
    """Insert (SearchDocument, tokens) pairs without per-row signals; callers then
    rebuild the search index (``manage.py update_index``)."""
    pairs = list(pairs)
    documents = SearchDocument.objects.bulk_create([document for document, _tokens in pairs], batch_size=batch_size)
    SearchFacetValue.objects.bulk_create(
        [
            SearchFacetValue(document=document, token=token)
            for document, (_unsaved, tokens) in zip(documents, pairs)
            for token, _label in tokens
        ],
        batch_size=batch_size * 10,
    )
    store_labels([pair for _document, tokens in pairs for pair in tokens])
    return len(documents)


@transaction.atomic
def rebuild_documents():
    """Recompute every document from the registered providers. Returns the count."""
    SearchFacetValue.objects.all()._raw_delete(SearchFacetValue.objects.db)
    SearchDocument.objects.all()._raw_delete(SearchDocument.objects.db)
    count = 0
    for provider in providers():
        count += bulk_store(
            build(document_key(obj), provider.document(obj)) for obj in provider.objects() if provider.is_searchable(obj)
        )
    return count

"""What the OpenSearch and Elasticsearch backends add to Wagtail's: results that
return a page, its total and the facet counts in one request (a terms aggregation
per facet on ``facet_tokens``), shown from what the engine keeps with each
document rather than read back from the database, rebuilds that bulk-load the
new index, and indexes created with their mapping before the first write."""

import re

from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder, ElasticsearchIndexRebuilder
from modelsearch.query import And, Or, Phrase, PlainText

RESULT_FIELD = "_result"


def keeps_results(model):
    """Whether the engine keeps, with each document of ``model``, what a result shows."""
    return hasattr(model, "stored_result")


class StoredResultMappingMixin:
    """Documents of a model with ``stored_result()`` carry its value in ``_result``:
    neither indexed nor analysed (``enabled: false``), and returned with the hits
    (see ``search.hits``). It is all the engine keeps of the document's source:
    nothing reads the rest back (results are found by their indexed fields, and
    indexes are rebuilt from the database), so each hit loads a small source."""

    def get_mapping(self):
        mapping = super().get_mapping()
        if keeps_results(self.model):
            mapping["properties"][RESULT_FIELD] = {"type": "object", "enabled": False}
            mapping["_source"] = {"includes": [RESULT_FIELD]}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if keeps_results(type(obj)):
            document[RESULT_FIELD] = obj.stored_result()
        return document


class WordQueryCompilerMixin:
    """Queries of words (``search.query``) scored as the database backends score them.

    Wagtail compiles an And or Or of words once per searched field and keeps the
    best field (``dis_max``), so that every word must be in one same field and a
    title holding all but one word counts for nothing. Here the tree is kept and
    each word or phrase is matched on every field at once: a document matches when
    each word is somewhere in it, as on the database backends, and scores by its
    best field (title, boost 3; summary, 1.5; the rest) plus a share of the others."""

    TIE_BREAKER = 0.3

    def get_inner_query(self):
        if isinstance(self.query, (And, Or)):
            return self._compile_words(self.query, self.remapped_fields)
        return super().get_inner_query()

    def _compile_words(self, query, fields):
        if isinstance(query, And):
            return {"bool": {"must": [self._compile_words(child, fields) for child in query.subqueries]}}
        if isinstance(query, Or):
            return {
                "bool": {
                    "should": [self._compile_words(child, fields) for child in query.subqueries],
                    "minimum_should_match": 1,
                }
            }
        if isinstance(query, PlainText):
            return self._compile_plaintext_query(query, fields)
        if isinstance(query, Phrase):
            return self._compile_phrase_query(query, fields)
        return self._join_and_compile_queries(query, fields)

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        compiled = super()._compile_plaintext_query(query, fields, boost)
        if "multi_match" in compiled:
            compiled["multi_match"]["tie_breaker"] = self.TIE_BREAKER
        return compiled


class EngineFacetedResultsMixin:
    FACET_SIZE = 50

    # Columns no result shows (the analysed text and the tokens are for the
    # database search): not read when results are read from the database.
    UNSHOWN_FIELDS = ("search_text", "facet_tokens")

    def faceted_request(self, offset, limit, prefixes):
        """The engine request (body and parameters) of ``faceted_page``."""
        compiler = self.query_compiler
        column = compiler.mapping.get_field_column_name(compiler._get_filterable_field("facet_tokens"))
        body = self._get_es_body()
        body["track_total_hits"] = True
        body["aggregations"] = {
            prefix: {"terms": {"field": column, "include": f"{re.escape(prefix)}:.*", "size": self.FACET_SIZE}}
            for prefix in prefixes
        }
        params = {
            "index": self.backend.get_index_for_model(compiler.queryset.model).name,
            "_source": [RESULT_FIELD] if keeps_results(compiler.queryset.model) else False,
            "from_": offset,
            "size": limit,
            self.fields_param_name: "pk",
        }
        return body, params

    def faceted_page(self, offset, limit, prefixes):
        body, params = self.faceted_request(offset, limit, prefixes)
        response = self._backend_do_search(body, **params)
        model = self.query_compiler.queryset.model
        hits = [
            (int(hit["fields"]["pk"][0]), hit.get("_source", {}).get(RESULT_FIELD)) for hit in response["hits"]["hits"]
        ]
        # Documents indexed before their results were kept (an index not yet
        # rebuilt) are read from the database, by key only: the engine applied
        # every filter, and some (a token among facet_tokens) mean something else in SQL.
        missing = [pk for pk, stored in hits if stored is None]
        found = {}
        if missing:
            unshown = [
                name for name in self.UNSHOWN_FIELDS if any(field.name == name for field in model._meta.concrete_fields)
            ]
            found = model._default_manager.defer(*unshown).in_bulk(missing)
        objects = [
            model.from_stored_result(pk, stored) if stored is not None else found[pk]
            for pk, stored in hits
            if stored is not None or pk in found
        ]
        counts = {
            bucket["key"]: bucket["doc_count"]
            for aggregation in response.get("aggregations", {}).values()
            for bucket in aggregation["buckets"]
        }
        return objects, response["hits"]["total"]["value"], counts


class LoadingRebuilderMixin:
    """See ``BulkLoadingMixin``."""

    def start(self):
        index = super().start()
        index.backend.put_index_settings(index, index.backend.LOADING_SETTINGS)
        return index

    def finish(self):
        self.index.backend.put_index_settings(self.index, self.index.backend.configured_index_settings())
        super().finish()


class LoadingRebuilder(LoadingRebuilderMixin, ElasticsearchIndexRebuilder):
    pass


class LoadingAtomicRebuilder(LoadingRebuilderMixin, ElasticsearchAtomicIndexRebuilder):
    pass


class BulkLoadingMixin:
    """Rebuilds load a fresh index in large bulk requests, with refreshes and
    replicas switched off until the index is complete; both are then restored to
    the index settings (or the engine's defaults)."""

    BULK_CHUNK_SIZE = 2000
    LOADING_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0}
    basic_rebuilder_class = LoadingRebuilder
    atomic_rebuilder_class = LoadingAtomicRebuilder

    def bulk(self, client, actions, **kwargs):
        return super().bulk(client, actions, chunk_size=self.BULK_CHUNK_SIZE, **kwargs)

    def put_index_settings(self, index, values):
        body = {"index": values}
        if self.use_new_elasticsearch_api:
            self.es.indices.put_settings(index=index.name, settings=body)
        else:
            self.es.indices.put_settings(index=index.name, body=body)

    def configured_index_settings(self):
        """The loading settings' values once loading is over (None: the engine's default)."""
        configured = self.settings.get("settings", {}).get("index", {})
        return {key: configured.get(key) for key in self.LOADING_SETTINGS}


class EnsuredIndexMixin:
    """Create a missing index with its analysis and mapping before writing to it, so
    that an object saved before the first ``update_index`` never lets the engine guess
    a mapping (text where facets need keywords, no French analysis)."""

    def _ensured_index(self, model):
        index = self.get_index_for_model(model)
        if not index.exists():
            index.put()
            index.add_model(model)
        return index

    def add(self, obj):
        self._ensured_index(type(obj))
        super().add(obj)

    def add_bulk(self, model, obj_list):
        self._ensured_index(model)
        super().add_bulk(model, obj_list)


def _connection_errors():
    # Each engine's client library is imported only when that engine is in use.
    from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError  # noqa: PLC0415

    errors = [OSError, OpenSearchConnectionError]
    try:
        from elastic_transport import ConnectionError as ElasticConnectionError  # noqa: PLC0415
        from elastic_transport import ConnectionTimeout as ElasticConnectionTimeout  # noqa: PLC0415

        errors += [ElasticConnectionError, ElasticConnectionTimeout]
    except ImportError:
        pass
    return tuple(errors)


CONNECTION_ERRORS = _connection_errors()


def engine_unavailable(error):
    """Whether ``error`` means the engine is down or failing (unreachable, timing
    out, answering 5xx), rather than a mistake in the request."""
    status = getattr(error, "status_code", None)
    return isinstance(error, CONNECTION_ERRORS) or (isinstance(status, int) and status >= 500)

"""English documents analysed in English on OpenSearch and Elasticsearch.

Wagtail copies every searchable field of a document into catch-all fields
(``_all_text`` and one per boost), analysed by the index's default analyser, the
French one (``search.backends.settings``). A search document in English puts its
text into English twins of these fields instead (``_all_text_en``…), analysed by
``portail_english``; a query searches the fields of the languages asked for.
"""

from functools import cached_property

from modelsearch.backends.elasticsearchbase import Field

from ..analysis import LANGUAGES
from .settings import ENGLISH_ANALYZER

ENGLISH = "en"
CATCH_ALL = "_all_text"


def english_field(name):
    """``_all_text`` → ``_all_text_en``, ``_all_text_boost_2_0`` → ``_all_text_en_boost_2_0``."""
    return name.replace(CATCH_ALL, f"{CATCH_ALL}_{ENGLISH}", 1)


def has_languages(model):
    return hasattr(model, "search_language")


class LanguageMappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        if has_languages(self.model):
            properties = mapping["properties"]
            for name in [name for name in properties if name.startswith(CATCH_ALL)]:
                properties[english_field(name)] = {"type": "text", "analyzer": ENGLISH_ANALYZER}
        return mapping

    @cached_property
    def copied_fields(self):
        """{column: [catch-all fields]} of the fields Wagtail copies into catch-alls."""
        copied = {}
        for name, field in super().get_mapping()["properties"].items():
            targets = field.get("copy_to")
            if targets:
                copied[name] = [targets] if isinstance(targets, str) else targets
        return copied

    def get_document(self, obj):
        document = super().get_document(obj)
        if getattr(obj, "search_language", None) != ENGLISH:
            return document
        for column, targets in self.copied_fields.items():
            value = document.pop(column, None)
            if not value:
                continue
            for target in targets:
                document.setdefault(english_field(target), []).extend(value if isinstance(value, list) else [value])
        return document


class LanguageQueryCompilerMixin:
    """``languages``: the languages of the documents searched (None: all of them)."""

    def __init__(self, *args, languages=None, **kwargs):
        self.languages = languages or LANGUAGES
        super().__init__(*args, **kwargs)

    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        if fields or not has_languages(self.queryset.model):
            return remapped
        french = remapped if any(language != ENGLISH for language in self.languages) else []
        english = (
            [Field(english_field(field.field_name), field.boost) for field in remapped]
            if ENGLISH in self.languages
            else []
        )
        return french + english


class LanguageBackendMixin:
    """``search(…, languages=[…])`` searches the fields of those languages only."""

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True, languages=None):
        return self._search(
            self.query_compiler_class,
            query,
            model_or_queryset,
            fields=fields,
            operator=operator,
            order_by_relevance=order_by_relevance,
            languages=languages,
        )

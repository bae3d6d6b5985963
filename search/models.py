"""The search document: one denormalised row per visible thing (a resource page, a
harvested item, a community post…), carrying every facet and visibility field so
that one query returns one faceted result list."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from . import hits


class ColumnValueMixin:
    """Reads the value straight from the row's column. These fields are plain
    columns; Wagtail's generic reader also asks the app registry whether taggit is
    installed for every value of every document, a large share of indexing time."""

    def get_value(self, obj):
        return getattr(obj, self.get_attname(type(obj)))


class SearchField(ColumnValueMixin, index.SearchField):
    pass


class AutocompleteField(ColumnValueMixin, index.AutocompleteField):
    pass


class FilterField(ColumnValueMixin, index.FilterField):
    pass


class TokenListField(index.FilterField):
    """Indexes ``facet_tokens`` as an array of keywords in OpenSearch, so that a
    term filter matches any one token."""

    def get_value(self, obj):
        return obj.facet_token_list()


class SearchDocument(index.Indexed, models.Model):
    key = models.CharField(max_length=120, unique=True, help_text="app_label.model:pk of the source object")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    search_text = models.TextField(blank=True, help_text="Analysed terms, for the fallback search.")
    url = models.CharField(max_length=500)
    site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    all_portals = models.BooleanField(default=False)
    language = models.CharField(max_length=8, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    archived = models.BooleanField(default=False)
    audience = models.CharField(max_length=80, blank=True, help_text="Empty for public content.")
    facet_tokens = models.TextField(blank=True, help_text="Space-separated facet and scope tokens.")
    labels = models.JSONField(default=dict, help_text="Display labels: kind, source, type, domains, territory.")
    updated_at = models.DateTimeField(auto_now=True)
    first_indexed_at = models.DateTimeField(
        default=timezone.now,
        db_index=True,
        help_text="When the thing was first found searchable; kept across updates (saved-search alerts).",
    )

    # Engines search the catch-all fields these are copied into (_all_text and its
    # boosted twin), so the fields themselves are not indexed a second time.
    search_fields = [
        # Titles count most, then summaries (search.backends.weights).
        SearchField("title", boost=3, es_extra={"index": False}),
        SearchField("summary", boost=1.5, es_extra={"index": False}),
        SearchField("body", es_extra={"index": False}),
        AutocompleteField("title"),
        FilterField("id"),
        FilterField("kind"),
        FilterField("site"),
        FilterField("all_portals"),
        FilterField("language"),
        FilterField("date"),
        FilterField("archived"),
        FilterField("audience"),
        FilterField("first_indexed_at"),
        TokenListField("facet_tokens"),
    ]

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")

    def __str__(self):
        return self.title

    @property
    def search_language(self):
        """The language the embedded backends stem this document in."""
        return self.language

    def facet_token_list(self):
        return self.facet_tokens.split()

    @property
    def preview(self):
        """The text a result's excerpt is cut from (see ``search.hits``)."""
        return hits.preview_text(self.summary, self.body)

    def stored_result(self):
        return hits.stored_result(self)

    @staticmethod
    def from_stored_result(pk, stored):
        return hits.SearchHit.from_stored(pk, stored)


class SearchFacetValue(models.Model):
    """One facet or scope token of a document, for filtering and counting on the
    database backend."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    token = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "document"], name="unique_search_token_document")]


class FacetLabel(models.Model):
    """What readers see for a facet token, e.g. "domain:mobilites" → "Mobilités"."""

    token = models.CharField(max_length=200, unique=True)
    label = models.CharField(max_length=255)


class PromotedResult(models.Model):
    """A page editors push to the top of one portal's results for a query."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="+")
    query = models.CharField(
        _("recherche"),
        max_length=120,
        help_text=_("Les mots tapés par les lecteurs, sans tenir compte des accents ni des majuscules."),
    )
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    description = models.CharField(_("description"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("résultat mis en avant")
        verbose_name_plural = _("résultats mis en avant")
        ordering = ["site", "query", "sort_order"]

    def __str__(self):
        return f"{self.query} → {self.page}"


class QueryStat(models.Model):
    """How often a query was searched on a portal on one day, and how often an
    anonymous reader of the portal would have found nothing with it (whoever searched:
    a search only restricted content answers counts as finding nothing, so that these
    numbers say no more than a public search does)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    query = models.CharField(max_length=120)
    day = models.DateField()
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(
        default=0, help_text="Searches that would find nothing for an anonymous reader."
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "query", "day"], name="unique_query_stat_day")]
        indexes = [models.Index(fields=["site", "day"])]


class QueryVisitor(models.Model):
    """One visitor who searched a day's query, as a keyed hash of who they are and of
    the portal and query (see ``search.analytics.visitor_key``): popular searches count
    people, not requests, without keeping addresses or linking one visitor's queries.
    Pruned once older than the popular searches' window."""

    stat = models.ForeignKey(QueryStat, on_delete=models.CASCADE, related_name="visitors")
    visitor = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stat", "visitor"], name="unique_query_visitor")]


class SavedSearch(models.Model):
    """A reader's saved search: its query and facets, searched again daily or
    weekly for what is new since the last alert (see ``search.alerts``)."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Chaque jour")
        WEEKLY = "weekly", _("Chaque semaine")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nom de l'alerte"), max_length=120)
    query = models.CharField(_("recherche"), max_length=200, blank=True)
    filters = models.JSONField(
        _("filtres"), default=dict, blank=True, help_text="Facet name → value, as in the search page's query string."
    )
    all_portals = models.BooleanField(_("tous les portails"), default=False)
    language = models.CharField(_("langue"), max_length=8)
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    class Meta:
        verbose_name = _("alerte de recherche")
        verbose_name_plural = _("alertes de recherche")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["frequency", "active"])]

    def __str__(self):
        return self.name

"""Harvest sources, their runs and the items they bring in."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from sites.portal_urls import root_url

from .backends import BACKEND_CHOICES, get_backend

CONFIG_HELP = _(
    "Objet JSON propre au type de source, vide le plus souvent. "
    'Sitemap : {"url_prefix": "https://exemple.fr/ressources/"} ne garde que les pages sous ce préfixe. '
    'OAI-PMH : {"set": "nom-du-lot"}. '
    'Aides-territoires : {"api_token": "votre jeton", "items_per_page": 100, "filters": {…}, '
    '"category_domains": {"Mobilité / transports": "mobilites", "Eau et milieux aquatiques": '
    '["environnement-risques", "mer-littoral"]}}. '
    "« category_domains » range chaque catégorie d'aide (nom complet « Thème|Catégorie », thème seul ou catégorie "
    "seule, "
    "sans tenir compte des majuscules) dans les domaines indiqués par leur identifiant ; "
    "le périmètre de l'aide (région, département…) devient son territoire."
)


class HarvestSource(ClusterableModel):
    """A partner's website or API, harvested on a schedule for one portal."""

    name = models.CharField(_("nom"), max_length=150)
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="harvest_sources"
    )
    backend = models.CharField(_("type de source"), max_length=30, choices=BACKEND_CHOICES)
    url = models.URLField(_("adresse"), max_length=1000)
    config = models.JSONField(_("configuration"), default=dict, blank=True, help_text=CONFIG_HELP)
    interval = models.DurationField(
        _("fréquence"),
        default=timedelta(days=1),
        help_text=_("Intervalle entre deux moissons, par ex. « 1 00:00:00 » pour un jour."),
    )
    active = models.BooleanField(_("active"), default=True)
    default_domains = ParentalManyToManyField(
        "resources.Domain", verbose_name=_("domaines par défaut"), blank=True, related_name="+"
    )
    default_tags = models.CharField(
        _("mots-clés par défaut"), max_length=500, blank=True, help_text=_("Séparés par des virgules.")
    )
    default_resource_type = models.ForeignKey(
        "resources.ResourceType",
        verbose_name=_("type de ressource par défaut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    attribution = models.TextField(_("attribution"), blank=True)
    contact_email = models.EmailField(_("contact de la source"), blank=True)
    shared_with_all = models.BooleanField(
        _("montrer sur tous les portails"), default=False, help_text=_("Réservé aux administrateurs de la plateforme.")
    )
    archive_grace = models.DurationField(
        _("délai avant archivage"),
        default=timedelta(days=7),
        help_text=_("Un élément disparu de la source est archivé après ce délai."),
    )
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)
    cursor = models.CharField(_("curseur incrémental"), max_length=100, blank=True, editable=False)
    document_hash = models.CharField(
        _("empreinte de la dernière liste lue"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "Liste lue lors de la dernière moisson complète et sans erreur : tant qu'elle ne change pas, rien n'est "
            "relu."
        ),
    )
    last_success_at = models.DateTimeField(_("dernière moisson réussie"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("source moissonnée")
        verbose_name_plural = _("sources moissonnées")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_backend(self):
        return get_backend(self.backend)

    def clean(self):
        super().clean()
        if self.backend:
            try:
                self.config = self.get_backend().validate_config(self.config or {})
            except ValidationError as error:
                raise ValidationError({"config": error.messages}) from error

    def save(self, *args, **kwargs):
        """Validate the configuration, and forget what the last run read: after
        an edit (address, configuration, default classification), the next run
        reads the whole source again."""
        if self.backend:
            self.config = self.get_backend().validate_config(self.config or {})
        self.etag = self.last_modified = self.cursor = self.document_hash = ""
        super().save(*args, **kwargs)

    @property
    def default_tag_names(self):
        return [name.strip() for name in self.default_tags.split(",") if name.strip()]

    def shown_on_site_ids(self):
        """The portal that harvests the source and those that accepted its share
        (reads prefetched ``shares`` when there are)."""
        return [self.site_id] + [
            share.site_id for share in self.shares.all() if share.status == HarvestShare.Status.ACCEPTED
        ]


class HarvestShare(models.Model):
    """A source offered to another portal. Its items appear there (listings,
    search, veille inbox) only once an editor of that portal has accepted it;
    they may decline it, or withdraw their consent later."""

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        ACCEPTED = "accepted", _("accepté")
        DECLINED = "declined", _("refusé")

    source = models.ForeignKey(HarvestSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="shares")
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("portail"), on_delete=models.CASCADE, related_name="harvest_shares"
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("partage de source")
        verbose_name_plural = _("partages de sources")
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "site"], name="unique_harvest_share")]

    def __str__(self):
        return f"{self.source} → {self.site}"


class HarvestRun(models.Model):
    """One pass over a source, with its counts and errors."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("planifiée")
        MANUAL = "manual", _("manuelle")
        PREVIEW = "preview", _("aperçu")

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminée")
        DONE_WITH_ERRORS = "done_with_errors", _("terminée avec erreurs")
        FAILED = "failed", _("échouée")

    COUNTERS = ("created", "updated", "unchanged", "skipped", "failed", "archived")

    source = models.ForeignKey(HarvestSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(_("déclenchement"), max_length=20, choices=Trigger.choices, default=Trigger.MANUAL)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    started_at = models.DateTimeField(_("début"), null=True, blank=True)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    created = models.PositiveIntegerField(_("créés"), default=0)
    updated = models.PositiveIntegerField(_("mis à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangés"), default=0)
    skipped = models.PositiveIntegerField(_("ignorés"), default=0)
    failed = models.PositiveIntegerField(_("en erreur"), default=0)
    archived = models.PositiveIntegerField(_("archivés"), default=0)
    errors = models.JSONField(_("erreurs de la moisson"), default=list, blank=True)
    item_errors = models.JSONField(_("erreurs par élément"), default=list, blank=True)
    preview = models.JSONField(_("aperçu"), default=list, blank=True)

    class Meta:
        verbose_name = _("moisson")
        verbose_name_plural = _("moissons")
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.source} · {self.get_status_display()} · {self.started_at or ''}"

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.DONE_WITH_ERRORS, self.Status.FAILED}

    def summary(self):
        return ", ".join(
            f"{counter} {getattr(self, counter)}"
            for counter in ("created", "updated", "unchanged", "failed", "archived")
        )


class HarvestedItemTag(TaggedItemBase):
    content_object = ParentalKey("harvest.HarvestedItem", related_name="tagged_items", on_delete=models.CASCADE)


class HarvestedItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class HarvestedItem(index.Indexed, ClusterableModel):
    """A record brought in from a source, curated by editors, shown on portals."""

    CURATED_FIELDS = ("title", "summary", "domains", "tags", "resource_type", "territory")

    source = models.ForeignKey(HarvestSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items")
    remote_id = models.CharField(_("identifiant distant"), max_length=500)
    url = models.URLField(_("adresse d'origine"), max_length=2000, db_index=True)
    title = models.CharField(_("titre"), max_length=500)
    summary = models.TextField(_("résumé"), blank=True)
    body_html = models.TextField(_("contenu (HTML nettoyé)"), blank=True)
    image_url = models.URLField(_("image"), max_length=2000, blank=True)
    authors = models.CharField(_("auteurs"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), null=True, blank=True)
    language = models.CharField(_("langue"), max_length=12, blank=True)
    domains = ParentalManyToManyField(
        "resources.Domain", verbose_name=_("domaines"), blank=True, related_name="harvested_items"
    )
    tags = ClusterTaggableManager(through=HarvestedItemTag, blank=True, verbose_name=_("mots-clés"))
    resource_type = models.ForeignKey(
        "resources.ResourceType",
        verbose_name=_("type de ressource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    territory = models.ForeignKey(
        "resources.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="harvested_items",
    )
    raw = models.JSONField(_("enregistrement brut"), default=dict, blank=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64, blank=True)
    remote_version = models.CharField(
        _("version distante"), max_length=100, blank=True, help_text=_("Date de modification annoncée par la source.")
    )
    first_seen = models.DateTimeField(_("vu la première fois"), auto_now_add=True)
    last_seen = models.DateTimeField(_("dernière moisson"), null=True, blank=True)
    missing_since = models.DateTimeField(_("absent de la source depuis"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True, db_index=True)
    duplicate_url = models.BooleanField(_("même adresse qu'un élément d'une autre source"), default=False)
    locally_edited_fields = models.JSONField(_("champs modifiés localement"), default=list, blank=True)

    objects = HarvestedItemQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("body_html"),
        index.SearchField("authors"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("domains", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("source"),
        index.FilterField("archived_at"),
        index.FilterField("resource_type"),
        index.FilterField("territory"),
        index.FilterField("language"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("élément moissonné")
        verbose_name_plural = _("éléments moissonnés")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "remote_id"], name="unique_harvested_item_per_source")]

    def __str__(self):
        return self.title

    @property
    def status(self):
        return "archived" if self.archived_at else "active"

    def get_absolute_url(self):
        return reverse("harvest:item", args=[self.pk])

    def get_full_url(self):
        return root_url(self.source.site) + self.get_absolute_url()

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("tags", "domains")

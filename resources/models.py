"""The knowledge library: domains, resource types, territories and resource pages."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager, TranslatableMixin
from wagtail.search import index

from sites.colours import validate_hex_colour
from sites.pages import BasePage
from sites.routing import PageViewMixin

from . import listing_index
from .blocks import BODY_BLOCKS


class Domain(TranslatableMixin, index.Indexed, models.Model):
    """One of the six thematic domains readers navigate."""

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(_("couleur"), max_length=7, default="#1f4e79", validators=[validate_hex_colour])
    icon = models.CharField(
        _("icône"), max_length=40, blank=True, help_text=_("Nom d'une icône Wagtail, par ex. « site ».")
    )
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("domaine")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class ResourceType(TranslatableMixin, models.Model):
    """A kind of resource: guide, fiche technique… Editors may add more."""

    name = models.CharField(_("nom"), max_length=80)
    slug = models.SlugField(_("identifiant"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("type de ressource")
        verbose_name_plural = _("types de ressource")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Territory(models.Model):
    """A territory a resource is about, at a given scale, with its INSEE code."""

    class Scale(models.TextChoices):
        NATIONAL = "national", _("National")
        REGION = "region", _("Région")
        DEPARTEMENT = "departement", _("Département")
        EPCI = "epci", _("Intercommunalité (EPCI)")
        COMMUNE = "commune", _("Commune")
        OTHER = "other", _("Autre périmètre")

    scale = models.CharField(_("échelle"), max_length=20, choices=Scale.choices)
    name = models.CharField(_("nom"), max_length=150)
    insee_code = models.CharField(
        _("code INSEE"),
        max_length=9,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9AB]{2,9}$", _("Un code INSEE ne contient que des chiffres (et A/B pour la Corse)."))
        ],
    )

    panels = [FieldPanel("scale"), FieldPanel("name"), FieldPanel("insee_code")]

    class Meta:
        verbose_name = _("territoire")
        ordering = ["scale", "name"]
        constraints = [models.UniqueConstraint(fields=["scale", "name"], name="unique_territory_scale_name")]

    def __str__(self):
        return f"{self.name} ({self.get_scale_display()})"


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey("resources.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE)


class ResourceIndexPage(PageViewMixin, BasePage):
    """The library of one portal: its resources, newest first."""

    page_view = "resources.page_views.library"
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = _("bibliothèque de ressources")

    def title_in(self, locale):
        with translation.override(locale.language_code):
            return str(_("Ressources"))


class DomainPageManager(PageManager):
    """Domain pages come with their domain and its locale, which the header, the
    listing and ``localized_domain`` all read: Wagtail's routing loads the page
    served through this manager."""

    def get_queryset(self):
        return super().get_queryset().select_related("domain__locale")


class DomainPage(PageViewMixin, BasePage):
    """A domain's landing page on a portal, listing its resources."""

    page_view = "resources.page_views.domain"
    domain = models.ForeignKey(Domain, verbose_name=_("domaine"), on_delete=models.PROTECT, related_name="+")

    objects = DomainPageManager()

    content_panels = BasePage.content_panels + [FieldPanel("domain")]
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page de domaine")

    @property
    def localized_domain(self):
        """The domain in the active language: the page's own domain, unless the
        page shows in another language than its domain's."""
        domain = self.domain
        if domain.locale.language_code == translation.get_language():
            return domain
        return domain.localized

    def title_in(self, locale):
        translated = self.domain.get_translation_or_none(locale)
        return translated.name if translated else self.title


class ResourceDocument(Orderable):
    page = ParentalKey("resources.ResourcePage", related_name="attached_documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]


class ResourcePage(PageViewMixin, BasePage):
    """A resource of the library: guide, study, feedback, tool…"""

    page_view = "resources.page_views.resource"
    body = StreamField(BODY_BLOCKS, blank=True, verbose_name=_("contenu"))
    resource_type = models.ForeignKey(
        ResourceType,
        verbose_name=_("type de ressource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    domains = ParentalManyToManyField(Domain, verbose_name=_("domaines"), blank=True, related_name="resources")
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True, verbose_name=_("mots-clés"))
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    authors = models.CharField(_("auteurs"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    publication_date = models.DateField(_("date de publication"), default=timezone.localdate, db_index=True)
    external_url = models.URLField(_("lien externe"), blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True, default="Licence Ouverte 2.0")
    shared_with_all = models.BooleanField(
        _("partager avec tous les portails"),
        default=False,
        help_text=_("La ressource apparaît aussi dans les listes des autres portails."),
    )
    shared_with = ParentalManyToManyField(
        "wagtailcore.Site", verbose_name=_("partager avec les portails"), blank=True, related_name="shared_resources"
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("resource_type"), FieldPanel("domains"), FieldPanel("tags"), FieldPanel("territory")],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("organisation"),
                FieldPanel("publication_date"),
                FieldPanel("external_url"),
                FieldPanel("licence"),
            ],
            heading=_("Source"),
        ),
        InlinePanel("attached_documents", label=_("documents joints")),
        MultiFieldPanel(
            [FieldPanel("shared_with_all"), FieldPanel("shared_with")], heading=_("Partage entre portails")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("authors"),
        index.SearchField("organisation"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("domains", [index.SearchField("name")]),
        index.FilterField("publication_date"),
        index.FilterField("resource_type"),
        index.FilterField("territory"),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ressource")

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if listing_index.needs_refresh(kwargs.get("update_fields")):
            listing_index.refresh([self.pk])
        return result


class ListingEntry(models.Model):
    """One line of the listing index: ``resource`` is listed on the portal of
    ``site``, in its language, under the domain whose translation key is
    ``domain_key`` ("" for the whole library). Rows exist only for live, public
    resources; ``resources.listing_index`` keeps them as resources, sharing, view
    restrictions and portals change, so that a listing reads one index range
    instead of re-evaluating sharing and visibility on every request."""

    LIBRARY = ""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="listing_entries")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    domain_key = models.CharField(max_length=36, blank=True)
    resource_type = models.ForeignKey(ResourceType, null=True, on_delete=models.SET_NULL, related_name="+")
    publication_date = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "resource", "domain_key"], name="resources_listing_entry_unique"),
        ]
        indexes = [
            # The listing's order; its types are counted from the index alone
            # where the database can include columns (PostgreSQL).
            models.Index(
                fields=["site", "locale", "domain_key", "-publication_date", "-resource"],
                include=["resource_type"],
                name="resources_listing_order_idx",
            ),
        ]

    def __str__(self):
        return f"{self.resource_id} @ {self.site_id} [{self.domain_key or 'library'}]"


class ListingTag(models.Model):
    """A tag of a listed resource, in the same listing as a ``ListingEntry``:
    a listing's most used tags are counted over one index range."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    domain_key = models.CharField(max_length=36, blank=True)
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "resource", "domain_key", "tag"], name="resources_listing_tag_unique"
            ),
        ]
        indexes = [models.Index(fields=["site", "locale", "domain_key", "tag"], name="resources_listing_tag_idx")]

    def __str__(self):
        return f"{self.tag_id} on {self.resource_id} @ {self.site_id} [{self.domain_key or 'library'}]"

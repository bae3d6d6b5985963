"""A portal's branding: its name, logo, colours, theme, footer and featured
content, one setting per Wagtail ``Site``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.snippets.blocks import SnippetChooserBlock

from themes.registry import DEFAULT_THEME, THEME_CHOICES

from .colours import MIN_CONTRAST, contrast_ratio, validate_hex_colour

DEFAULT_PRIMARY = "#1f4e79"
DEFAULT_SECONDARY = "#2e6b30"
WHITE = "#ffffff"


class FooterLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("libellé"), max_length=80)
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "link"


class Compliance(models.TextChoices):
    """A portal's accessibility compliance, in the words the RGAA requires."""

    NONE = "none", _("non conforme")
    PARTIAL = "partial", _("partiellement conforme")
    FULL = "full", _("totalement conforme")


@register_setting(icon="palette")
class PortalBranding(BaseSiteSetting):
    """How one portal looks and what its home page features."""

    select_related = ["logo", "favicon", "social_image"]

    portal_name = models.CharField(_("nom du portail"), max_length=120, blank=True)
    tagline = models.CharField(_("accroche"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("favicon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        default=DEFAULT_PRIMARY,
        validators=[validate_hex_colour],
        help_text=_("Liens, boutons et bandeau. Le texte blanc doit y rester lisible (contraste 4,5:1)."),
    )
    secondary_colour = models.CharField(
        _("couleur secondaire"),
        max_length=7,
        default=DEFAULT_SECONDARY,
        validators=[validate_hex_colour],
        help_text=_("Accents et étiquettes. Le texte blanc doit y rester lisible (contraste 4,5:1)."),
    )
    theme = models.CharField(_("thème"), max_length=20, choices=THEME_CHOICES, default=DEFAULT_THEME)
    footer_text = RichTextField(_("texte du pied de page"), blank=True, features=["bold", "italic", "link"])
    footer_links = StreamField([("link", FooterLinkBlock())], blank=True, verbose_name=_("liens du pied de page"))
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    accessibility_compliance = models.CharField(
        _("conformité au RGAA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.NONE,
        help_text=_(
            "Affichée dans le pied de page de chaque page (« Accessibilité : … »), comme le RGAA l'exige. "
            "« Partiellement » ou « totalement conforme » suppose un audit dont la déclaration d'accessibilité "
            "donne les résultats."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_domains = StreamField(
        [("domain", SnippetChooserBlock("resources.Domain"))], blank=True, verbose_name=_("domaines mis en avant")
    )
    featured_resources = StreamField(
        [("resource", blocks.PageChooserBlock(page_type="resources.ResourcePage"))],
        blank=True,
        verbose_name=_("ressources mises en avant"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("portal_name"), FieldPanel("tagline"), FieldPanel("logo"), FieldPanel("favicon")],
            heading=_("Identité"),
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("primary_colour"), FieldPanel("secondary_colour")],
            heading=_("Apparence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("footer_text"),
                FieldPanel("footer_links"),
                FieldPanel("contact_email"),
                FieldPanel("accessibility_compliance"),
                FieldPanel("social_image"),
            ],
            heading=_("Pied de page et partage"),
        ),
        MultiFieldPanel(
            [FieldPanel("featured_domains"), FieldPanel("featured_resources")],
            heading=_("Page d'accueil"),
        ),
    ]

    class Meta:
        verbose_name = _("identité du portail")
        verbose_name_plural = _("identités des portails")

    def clean(self):
        super().clean()
        errors = {}
        for field in ("primary_colour", "secondary_colour"):
            value = getattr(self, field)
            try:
                validate_hex_colour(value)
            except ValidationError:
                continue  # the field validator reports it
            ratio = contrast_ratio(value, WHITE)
            if ratio < MIN_CONTRAST:
                errors[field] = ValidationError(
                    _(
                        "Contraste insuffisant : le texte blanc sur %(value)s atteint %(ratio).2f:1, "
                        "il faut au moins %(min).1f:1 (WCAG AA). Choisissez une couleur plus foncée."
                    ),
                    params={"value": value, "ratio": ratio, "min": MIN_CONTRAST},
                    code="low_contrast",
                )
        if errors:
            raise ValidationError(errors)

    @property
    def name(self):
        if self.portal_name:
            return self.portal_name
        site = self.site if self.site_id else None
        return (site.site_name if site else "") or _("Portail des territoires")

    def _safe_colour(self, value, default):
        try:
            validate_hex_colour(value)
        except ValidationError:
            return default
        return value

    @property
    def css_primary(self):
        return self._safe_colour(self.primary_colour, DEFAULT_PRIMARY)

    @property
    def css_secondary(self):
        return self._safe_colour(self.secondary_colour, DEFAULT_SECONDARY)

"""The abstract page every page type of the platform builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from themes.registry import template_names


class BasePage(Page):
    """Shared behaviour: a summary used for listing cards and meta description,
    a social-sharing image, and templates picked from the portal's theme."""

    summary = models.TextField(
        _("résumé"),
        blank=True,
        max_length=600,
        help_text=_("Affiché dans les listes et comme description pour les moteurs de recherche."),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de partage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("social_image")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary

    def get_template(self, request, *args, **kwargs):
        from .branding import branding_for_request

        return template_names(branding_for_request(request).theme, self.template)

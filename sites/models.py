"""The white-label layer's models: a portal's home page, and its branding
(``sites.branding``)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .branding import FooterLinkBlock, PortalBranding
from .page_forms import InformationPageForm
from .pages import BasePage

__all__ = ["FooterLinkBlock", "InformationPage", "PortalBranding", "PortalHomePage"]

INFORMATION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ul", "ol", "document-link"]


class PortalHomePage(BasePage):
    """The root page of one portal."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "resources.DomainPage",
        "resources.ResourceIndexPage",
        "communities.CommunityIndexPage",
        "veille.VeilleIndexPage",
        "events.AgendaPage",
        "portals.InformationPage",
    ]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("accueil de portail")

    def get_context(self, request, *args, **kwargs):
        """The home's sections come from the apps: each function registered with
        the ``portal_home_context`` hook adds its part of the context."""
        context = super().get_context(request, *args, **kwargs)
        for section_context in hooks.get_hooks("portal_home_context"):
            context.update(section_context(self, request))
        return context


class InformationPage(BasePage):
    """A page about the portal itself: its legal notice, accessibility statement,
    personal data policy, contact page, or any other page its footer links to.
    The footer finds each one by its kind, one of each per portal and language."""

    class Kind(models.TextChoices):
        LEGAL = "legal", _("Mentions légales")
        ACCESSIBILITY = "accessibility", _("Accessibilité")
        PRIVACY = "privacy", _("Données personnelles")
        CONTACT = "contact", _("Contact")
        OTHER = "other", _("Autre page du pied de page")

    kind = models.CharField(_("rôle dans le pied de page"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    body = RichTextField(_("contenu"), blank=True, features=INFORMATION_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("kind"), FieldPanel("body")]
    base_form_class = InformationPageForm
    parent_page_types = ["portals.PortalHomePage"]
    subpage_types = []
    template = "portals/information_page.html"

    class Meta:
        verbose_name = _("page d'information")
        verbose_name_plural = _("pages d'information")

    def title_in(self, locale):
        if self.kind == self.Kind.OTHER:
            return self.title
        with translation.override(locale.language_code):
            return str(self.Kind(self.kind).label)

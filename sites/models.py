"""The white-label layer's models: a portal's home page, and its branding
(``sites.branding``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .branding import FooterLinkBlock, PortalBranding
from .pages import BasePage

__all__ = ["FooterLinkBlock", "PortalBranding", "PortalHomePage"]


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

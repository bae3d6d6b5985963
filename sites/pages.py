"""The abstract page every page type of the platform builds on."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from themes.registry import template_names

from .db import prepared_statements
from .portal import portal_for


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
        return template_names(portal_for(request).theme, self.template)

    @property
    def localized(self):
        """Wagtail's, without reading the active locale from the database when
        it is the page's own and the page's locale was read with it (as the
        request's portal home is, on every request: Wagtail routes from it)."""
        locale = self._state.fields_cache.get("locale")
        if locale is not None:
            try:
                if locale.language_code == get_supported_content_language_variant(translation.get_language()):
                    return self
            except LookupError:
                pass
        return super().localized

    def route(self, request, path_components):
        """Wagtail's routing, with the pages down the path read in one query
        rather than two per level: the pages whose ``url_path`` extends this
        one's by the path's components, then the last one's specific page (both
        prepared statements, see ``sites.db``). A page type that routes its own
        way (a routable page) is handed the rest of the path, as Wagtail would."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{c}/" for c in path_components[: n + 1]) for n in range(len(path_components))
        ]
        with prepared_statements():
            found = {p.url_path: p for p in Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)}
            chain = []
            for prefix in prefixes:
                page = found.get(prefix)
                if page is None or page.depth != self.depth + len(chain) + 1:
                    break
                chain.append(page)
                if getattr(page.specific_class, "route", None) not in _DEFAULT_ROUTES:
                    break
            target = chain[-1].specific if chain else None
        if target is None:
            return super().route(request, path_components)
        target._cached_parent_obj = chain[-2] if len(chain) > 1 else self
        return target.route(request, path_components[len(chain) :])

    def get_view_restrictions(self):
        """Wagtail's, in one query rather than two: the restrictions on this page
        or an ancestor, an alias being restricted as its source page (Wagtail
        points every alias at the original page)."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        restricted = Page.objects.filter(path__in=paths).annotate(source=Coalesce("alias_of_id", "id")).values("source")
        return PageViewRestriction.objects.filter(page_id__in=restricted)


_DEFAULT_ROUTES = (Page.route, BasePage.route)

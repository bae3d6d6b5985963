"""Admin screens of search: promoted results and query analytics, per portal."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from sites.navigation import Link

from . import admin_views
from .forms import PromotedResultForm
from .models import PromotedResult
from .permissions import editable_sites


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = _("Résultats mis en avant")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["query", "page", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["query"]
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("query"),
            FieldPanel("page"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
        ],
        base_form_class=PromotedResultForm,
    )

    def get_queryset(self, request):
        return PromotedResult.objects.filter(site__in=editable_sites(request.user)).select_related("site", "page")


register_snippet(PromotedResultViewSet)


@hooks.register("register_admin_urls")
def register_analytics_url():
    return [path("recherche/statistiques/", admin_views.query_analytics, name="search_query_analytics")]


@hooks.register("register_reports_menu_item")
def register_analytics_menu_item():
    return MenuItem(_("Recherches des lecteurs"), reverse("search_query_analytics"), icon_name="search", order=900)


@hooks.register("portal_account_links")
def account_links(request):
    """A reader's saved searches, whose new results come by e-mail."""
    if not request.user.is_authenticated:
        return []
    return [Link(_("Mes alertes"), reverse("search_alerts:list"))]

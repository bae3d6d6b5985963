"""Admin screens: sources per portal (with "harvest now" and "preview"), run
history with readable errors, and harvested items as curated snippets."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.models import Domain

from .admin_views import action_view
from .models import HarvestedItem, HarvestRun, HarvestSource
from .permissions import PortalPermissionPolicy

register_permission_policy(HarvestSource, PortalPermissionPolicy(HarvestSource, "site"))
register_permission_policy(HarvestRun, PortalPermissionPolicy(HarvestRun, "source__site"))
register_permission_policy(HarvestedItem, PortalPermissionPolicy(HarvestedItem, "source__site", can_add=False))


def scoped(queryset, user):
    """``queryset`` narrowed to the portals ``user`` manages."""
    return policy_registry.get_by_type(queryset.model).scope(queryset, user)


class ScopedViewMixin:
    """Views that list or open only objects of the user's portals: another
    portal's object is refused (403)."""

    def get_base_queryset(self):
        return scoped(super().get_base_queryset(), self.request.user)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not scoped(self.model._default_manager.filter(pk=obj.pk), self.request.user).exists():
            raise PermissionDenied
        return obj


def sources_of(request):
    """The sources a filter offers: those of the user's portals."""
    return scoped(HarvestSource.objects.all(), request.user) if request else HarvestSource.objects.none()


class SourceEditView(ScopedViewMixin, EditView):
    pass


class SourceDeleteView(ScopedViewMixin, DeleteView):
    pass


class SourceIndexView(ScopedViewMixin, IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(_("Moissonner maintenant"), url=reverse("harvest_sources:harvest_now", args=[instance.pk]), icon_name="download", priority=20),
            ListingButton(_("Aperçu"), url=reverse("harvest_sources:preview", args=[instance.pk]), icon_name="view", priority=21),
            ListingButton(_("Historique"), url=reverse("harvest_runs:index") + f"?source={instance.pk}", icon_name="history", priority=22),
        ]


class HarvestSourceViewSet(ModelViewSet):
    model = HarvestSource
    icon = "download"
    menu_label = _("Sources")
    url_prefix = "harvest/sources"
    name = "harvest_sources"
    index_view_class = SourceIndexView
    edit_view_class = SourceEditView
    delete_view_class = SourceDeleteView
    list_display = ["name", "site", "backend", "active", "last_success_at"]
    list_filter = ["site", "backend", "active"]
    search_fields = ["name", "url"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/harvest/", action_view("harvest"), name="harvest_now"),
            path("<int:pk>/preview/", action_view("preview"), name="preview"),
        ]


class RunIndexView(ScopedViewMixin, IndexView):
    pass


class RunInspectView(ScopedViewMixin, InspectView):
    def get_item_errors_display_value(self):
        errors = self.object.item_errors
        if not errors:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li><code>{}</code> : {}</li>", ((e["remote_id"], e["message"]) for e in errors)))

    def get_errors_display_value(self):
        return format_html_join("", "<p>{}</p>", ((message,) for message in self.object.errors)) or "—"

    def get_preview_display_value(self):
        rows = ((entry["outcome"], entry["url"], entry["title"]) for entry in self.object.preview)
        return format_html("<ul>{}</ul>", format_html_join("", '<li>[{}] <a href="{}">{}</a></li>', rows)) if self.object.preview else "—"


class HarvestRunFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=sources_of)

    class Meta:
        model = HarvestRun
        fields = ["source", "status", "trigger"]


class HarvestRunViewSet(ModelViewSet):
    model = HarvestRun
    icon = "history"
    menu_label = _("Historique des moissons")
    url_prefix = "harvest/runs"
    name = "harvest_runs"
    index_view_class = RunIndexView
    inspect_view_enabled = True
    inspect_view_class = RunInspectView
    inspect_view_fields = ["source", "trigger", "status", "started_at", "finished_at", *HarvestRun.COUNTERS, "errors", "item_errors", "preview"]
    list_display = ["source", "trigger", "status", "started_at", "created", "updated", "unchanged", "failed", "archived"]
    filterset_class = HarvestRunFilterSet
    form_fields = []


class HarvestedItemFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=sources_of)
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=[("active", _("actif")), ("archived", _("archivé"))], method="filter_status"
    )
    domains = django_filters.ModelChoiceFilter(label=_("Domaine"), queryset=Domain.objects.all())

    class Meta:
        model = HarvestedItem
        fields = ["source", "duplicate_url"]

    def filter_status(self, queryset, _name, value):
        return queryset.filter(archived_at__isnull=value == "active")


class OriginalLinkColumn(Column):
    def get_value(self, instance):
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', instance.url, _("Original"))


class ItemEditView(ScopedViewMixin, snippet_views.EditView):
    pass


class ItemDeleteView(ScopedViewMixin, snippet_views.DeleteView):
    pass


class ItemHistoryView(ScopedViewMixin, snippet_views.HistoryView):
    pass


class ItemUsageView(ScopedViewMixin, snippet_views.UsageView):
    pass


class HarvestedItemViewSet(SnippetViewSet):
    model = HarvestedItem
    icon = "doc-full"
    menu_label = _("Éléments moissonnés")
    edit_view_class = ItemEditView
    delete_view_class = ItemDeleteView
    history_view_class = ItemHistoryView
    usage_view_class = ItemUsageView
    copy_view_enabled = False
    list_display = ["title", "source", "published_at", "archived_at", OriginalLinkColumn("url", label=_("Original"))]
    filterset_class = HarvestedItemFilterSet
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return scoped(HarvestedItem.objects.select_related("source"), request.user)


class HarvestViewSetGroup(ViewSetGroup):
    menu_label = _("Moissonnage")
    menu_icon = "download"
    items = (HarvestSourceViewSet, HarvestRunViewSet, HarvestedItemViewSet)


@hooks.register("register_admin_viewset")
def register_harvest_viewsets():
    return HarvestViewSetGroup()

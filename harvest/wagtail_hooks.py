"""Admin screens: sources per portal (with "harvest now" and "preview"), run
history with readable errors, harvested items as curated snippets, and the
shares other portals offer, which a portal's editors accept or decline."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.models import Domain
from sites.choosers import ScopedSnippetChooserViewSet

from . import search, sharing
from .admin_views import action_view
from .forms import HarvestedItemForm, HarvestSourceForm
from .listing import sources_shown_on
from .models import HarvestedItem, HarvestRun, HarvestShare, HarvestSource
from .permissions import PortalPermissionPolicy, portals_of

register_permission_policy(HarvestSource, PortalPermissionPolicy(HarvestSource, "site"))
register_permission_policy(HarvestRun, PortalPermissionPolicy(HarvestRun, "source__site"))
register_permission_policy(HarvestedItem, PortalPermissionPolicy(HarvestedItem, "source__site", can_add=False))


class SharePermissionPolicy(BasePermissionPolicy):
    """Editors see the shares offered to their portals and decide on them (in
    the views below); a share is made by offering a source, never by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and portals_of(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and sharing.may_decide(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return HarvestShare.objects.none()
        return sharing.shares_for(user)


register_permission_policy(HarvestShare, SharePermissionPolicy(HarvestShare))


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


class SharesColumn(Column):
    """The portals a source is offered to, each with its answer."""

    def get_value(self, instance):
        return (
            ", ".join(f"{share.site.site_name} ({share.get_status_display()})" for share in instance.shares.all())
            or "—"
        )


class SourceIndexView(ScopedViewMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("shares__site")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            ListingButton(
                _("Moissonner maintenant"),
                url=reverse("harvest_sources:harvest_now", args=[instance.pk]),
                icon_name="download",
                priority=20,
            ),
            ListingButton(
                _("Aperçu"), url=reverse("harvest_sources:preview", args=[instance.pk]), icon_name="view", priority=21
            ),
            ListingButton(
                _("Historique"),
                url=reverse("harvest_runs:index") + f"?source={instance.pk}",
                icon_name="history",
                priority=22,
            ),
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
    list_display = ["name", "site", "backend", "active", "last_success_at", SharesColumn("shares", label=_("Partage"))]
    list_filter = ["site", "backend", "active"]
    search_fields = ["name", "url"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("site"),
                    FieldPanel("backend"),
                    FieldPanel("url"),
                    FieldPanel("config"),
                ],
                heading=_("Source"),
            ),
            MultiFieldPanel(
                [FieldPanel("interval"), FieldPanel("active"), FieldPanel("archive_grace")], heading=_("Calendrier")
            ),
            MultiFieldPanel(
                [FieldPanel("default_domains"), FieldPanel("default_tags"), FieldPanel("default_resource_type")],
                heading=_("Classement par défaut"),
            ),
            MultiFieldPanel(
                [FieldPanel("licence"), FieldPanel("attribution"), FieldPanel("contact_email")], heading=_("Provenance")
            ),
            MultiFieldPanel(
                [FieldPanel("shared_with_all"), FieldPanel("shared_with")], heading=_("Partage entre portails")
            ),
        ],
        base_form_class=HarvestSourceForm,
    )

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
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><code>{}</code> : {}</li>", ((e["remote_id"], e["message"]) for e in errors)),
        )

    def get_errors_display_value(self):
        return format_html_join("", "<p>{}</p>", ((message,) for message in self.object.errors)) or "—"

    def get_preview_display_value(self):
        rows = ((entry["outcome"], entry["url"], entry["title"]) for entry in self.object.preview)
        return (
            format_html("<ul>{}</ul>", format_html_join("", '<li>[{}] <a href="{}">{}</a></li>', rows))
            if self.object.preview
            else "—"
        )


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
    inspect_view_fields = [
        "source",
        "trigger",
        "status",
        "started_at",
        "finished_at",
        *HarvestRun.COUNTERS,
        "errors",
        "item_errors",
        "preview",
    ]
    list_display = [
        "source",
        "trigger",
        "status",
        "started_at",
        "created",
        "updated",
        "unchanged",
        "failed",
        "archived",
    ]
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


def choosable_items(queryset, user):
    """Items an editor may pick (in a veille issue): those their portals show."""
    if user.is_superuser:
        return queryset
    return queryset.filter(source__in=sources_shown_on(*portals_of(user)))


class HarvestedItemChooserViewSet(ScopedSnippetChooserViewSet):
    scope = staticmethod(choosable_items)


class HarvestedItemViewSet(SnippetViewSet):
    model = HarvestedItem
    icon = "doc-full"
    menu_label = _("Éléments moissonnés")
    edit_view_class = ItemEditView
    delete_view_class = ItemDeleteView
    history_view_class = ItemHistoryView
    usage_view_class = ItemUsageView
    copy_view_enabled = False
    chooser_viewset_class = HarvestedItemChooserViewSet
    list_display = ["title", "source", "published_at", "archived_at", OriginalLinkColumn("url", label=_("Original"))]
    filterset_class = HarvestedItemFilterSet
    edit_handler = ObjectList(
        [
            FieldPanel("url", read_only=True),
            FieldPanel("title"),
            FieldPanel("summary"),
            MultiFieldPanel(
                [FieldPanel("domains"), FieldPanel("tags"), FieldPanel("resource_type"), FieldPanel("territory")],
                heading=_("Classement"),
            ),
        ],
        base_form_class=HarvestedItemForm,
    )
    search_fields = ["title", "summary"]

    def get_queryset(self, request):
        return scoped(HarvestedItem.objects.select_related("source"), request.user)


@require_http_methods(["GET", "POST"])
def share_decision_view(request, pk, accept):
    """Accept or decline a share offered to one of the user's portals: a
    confirmation page, then a POST (with its CSRF token)."""
    share = get_object_or_404(HarvestShare.objects.select_related("source__site", "site"), pk=pk)
    if not sharing.may_decide(request.user, share):
        raise PermissionDenied
    if request.method == "GET":
        context = {"share": share, "accept": accept, "header_title": str(share.source)}
        return TemplateResponse(request, "harvest/admin/confirm_share.html", context)
    sharing.decide(share, request.user, accept)
    message = (
        gettext("Partage de « %(source)s » accepté sur %(portal)s.")
        if accept
        else gettext("Partage de « %(source)s » refusé sur %(portal)s.")
    )
    messages.success(request, message % {"source": share.source.name, "portal": share.site.site_name})
    return redirect(reverse("harvest_shares:index"))


class ShareMenuItem(MenuItem):
    """« Partages proposés », with the number of shares awaiting the user's answer."""

    def is_shown(self, request):
        return policy_registry.get_by_type(HarvestShare).user_has_permission(request.user, "view")

    def render_component(self, request):
        component = super().render_component(request)
        count = sharing.pending_count(request.user)
        if count:
            component.label = f"{self.label} ({count})"
        return component


class ShareIndexView(IndexView):
    def get_base_queryset(self):
        return sharing.shares_for(self.request.user).select_related("source__site", "site", "requested_by")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.status != HarvestShare.Status.ACCEPTED:
            buttons.append(
                ListingButton(
                    _("Accepter"),
                    url=reverse("harvest_shares:accept", args=[instance.pk]),
                    icon_name="check",
                    priority=20,
                )
            )
        if instance.status != HarvestShare.Status.DECLINED:
            label = _("Retirer l'accord") if instance.status == HarvestShare.Status.ACCEPTED else _("Refuser")
            buttons.append(
                ListingButton(
                    label, url=reverse("harvest_shares:decline", args=[instance.pk]), icon_name="cross", priority=21
                )
            )
        return buttons


class HarvestShareViewSet(ModelViewSet):
    model = HarvestShare
    icon = "resubmit"
    menu_label = _("Partages proposés")
    menu_item_class = ShareMenuItem
    url_prefix = "harvest/shares"
    name = "harvest_shares"
    index_view_class = ShareIndexView
    list_display = ["source", "source__site", "site", "status", "requested_by", "requested_at"]
    list_filter = ["status", "site"]
    form_fields = []

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/accepter/", share_decision_view, {"accept": True}, name="accept"),
            path("<int:pk>/refuser/", share_decision_view, {"accept": False}, name="decline"),
        ]


class HarvestViewSetGroup(ViewSetGroup):
    menu_label = _("Moissonnage")
    menu_icon = "download"
    items = (HarvestSourceViewSet, HarvestShareViewSet, HarvestRunViewSet, HarvestedItemViewSet)


@hooks.register("register_admin_viewset")
def register_harvest_viewsets():
    return HarvestViewSetGroup()


hooks.register("register_search_provider", search.HarvestedItemProvider)

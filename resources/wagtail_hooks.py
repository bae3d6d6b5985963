from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Domain, ResourceType, Territory


class DomainViewSet(SnippetViewSet):
    model = Domain
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class ResourceTypeViewSet(SnippetViewSet):
    model = ResourceType
    icon = "tag"
    list_display = ["name", "slug"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["name", "scale", "insee_code"]
    list_filter = ["scale"]
    search_fields = ["name", "insee_code"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Bibliothèque")
    menu_icon = "folder-open-1"
    items = (DomainViewSet, ResourceTypeViewSet, TerritoryViewSet)


register_snippet(LibraryViewSetGroup)

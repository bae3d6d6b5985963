from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import search, syndication
from .listing import home_page_context
from .models import Domain, DomainPage, ResourcePage, ResourceType, Territory


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


@hooks.register("portal_shared_pages")
def resources_shared_with(sites):
    """Editors of these portals may link to what other portals share with
    them, as their listings show it: live and public."""
    shared = ResourcePage.objects.live().public().filter(Q(shared_with_all=True) | Q(shared_with__in=sites))
    return Q(pk__in=shared.values("pk"))


@hooks.register("portal_menu_groups")
def menu_groups():
    """The domains' pages make one entry of the portal's menu."""
    return [(_("Domaines"), [DomainPage])]


@hooks.register("portal_home_context")
def home_resources(home, request):
    """The portal home's domains, featured and latest resources."""
    return home_page_context(home, request)


hooks.register("page_alternates", syndication.announce)  # the new resources' and the domain's feeds

hooks.register("register_search_provider", search.ResourcePageProvider)

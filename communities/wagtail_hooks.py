"""Admin: a statistics report of the communities in the portals an editor
manages; which community pages sitemaps and other portals' choosers show."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sites.navigation import Link

from . import access, notifications, search, stats, syndication
from .models import CommunityPage


def may_see_stats(user):
    return user.is_superuser or bool(access.editor_paths(user))


def community_stats_view(request):
    if not may_see_stats(request.user):
        raise PermissionDenied
    months, rows = stats.community_stats(stats.editable_communities(request.user))
    return TemplateResponse(request, "communities/admin/stats.html", {"months": months, "rows": rows})


class StatsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_stats(request.user)


hooks.register("construct_portal_sitemap_queryset", access.hide_from_anonymous)


@hooks.register("portal_shared_pages")
def communities_listed_on(sites):
    """Editors of these portals may link to the communities other portals list
    there too, never a secret one (a presentation anyone may see)."""
    listed = access.visible_communities(AnonymousUser(), CommunityPage.objects.live().filter(listed_on__in=sites))
    return Q(pk__in=listed.values("pk"))


@hooks.register("register_admin_urls")
def register_stats_url():
    return [path("communautes/statistiques/", community_stats_view, name="communities_stats")]


@hooks.register("register_reports_menu_item")
def register_stats_menu_item():
    return StatsMenuItem(_("Communautés"), reverse("communities_stats"), icon_name="group", order=700)


hooks.register("page_alternates", syndication.announce)  # a public community's activity feed

hooks.register("register_search_provider", search.CommunityPageProvider)
hooks.register("register_search_provider", search.PostProvider)
hooks.register("search_audiences", access.search_audiences)  # members read their communities' content


@hooks.register("portal_account_links")
def account_links(request):
    """A member's space: their feed, their unread notifications, profile and e-mail settings."""
    if not request.user.is_authenticated:
        return []
    unread = notifications.visible_notifications(request.user).filter(read_at__isnull=True).count()
    return [
        Link(_("Mon fil"), reverse("communities:feed")),
        Link(_("Notifications"), reverse("communities:notifications"), count=unread),
        Link(_("Mon profil"), reverse("communities:edit_profile")),
        Link(_("Préférences d'e-mail"), reverse("communities:preferences")),
    ]

"""Admin: the veille inbox of each portal and its newsletter subscribers; and
issues of restricted communities kept out of sitemaps."""

from django.contrib.auth.models import AnonymousUser
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from communities.access import readable_communities
from communities.models import CommunityPage

from . import admin_views, search, syndication
from .inbox import inbox_portals
from .models import VeillePage


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(inbox_portals(request.user))


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [
        path("veille/", admin_views.inbox_view, name="veille_inbox"),
        path("veille/decision/", admin_views.decide_view, name="veille_decide"),
        path("veille/numero/", admin_views.create_issue_view, name="veille_create_issue"),
        path("veille/abonnes/", admin_views.subscribers_view, name="veille_subscribers"),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Veille"), reverse("veille_inbox"), icon_name="mail", order=350)


@hooks.register("construct_portal_sitemap_queryset")
def hide_restricted_issues(pages):
    """An issue made for a community is in sitemaps only when anonymous readers
    read that community (its title, in its address, names the community)."""

    readable = readable_communities(AnonymousUser(), CommunityPage.objects.all())
    restricted = VeillePage.objects.filter(community__isnull=False).exclude(community__in=readable.values("pk"))
    return pages.exclude(pk__in=restricted.values("pk"))


hooks.register("page_alternates", syndication.announce)  # the veille's feed

hooks.register("register_search_provider", search.VeillePageProvider)

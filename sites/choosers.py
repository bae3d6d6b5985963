"""What an editor may choose in the admin's choosers.

Wagtail's page chooser lists every page of the tree to anyone with admin
access, whatever their permissions: an editor of one portal would find other
portals' pages there, secret communities included, by browsing or searching
(and through the rich text link chooser, which uses the same views). Here an
editor is offered the pages of their portals (the trees under the pages their
groups hold permissions on, in every language) and the pages other portals
share with them, which apps declare through the ``portal_shared_pages`` hook
(``hook(sites) -> Q`` over pages). Superusers choose anything.

``construct_page_chooser_queryset`` (sites/wagtail_hooks.py) narrows what the
browse and search views list; the views below replace Wagtail's browse view,
which would otherwise show the title of any page it is asked to open, and its
"chosen" view for several pages, which returns any page asked for by id.
Snippet choosers are narrowed with ``ScopedSnippetChooserViewSet``.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser as page_chooser
from wagtail.models import GroupPagePermission, Page, Site
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.utils.urlpatterns import decorate_urlpatterns

SHARED_PAGES_HOOK = "portal_shared_pages"


def _portal_roots(user):
    """Paths of the pages ``user``'s groups hold permissions on, and of their
    translations (a portal's English tree is a sibling of its French one)."""
    keys = GroupPagePermission.objects.filter(group__user=user).values("page__translation_key")
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def editor_sites(user, roots=None):
    """The portals whose pages ``user`` edits (all of them for superusers)."""
    if user.is_superuser:
        return list(Site.objects.all())
    roots = _portal_roots(user) if roots is None else roots
    sites = Site.objects.select_related("root_page")
    return [
        site
        for site in sites
        if any(root.startswith(site.root_page.path) or site.root_page.path.startswith(root) for root in roots)
    ]


def choosable(user):
    """A Q over pages: those ``user`` may choose (``None`` for everything).
    Kept on the user object for the rest of the request."""
    if user.is_superuser:
        return None
    cached = getattr(user, "_portal_choosable_pages", None)
    if cached is None:
        roots = _portal_roots(user)
        cached = Q(pk__in=[])
        for root in roots:
            cached |= Q(path__startswith=root)
        sites = editor_sites(user, roots)
        if sites:
            for hook in hooks.get_hooks(SHARED_PAGES_HOOK):
                cached |= hook(sites)
        user._portal_choosable_pages = cached
    return cached


def choosable_pages(pages, user):
    scope = choosable(user)
    return pages if scope is None else pages.filter(scope)


def may_browse(user, page):
    """A page may be opened in the chooser when it may be chosen, or when it
    leads to pages that may be (the root, a shared page's parent)."""
    scope = choosable(user)
    return scope is None or Page.objects.filter(scope, path__startswith=page.path).exists()


class BrowseView(page_chooser.BrowseView):
    def get_object_list(self):
        if not may_browse(self.request.user, self.parent_page):
            if self.kwargs.get("parent_page_id"):
                raise Http404
            # Wagtail started from the common ancestor of the wanted page types,
            # which is not the editor's to see: start from the root instead.
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class ChosenMultipleView(page_chooser.ChosenMultipleView):
    def get(self, request):
        allowed = choosable_pages(Page.objects.filter(pk__in=request.GET.getlist("id")), request.user)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in allowed.values_list("pk", flat=True)])
        return super().get(request)


# Mounted before Wagtail's admin URLs (portail/urls.py), at the same addresses.
urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("choose-page/", BrowseView.as_view(), name="portal_choose_page"),
            path("choose-page/<int:parent_page_id>/", BrowseView.as_view(), name="portal_choose_page_child"),
            path(
                "choose-page/chosen-multiple/", ChosenMultipleView.as_view(), name="portal_choose_page_chosen_multiple"
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)


class ScopedChooseMixin:
    scope = None  # scope(queryset, user) -> queryset

    def get_object_list(self):
        return self.scope(super().get_object_list(), self.request.user)


class ScopedChooseView(ScopedChooseMixin, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(snippet_chooser.SnippetChosenView):
    scope = None

    def get_object(self, pk):
        return self.scope(self.model_class.objects.filter(pk=pk), self.request.user).get()


class ScopedChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
    scope = None

    def get_objects(self, pks):
        return self.scope(super().get_objects(pks), self.request.user)


class ScopedSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """A snippet chooser that lists, searches and returns only the snippets
    ``scope(queryset, user)`` leaves to the user; a subclass sets ``scope``
    (a staticmethod) and the snippet's viewset names it as its
    ``chooser_viewset_class``."""

    scope = None
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "scope"):
            kwargs["scope"] = self.scope
        return super().construct_view(view_class, **kwargs)

"""Pages served by views, named by dotted path rather than imported by models.

A page model whose own address needs more than its template and fields (a
listing, a check of who may read it) names its view, ``page_view``, as Django
names ``handler404``: ``view(request, page)`` returns the response, usually
``sites.rendering.render_page`` with the listing's context. Wagtail's preview
serves the page the same way.

A page model that serves sub-addresses (a community's ``membres/``, an event's
``inscription/``) names a URLconf module, ``subpage_urlconf``, as Django names
ROOT_URLCONF: by its dotted path, so that the model imports no view. The module
has ``urlpatterns`` whose views are called as ``view(request, page, **kwargs)``,
and may define ``guard(request, page)``, called before any of them (the page's
own serving included), which returns a response to send instead, or None.
Reversing is Wagtail's: ``page.reverse_subpage(name, kwargs=…)``."""

from functools import cache
from importlib import import_module

from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin


@cache
def _module(dotted_path):
    return import_module(dotted_path)


@cache
def _view(dotted_path):
    return import_string(dotted_path)


class PageViewMixin:
    page_view = ""

    def serve(self, request, *args, **kwargs):
        return _view(self.page_view)(request, self, *args, **kwargs)


class SubpageRoutesMixin(RoutablePageMixin):
    subpage_urlconf = ""

    @classmethod
    def get_subpage_urls(cls):
        return tuple(_module(cls.subpage_urlconf).urlpatterns)

    def resolve_subpage(self, path):
        match = self.get_resolver().resolve(path)
        view = match.func

        def with_page(request, *args, **kwargs):
            return view(request, self, *args, **kwargs)

        match.func = with_page
        return match

    def serve(self, request, view=None, args=None, kwargs=None):
        guard = getattr(_module(self.subpage_urlconf), "guard", None)
        denied = guard(request, self) if guard is not None else None
        if denied is not None:
            return denied
        return super().serve(request, view, args, kwargs)

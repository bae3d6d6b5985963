"""Pages with views of their own, routed by a URLconf rather than by methods.

A page model that serves sub-addresses (a community's ``membres/``, an event's
``inscription/``) names a URLconf module, ``subpage_urlconf``, as Django names
ROOT_URLCONF: by its dotted path, so that the model imports no view. The module
has ``urlpatterns`` whose views are called as ``view(request, page, **kwargs)``,
and may define ``guard(request, page)``, called before any of them (the page's
own serving included), which returns a response to send instead, or None.
Reversing is Wagtail's: ``page.reverse_subpage(name, kwargs=…)``."""

from functools import cache
from importlib import import_module

from wagtail.contrib.routable_page.models import RoutablePageMixin


@cache
def _module(dotted_path):
    return import_module(dotted_path)


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

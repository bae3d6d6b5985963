from django.utils.functional import SimpleLazyObject

from themes.registry import select_theme_template

from .branding import branding_for_request


def theme(request):
    """The portal's branding and the base template of its theme, computed lazily so
    that views which never use them pay nothing."""
    branding = SimpleLazyObject(lambda: branding_for_request(request))
    return {
        "branding": branding,
        "base_template": SimpleLazyObject(lambda: select_theme_template(branding.theme, "base.html")),
    }

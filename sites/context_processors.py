from django.utils.functional import SimpleLazyObject

from .registry import select_theme_template


def theme(request):
    """The portal's branding and the base template of its theme, computed lazily so
    that views which never use them pay nothing."""
    from sites.branding import branding_for_request

    branding = SimpleLazyObject(lambda: branding_for_request(request))
    return {
        "branding": branding,
        "base_template": SimpleLazyObject(lambda: select_theme_template(branding.theme, "base.html")),
    }

from django.utils.functional import SimpleLazyObject

from themes.registry import select_theme_template

from .portal import portal_for


def theme(request):
    """The portal's branding and the base template of its theme, computed lazily so
    that views which never use them pay nothing."""
    branding = SimpleLazyObject(lambda: portal_for(request).branding)
    return {
        "branding": branding,
        "base_template": SimpleLazyObject(lambda: select_theme_template(branding.theme, "base.html")),
    }

from django import template

from ..content import plain_text
from ..notifications import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def community_url(context, community, route="home", **kwargs):
    """The URL of one of ``community``'s routes, e.g. ``{% community_url c "post_detail" post_id=3 %}``."""
    return _community_home_url(community, context.get("request")) + community.reverse_subpage(
        route, kwargs=kwargs or None
    )


def _community_home_url(community, request):
    """``community.get_url(request)``, worked out once per request for a community
    object: a feed page links to its community on every line."""
    known = getattr(community, "_home_url_for", None)
    if known is None or known[0] is not request:
        known = (request, community.get_url(request=request))
        community._home_url_for = known
    return known[1]


@register.filter
def excerpt(html, length=200):
    """Plain text of sanitised HTML, shortened (escaped again on output)."""

    return plain_text(html, max_length=int(length))


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """How many unread notifications the logged-in reader may still see, for the
    member bar; notices of a community they lost access to do not count."""

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user)

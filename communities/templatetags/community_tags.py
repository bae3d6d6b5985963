from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def community_url(context, community, route="home", **kwargs):
    """The URL of one of ``community``'s routes, e.g. ``{% community_url c "post_detail" post_id=3 %}``."""
    return community.get_url(request=context.get("request")) + community.reverse_subpage(route, kwargs=kwargs or None)


@register.filter
def excerpt(html, length=200):
    """Plain text of sanitised HTML, shortened (escaped again on output)."""
    from ..content import plain_text

    return plain_text(html, max_length=int(length))

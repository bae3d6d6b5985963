"""The addresses under a community page (see sites.routing): its activity,
members, posts, membership, animation, then every registered tool."""

from django.http import Http404
from django.urls import path, re_path, register_converter

from . import access, page_views, tools


class ContentKindConverter:
    regex = "post|comment"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ContentKindConverter, "content_kind")


def guard(request, community):
    """A community the reader may not see does not exist for them."""
    if not access.can(request.user, community, access.Action.SEE):
        raise Http404


urlpatterns = [
    path("", page_views.community_home, name="home"),
    path("membres/", page_views.members, name="members"),
    path("publications/<int:post_id>/", page_views.post_detail, name="post_detail"),
    path("publier/", page_views.publish_post, name="publish"),
    path("publications/<int:post_id>/commenter/", page_views.add_comment, name="comment"),
    path("signaler/<content_kind:kind>/<int:pk>/", page_views.report_content, name="report"),
    path("adhesion/", page_views.membership_action, name="membership"),
    path("suivre/", page_views.follow_action, name="follow"),
    path("animation/", page_views.manage, name="manage"),
    path("animation/membres/<int:membership_id>/", page_views.manage_member, name="manage_member"),
    path("animation/inviter/", page_views.invite, name="invite"),
    path("animation/epingler/", page_views.pin_resource, name="pin"),
    path("animation/moderer/<content_kind:kind>/<int:pk>/", page_views.moderate, name="moderate"),
    # Last, so that the addresses above take precedence: a community tool's views.
    re_path(r"^(?P<prefix>[a-z][a-z-]*)/(?P<rest>.*)$", tools.serve, name="tool"),
]

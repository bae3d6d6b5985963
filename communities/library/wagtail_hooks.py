from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from communities import page_views
from communities.access import Action
from communities.tools import Tool

from . import search
from .shelves import community_of


@hooks.register("before_serve_document")
def only_readers_download_community_documents(document, request):
    """/documents/<id>/<name> serves a community's document to its readers only:
    others get a 404 when they may not see the community, anonymous readers are
    sent to log in, and the rest get a 403."""
    community = community_of(document)
    if community is not None:
        return page_views.require(request, community, Action.READ)
    return None


@hooks.register("register_community_tool")
def documents_tool():
    return Tool("documents", "communities.library.urls", _("Documents"), "index", order=40)


hooks.register("register_search_provider", search.CommunityDocumentProvider)

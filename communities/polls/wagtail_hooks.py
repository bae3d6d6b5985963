from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from communities.tools import Tool


@hooks.register("register_community_tool")
def polls_tool():
    return Tool("sondages", "communities.polls.urls", _("Sondages"), "index", order=30)

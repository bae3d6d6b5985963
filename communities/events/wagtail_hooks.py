from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from communities.tools import Tool

from . import calendars, search

hooks.register("page_alternates", calendars.alternates)  # the agenda's and the community's calendars


@hooks.register("register_community_tool")
def agenda_tool():
    return Tool("agenda", "communities.events.urls", _("Agenda"), "index", order=20)


hooks.register("register_search_provider", search.EventPageProvider)

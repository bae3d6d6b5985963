"""Admin: each editor's page choosers offer their portals' pages and what is
shared with them (see sites/choosers.py)."""

from wagtail import hooks

from .choosers import choosable_pages


@hooks.register("construct_page_chooser_queryset")
def pages_of_the_editor_portals(pages, request):
    return choosable_pages(pages, request.user)

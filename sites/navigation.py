"""What every page of a portal links to: its menu, its footer pages and the
reader's account links.

The menu is the portal home's live pages marked « Afficher dans les menus »
(Wagtail's show_in_menus), in the order editors give them in the page tree;
apps may gather pages of some types under one entry with the
``portal_menu_groups`` hook (the library groups its domains). The footer links
to the home's information pages by their kind (legal notice, accessibility,
personal data, contact, others). Both come from one query of the home's
children, read once per request. The account links come from the apps through
the ``portal_account_links`` hook."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from . import root_paths
from .db import prepared_statements
from .models import InformationPage
from .portal import portal_for
from .rendering import portal_root_path

HOME_DEPTH = 2  # a portal home sits right under Wagtail's root


@dataclass
class Link:
    title: str
    url: str
    # aria-current: "page" on the link to the page shown, "true" on the section it is in.
    current: str = ""
    count: int | None = None


@dataclass
class MenuEntry(Link):
    children: list[Link] = field(default_factory=list)


@dataclass
class PortalPages:
    menu: list[MenuEntry]
    footer: dict[str, Link]  # by InformationPage.Kind, "other" excepted
    footer_others: list[Link]


def _current(url, path):
    link_path = urlsplit(url).path
    if link_path == path:
        return "page"
    return "true" if link_path != "/" and path.startswith(link_path) else ""


def _groups():
    """{content type id: (group label, group key)} from the ``portal_menu_groups`` hook."""
    groups = {}
    for hook in hooks.get_hooks("portal_menu_groups"):
        for label, models in hook():
            for content_type in ContentType.objects.get_for_models(*models).values():
                groups[content_type.pk] = str(label)
    return groups


@prepared_statements()
def _read(request: HttpRequest, page) -> PortalPages:
    if isinstance(page, Page):
        home_path = portal_root_path(page)
    else:
        home = portal_for(request).home
        if home is None:
            return PortalPages([], {}, [])
        home_path = home.path
    information = ContentType.objects.get_for_model(InformationPage)
    rows = list(
        Page.objects.filter(path__startswith=home_path, depth=HOME_DEPTH + 1)
        .live()
        .filter(Q(show_in_menus=True) | Q(content_type=information))
        .annotate(kind=F("informationpage__kind"))
        .order_by("path")
        .values_list("title", "url_path", "content_type_id", "show_in_menus", "kind")
    )
    urls = root_paths.page_urls(request, [row[1] for row in rows])
    groups = _groups()
    menu, by_group, footer, others = [], {}, {}, []
    for (title, _url_path, content_type_id, in_menu, kind), url in zip(rows, urls):
        if url is None:
            continue
        link = Link(title, url, _current(url, request.path))
        if kind is not None:
            if kind == InformationPage.Kind.OTHER:
                others.append(link)
            else:
                footer.setdefault(kind, link)
            continue
        if not in_menu:
            continue
        group = groups.get(content_type_id)
        if group is None:
            menu.append(MenuEntry(link.title, link.url, link.current))
            continue
        if group not in by_group:
            by_group[group] = MenuEntry(group, "", "")
            menu.append(by_group[group])
        entry = by_group[group]
        entry.children.append(link)
        if link.current and not entry.current:
            entry.current = "true"
    return PortalPages(menu, footer, others)


def portal_pages(request: HttpRequest, page=None) -> PortalPages:
    """The menu and footer pages of the request's portal (in the page's
    language), read once per request."""
    pages = getattr(request, "_portal_pages", None)
    if pages is None:
        pages = request._portal_pages = _read(request, page)
    return pages


def account_links(request: HttpRequest) -> list[Link]:
    """A signed-in reader's links (their feed, notifications, profile…), from
    each function of the ``portal_account_links`` hook (``func(request)``)."""
    links = [link for hook in hooks.get_hooks("portal_account_links") for link in hook(request)]
    for link in links:
        link.current = "page" if urlsplit(link.url).path == request.path else ""
    return links

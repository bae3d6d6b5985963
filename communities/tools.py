"""Community tools (questions, events, polls, questionnaires, documents) plug
into every community page.

A tool is a ``Tool`` returned by a function registered with the
``register_community_tool`` Wagtail hook: a URL prefix under the community
(``questions`` gives ``/<community>/questions/...``), its own URLconf and a tab label. Views of that
URLconf are called as ``view(request, community, **kwargs)``; they check access
with ``communities.page_views.require`` and render with
``communities.page_views.render`` so that they share the community's header,
membership box and tabs. A tool made of Wagtail pages (events, questionnaires)
calls ``allow_page_type`` so that they can be created inside a community."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps
from django.http import Http404
from django.urls import Resolver404, URLResolver
from django.urls.resolvers import RegexPattern
from django.utils.translation import gettext as _
from wagtail import hooks


@dataclass(frozen=True)
class Tool:
    prefix: str
    urlconf: str  # dotted path of the tool's URLconf
    label: str
    index_name: str  # the name of the tool's landing view in ``urlconf``
    order: int = 50


def _tools():
    """{prefix: Tool} of the registered tools."""
    return {tool.prefix: tool for make_tool in hooks.get_hooks("register_community_tool") for tool in [make_tool()]}


def allow_page_type(model_label):
    """Let editors create pages of ``model_label`` (e.g. ``"events.EventPage"``)
    inside a community; call it from the tool's ``AppConfig.ready``."""
    community_page = apps.get_model("communities", "CommunityPage")
    if model_label not in community_page.subpage_types:
        community_page.subpage_types = [*community_page.subpage_types, model_label]
        community_page._clean_subpage_models = None  # Wagtail's cache of the resolved list


def prefixes():
    return set(_tools())


def registered():
    return sorted(_tools().values(), key=lambda tool: (tool.order, tool.prefix))


@cache
def _resolver(urlconf):
    """One resolver per tool URLconf, built once: its reverse table is filled on
    first use, and tabs are worked out on every community page."""
    return URLResolver(RegexPattern(r"^"), import_module(urlconf))


def serve(request, community, prefix, rest):
    tool = _tools().get(prefix)
    if tool is None:
        raise Http404
    try:
        match = _resolver(tool.urlconf).resolve(rest)
    except Resolver404 as error:
        raise Http404 from error
    return match.func(request, community, *match.args, **match.kwargs)


def path(prefix, name, **kwargs):
    """The tool-relative path of a named view, e.g. ``"12/repondre/"``."""
    return _resolver(_tools()[prefix].urlconf).reverse(name, **kwargs)


def _subpage(community, prefix, rest):
    return community.reverse_subpage("tool", kwargs={"prefix": prefix, "rest": rest})


def url(community, prefix, name, request=None, **kwargs):
    """The URL of one of a tool's views in ``community``."""
    return community.get_url(request=request) + _subpage(community, prefix, path(prefix, name, **kwargs))


def full_url(community, prefix, name, **kwargs):
    """The absolute URL, for e-mails, feeds and activity lines."""
    return community.full_url + _subpage(community, prefix, path(prefix, name, **kwargs))


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def tabs(community, request=None):
    """The community's tabs: its activity, then every tool's landing view in
    order; ``current`` marks the one the request is in."""
    request_path = request.path if request is not None else ""
    home_url = community.get_url(request=request)
    result = [Tab(_("Activité"), home_url, request_path == urlsplit(home_url).path)]
    for tool in registered():
        tool_root = urlsplit(home_url + _subpage(community, tool.prefix, "")).path
        tool_url = url(community, tool.prefix, tool.index_name, request=request)
        result.append(Tab(tool.label, tool_url, request_path.startswith(tool_root)))
    return result

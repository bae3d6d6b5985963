"""Community tools plug their views, URLs and tabs into every community page."""

import pytest
from django.http import HttpResponse
from django.urls import path
from wagtail import hooks

from communities import tools
from communities.models import Visibility


def _index(request, community):
    return HttpResponse(f"outil de {community.title}")


def _detail(request, community, pk):
    return HttpResponse(f"élément {pk}")


urlpatterns = [path("", _index, name="index"), path("<int:pk>/", _detail, name="detail")]


@pytest.fixture
def sample_tool():
    with hooks.register_temporarily("register_community_tool", lambda: tools.Tool("essai", __name__, "Essai", "index")):
        yield "essai"


def test_a_tool_serves_its_views_under_each_community(client, world, host, sample_tool):
    community = world.communities[Visibility.PUBLIC]
    detail_url = tools.url(community, sample_tool, "detail", pk=7)
    assert detail_url == community.url + "essai/7/"
    assert tools.full_url(community, sample_tool, "detail", pk=7) == community.full_url + "essai/7/"
    assert client.get(detail_url, HTTP_HOST=host).content.decode() == "élément 7"
    assert client.get(community.url + "essai/", HTTP_HOST=host).content.decode() == f"outil de {community.title}"
    assert client.get(community.url + "essai/inconnu/", HTTP_HOST=host).status_code == 404
    assert client.get(community.url + "inconnu/", HTTP_HOST=host).status_code == 404


def test_the_community_page_shows_a_tab_per_tool_to_its_readers(client, world, host, sample_tool):
    community = world.communities[Visibility.PUBLIC]
    path = community.relative_url(world.portal.site)
    html = client.get(path, HTTP_HOST=host).content.decode()
    assert f'<a href="{path}essai/">Essai</a>' in html
    assert f'<a href="{path}" aria-current="page">Activité</a>' in html


def test_routes_of_the_community_win_over_tools(client, world, host, sample_tool):
    community = world.communities[Visibility.PUBLIC]
    assert "membres" not in tools.prefixes()
    response = client.get(community.url + "membres/", HTTP_HOST=host)
    assert response.status_code == 200
    assert "outil de" not in response.content.decode()


def test_a_tool_page_type_becomes_creatable_inside_communities(monkeypatch):
    from communities.models import CommunityPage
    from sites.models import PortalHomePage

    monkeypatch.setattr(CommunityPage, "subpage_types", [])
    monkeypatch.setattr(CommunityPage, "_clean_subpage_models", None)
    tools.allow_page_type("portals.PortalHomePage")
    tools.allow_page_type("portals.PortalHomePage")
    assert CommunityPage.subpage_types == ["portals.PortalHomePage"]
    assert PortalHomePage in CommunityPage.clean_subpage_models()

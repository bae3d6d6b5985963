"""Editors manage promoted results and read query analytics of their own portals only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from search import analytics
from search.models import PromotedResult
from search.service import SearchOutcome, SearchRequest


@pytest.fixture
def editor_a(portal_a):
    user = get_user_model().objects.create_user("editrice", "editrice@example.org", "pw")
    user.groups.add(portal_a.editors)
    return user


@pytest.mark.django_db
def test_editor_sees_and_creates_promotions_of_their_portal_only(client, editor_a, portal_a, portal_b):
    PromotedResult.objects.create(site=portal_a.site, query="zan", page=portal_a.home)
    PromotedResult.objects.create(site=portal_b.site, query="plui", page=portal_b.home)
    client.force_login(editor_a)
    listing = client.get("/admin/snippets/search/promotedresult/").content.decode()
    assert "zan" in listing and "plui" not in listing
    response = client.post(
        "/admin/snippets/search/promotedresult/add/",
        {"site": portal_b.site.pk, "query": "Mobilité", "page": portal_b.home.pk, "sort_order": 0},
    )
    assert response.status_code == 200  # the form refuses another portal
    assert not PromotedResult.objects.filter(query="mobilite").exists()
    client.post(
        "/admin/snippets/search/promotedresult/add/",
        {"site": portal_a.site.pk, "query": "Mobilité", "page": portal_a.home.pk, "sort_order": 0},
    )
    assert PromotedResult.objects.get(query="mobilite").site == portal_a.site


def searched(site, query, count):
    """Record an anonymous search of ``query`` on ``site`` that found ``count`` results."""
    request = RequestFactory().get("/recherche/", {"q": query})
    request.user = AnonymousUser()
    search = SearchRequest(site=site, language="fr", query=query)
    analytics.record(request, search, SearchOutcome(search, [], count, {}))


@pytest.mark.django_db
def test_query_analytics_report_per_portal(client, editor_a, portal_a, portal_b):
    searched(portal_a.site, "Îlots de chaleur", 3)
    searched(portal_a.site, "ilots de chaleur", 3)
    searched(portal_a.site, "zfe lyon", 0)
    searched(portal_b.site, "secret beta", 0)
    client.force_login(editor_a)
    html = client.get("/admin/recherche/statistiques/").content.decode()
    assert "ilots de chaleur" in html and "zfe lyon" in html
    assert "secret beta" not in html
    report = analytics.query_report(portal_a.site)
    assert report["popular"][0] == {"query": "ilots de chaleur", "total": 2, "empty": 0}
    assert [row["query"] for row in report["zero_results"]] == ["zfe lyon"]

"""A secret community, and the content of an on-request one, never reach people
who may not read them: listings, page serving, sitemaps, feeds, search and its API."""

import pytest

from communities import membership, posting
from communities.factories import add_member, member_user
from communities.models import Membership, Visibility
from communities.pages import create_community, ensure_community_index

from .conftest import TITLES

SECRET_POST = "Calendrier confidentiel des arbitrages"
ON_REQUEST_POST = "Compte rendu réservé aux membres"


@pytest.fixture
def content(world, fresh_people, db):
    from search.tests.conftest import refresh

    animateur = fresh_people["animateur"]
    posting.publish_post(world.communities[Visibility.SECRET], animateur, SECRET_POST, "<p>Ne pas diffuser.</p>")
    posting.publish_post(
        world.communities[Visibility.ON_REQUEST], animateur, ON_REQUEST_POST, "<p>Pour les membres.</p>"
    )
    refresh()
    return fresh_people


def search_titles(client, host, query):
    response = client.get("/api/v1/search/", {"q": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending"])
def test_outsiders_never_see_the_secret_community(client, world, content, host, role):
    if content[role] is not None:
        client.force_login(content[role])
    secret = world.communities[Visibility.SECRET]

    assert TITLES[Visibility.SECRET] not in client.get(world.index.url, HTTP_HOST=host).text
    assert client.get(secret.url, HTTP_HOST=host).status_code == 404
    for name, kwargs in [("members", {}), ("post_detail", {"post_id": secret.posts.get().pk}), ("manage", {})]:
        assert (
            client.get(secret.url + secret.reverse_subpage(name, kwargs=kwargs or None), HTTP_HOST=host).status_code
            == 404
        )
    sitemap = client.get("/sitemap.xml", HTTP_HOST=host).text
    assert secret.slug not in sitemap
    assert world.communities[Visibility.PUBLIC].slug in sitemap
    for query in ("élus", "calendrier arbitrages", "confidentiel"):
        titles = search_titles(client, host, query)
        assert TITLES[Visibility.SECRET] not in titles
        assert SECRET_POST not in titles
    assert ON_REQUEST_POST not in search_titles(client, host, "compte rendu")
    page = client.get("/recherche/", {"q": "confidentiel"}, HTTP_HOST=host)
    assert SECRET_POST not in page.text


def test_members_find_their_secret_community_in_search(client, world, content, host):
    client.force_login(content["member"])
    assert SECRET_POST in search_titles(client, host, "calendrier arbitrages")
    assert ON_REQUEST_POST in search_titles(client, host, "compte rendu")
    assert TITLES[Visibility.SECRET] in client.get(world.index.url, HTTP_HOST=host).text


def test_on_request_presentation_is_public_but_not_its_content(client, world, content, host):
    on_request = world.communities[Visibility.ON_REQUEST]
    response = client.get(on_request.url, HTTP_HOST=host)
    assert response.status_code == 200
    assert TITLES[Visibility.ON_REQUEST] in response.text
    assert ON_REQUEST_POST not in response.text
    assert on_request.slug in client.get("/sitemap.xml", HTTP_HOST=host).text
    assert TITLES[Visibility.ON_REQUEST] in search_titles(client, host, "littoral")


def test_removed_member_loses_feed_and_search(client, world, content, host):
    member = content["member"]
    secret = world.communities[Visibility.SECRET]
    membership.follow(member, secret)
    client.force_login(member)
    assert SECRET_POST in client.get("/membres/mon-fil/", HTTP_HOST=host).text

    membership.remove(Membership.objects.get(community=secret, user=member), by=content["animateur"])
    membership.follow(member, secret)  # a stale subscription must not matter
    assert SECRET_POST not in client.get("/membres/mon-fil/", HTTP_HOST=host).text
    assert SECRET_POST not in search_titles(client, host, "calendrier arbitrages")
    assert client.get(secret.url, HTTP_HOST=host).status_code == 404


def test_secret_community_listed_elsewhere_stays_hidden(client, world, content, host, db):
    from portail.portals import create_portal

    other = create_portal("beta.localhost", "Portail Bêta")
    other_index = ensure_community_index(other.home)
    secret = create_community(world.index, "Cellule secrète partagée", Visibility.SECRET, listed_on=[other.site])
    public = create_community(world.index, "Réseau ouvert partagé", Visibility.PUBLIC, listed_on=[other.site])
    stranger = member_user("inconnu")
    client.force_login(stranger)
    listing = client.get(other_index.url, HTTP_HOST="beta.localhost").text
    assert public.title in listing
    assert secret.title not in listing

    add_member(secret, stranger)
    assert secret.title in client.get(other_index.url, HTTP_HOST="beta.localhost").text


def test_pending_member_cannot_read_on_request_posts(client, world, content, host):
    on_request = world.communities[Visibility.ON_REQUEST]
    client.force_login(content["pending"])
    post = on_request.posts.get()
    response = client.get(
        on_request.url + on_request.reverse_subpage("post_detail", kwargs={"post_id": post.pk}), HTTP_HOST=host
    )
    assert response.status_code == 403
    assert ON_REQUEST_POST not in response.text


def test_visible_community_ids_for_other_apps(world, fresh_people):
    from communities.access import visible_community_ids

    secret = world.communities[Visibility.SECRET].pk
    assert secret in visible_community_ids(fresh_people["member"])
    assert secret in visible_community_ids(fresh_people["editor"])
    for role in ("visitor", "pending"):
        assert secret not in visible_community_ids(fresh_people[role])
    from django.contrib.auth.models import AnonymousUser

    assert secret not in visible_community_ids(AnonymousUser())

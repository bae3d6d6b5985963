"""Community documents: who lists, shares, replaces and downloads them (through
the tool and through Wagtail's /documents/ URLs), upload limits, escaping,
versions, search and the listing's query budget."""

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from communities import tools
from communities.library import shelves
from communities.library.models import CommunityLibrary
from communities.models import ActivityItem, Visibility
from search.models import SearchDocument

HOST = "alpha.localhost"
VISIBILITIES = [Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET]
Document = get_document_model()


def text_file(name="compte-rendu.txt", content=b"Compte rendu de la rencontre."):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def share(world, visibility=Visibility.PUBLIC, title="Compte rendu de juin", tags=("rencontre",), role="member"):
    return shelves.share(world.communities[visibility], world.people[role], title, text_file(), list(tags))


def url(community, name="index", **kwargs):
    return tools.url(community, "documents", name, **kwargs)


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_each_community_gets_its_collection_under_its_portal(world):
    community = world.communities[Visibility.SECRET]
    library = shelves.library_of(community)
    assert shelves.library_of(community) == library
    assert library.collection.get_parent() == world.portal.collection
    assert CommunityLibrary.objects.filter(community=community).count() == 1


# Listing and downloading (through the tool and /documents/): the community's readers.
READ = {
    Visibility.PUBLIC: {"anonymous": 200, "visitor": 200, "pending": 200, "member": 200, "editor": 200},
    Visibility.ON_REQUEST: {"anonymous": 302, "visitor": 403, "pending": 403, "member": 200, "editor": 200},
    Visibility.SECRET: {"anonymous": 404, "visitor": 404, "pending": 404, "member": 200, "editor": 200},
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending", "member", "editor"])
def test_who_lists_and_downloads(client, world, fresh_people, visibility, role):
    document = share(world, visibility)
    community = world.communities[visibility]
    login(client, fresh_people, role)
    expected = READ[visibility][role]
    listing = client.get(url(community), HTTP_HOST=HOST)
    assert listing.status_code == expected
    if expected == 200:
        assert document.title in listing.content.decode()
        assert document.url in listing.content.decode()
    served = client.get(document.url, HTTP_HOST=HOST)
    assert served.status_code == expected
    if expected == 200:
        assert content_of(served) == b"Compte rendu de la rencontre."
    else:
        assert b"Compte rendu de la rencontre." not in content_of(served)


def test_a_secret_communitys_document_is_refused_to_non_members(client, world, fresh_people):
    document = share(world, Visibility.SECRET)
    for role in ("visitor", "pending"):
        client.force_login(fresh_people[role])
        assert client.get(f"/documents/{document.pk}/{document.filename}", HTTP_HOST=HOST).status_code == 404
    client.logout()
    assert client.get(f"/documents/{document.pk}/{document.filename}", HTTP_HOST=HOST).status_code == 404


def test_documents_outside_communities_are_served_as_before(client, world):
    document = Document.objects.create(
        title="Guide public", file=text_file("guide.txt", b"Guide."), collection=world.portal.collection
    )
    assert content_of(client.get(document.url, HTTP_HOST=HOST)) == b"Guide."


SHARE = {
    Visibility.PUBLIC: {
        "anonymous": 302,
        "visitor": 403,
        "pending": 403,
        "member": 302,
        "animateur": 302,
        "editor": 403,
    },
    Visibility.ON_REQUEST: {
        "anonymous": 302,
        "visitor": 403,
        "pending": 403,
        "member": 302,
        "animateur": 302,
        "editor": 403,
    },
    Visibility.SECRET: {
        "anonymous": 404,
        "visitor": 404,
        "pending": 404,
        "member": 302,
        "animateur": 302,
        "editor": 403,
    },
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending", "member", "animateur", "editor"])
def test_who_shares(client, world, fresh_people, visibility, role):
    community = world.communities[visibility]
    login(client, fresh_people, role)
    data = {"title": "Cahier des charges", "file": text_file("Cahier des charges (v2).txt"), "tags": "marché, étude"}
    response = client.post(url(community, "upload"), data, HTTP_HOST=HOST)
    assert response.status_code == SHARE[visibility][role]
    document = Document.objects.filter(title="Cahier des charges").first()
    if role in ("member", "animateur"):
        assert document.collection == shelves.library_of(community).collection
        assert document.uploaded_by_user == fresh_people[role]
        assert sorted(tag.name for tag in document.tags.all()) == ["marché", "étude"]
        assert document.filename.startswith("cahier-des-charges-v2") and document.filename.endswith(".txt")
        line = ActivityItem.objects.get(community=community, verb=ActivityItem.Verb.DOCUMENT)
        assert line.subject_title == "Cahier des charges"
        assert line.subject_url.endswith(url(community, "detail", document_id=document.pk))
    else:
        assert document is None


def test_an_oversized_upload_is_refused_with_a_clear_message(client, world, fresh_people, settings):
    settings.COMMUNITY_DOCUMENT_MAX_SIZE = 1024
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    data = {"title": "Trop lourd", "file": text_file("lourd.txt", b"x" * 2048)}
    response = client.post(url(community, "upload"), data, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "la limite est de 1,0" in response.content.decode() or "la limite est de 1.0" in response.content.decode()
    assert not Document.objects.filter(title="Trop lourd").exists()


@pytest.mark.parametrize("name", ["script.exe", "page.html", "image.svg", "archive.tar.gz.php", "sans-extension"])
def test_a_disallowed_extension_is_refused(client, world, fresh_people, name):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    response = client.post(url(community, "upload"), {"title": "Interdit", "file": text_file(name)}, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "Ce type de fichier n&#x27;est pas accepté" in response.content.decode()
    assert not Document.objects.filter(title="Interdit").exists()


def test_a_missing_file_or_title_is_reported(client, world, fresh_people):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    before = Document.objects.count()
    response = client.post(url(community, "upload"), {"title": ""}, HTTP_HOST=HOST)
    assert response.status_code == 400
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert Document.objects.count() == before


def test_file_names_are_sanitised(world):
    document = shelves.share(
        world.communities[Visibility.PUBLIC], world.people["member"], "Nom", text_file("../../etc/ Résumé <b>.txt"), []
    )
    assert "/" not in document.filename and ".." not in document.file.name
    assert document.filename.startswith("resume-b")
    assert document.filename.endswith(".txt")
    folder = document.file.name.split("/")[1]
    assert document.file.name == f"documents/{folder}/{document.filename}" and len(folder) >= 12
    again = shelves.share(
        world.communities[Visibility.PUBLIC], world.people["member"], "Nom", text_file("../../etc/ Résumé <b>.txt"), []
    )
    assert again.filename == document.filename and again.file.name != document.file.name
    long = shelves.share(
        world.communities[Visibility.PUBLIC], world.people["member"], "Long", text_file("x" * 300 + ".txt"), []
    )
    assert len(long.file.name) <= 100 and long.filename.endswith(".txt")


INJECTION = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'


def test_document_titles_and_tags_are_escaped(client, world, fresh_people):
    document = share(world, title=f"Titre {INJECTION}", tags=["<b onmouseover=alert(4)>tag</b>"])
    client.force_login(fresh_people["member"])
    community = world.communities[Visibility.PUBLIC]
    for page_url in (url(community), url(community, "detail", document_id=document.pk)):
        html = client.get(page_url, HTTP_HOST=HOST).content.decode()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "<b onmouseover" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_new_version_keeps_the_previous_one(client, world, fresh_people):
    document = share(world)
    community = world.communities[Visibility.PUBLIC]
    first_file = document.file.name
    client.force_login(fresh_people["member"])
    response = client.post(
        url(community, "new_version", document_id=document.pk),
        {"file": text_file("compte-rendu.txt", b"Version corrigee.")},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file.name != first_file
    assert content_of(client.get(document.url, HTTP_HOST=HOST)) == b"Version corrigee."
    assert [version.number for version in document.versions.all()] == [2, 1]
    html = client.get(url(community, "detail", document_id=document.pk), HTTP_HOST=HOST).content.decode()
    old_url = urlsplit(url(community, "version", document_id=document.pk, number=1)).path
    assert f'href="{old_url}"' in html
    old = client.get(old_url, HTTP_HOST=HOST)
    assert old.status_code == 200
    assert content_of(old) == b"Compte rendu de la rencontre."
    assert "attachment" in old["Content-Disposition"]


@pytest.mark.parametrize("role,allowed", [("member", True), ("animateur", True), ("expert", False), ("visitor", False)])
def test_who_uploads_a_new_version(client, world, fresh_people, role, allowed):
    document = share(world, role="member")
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people[role])
    response = client.post(
        url(community, "new_version", document_id=document.pk), {"file": text_file()}, HTTP_HOST=HOST
    )
    assert response.status_code == (302 if allowed else 403)
    assert document.versions.count() == (2 if allowed else 1)


def test_a_bad_new_version_is_refused(client, world, fresh_people):
    document = share(world)
    client.force_login(fresh_people["member"])
    community = world.communities[Visibility.PUBLIC]
    response = client.post(
        url(community, "new_version", document_id=document.pk), {"file": text_file("virus.exe")}, HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert "Ce type de fichier" in response.content.decode()
    assert document.versions.count() == 1


def test_earlier_versions_follow_the_communitys_rules(client, world, fresh_people):
    document = share(world, Visibility.SECRET)
    shelves.add_version(document, world.people["member"], text_file(content=b"v2"))
    old_url = url(world.communities[Visibility.SECRET], "version", document_id=document.pk, number=1)
    client.force_login(fresh_people["visitor"])
    assert client.get(old_url, HTTP_HOST=HOST).status_code == 404
    client.force_login(fresh_people["member"])
    assert content_of(client.get(old_url, HTTP_HOST=HOST)) == b"Compte rendu de la rencontre."
    # A version of a document of another community is not reachable from this one.
    public_url = url(world.communities[Visibility.PUBLIC], "version", document_id=document.pk, number=1)
    assert client.get(public_url, HTTP_HOST=HOST).status_code == 404


def test_the_list_filters_by_tag_and_shows_an_empty_state(client, world, fresh_people):
    community = world.communities[Visibility.ON_REQUEST]
    client.force_login(fresh_people["member"])
    assert "Aucun document partagé pour l" in client.get(url(community), HTTP_HOST=HOST).content.decode()
    share(world, Visibility.ON_REQUEST, title="Budget 2026", tags=["budget"])
    share(world, Visibility.ON_REQUEST, title="Planning des travaux", tags=["travaux"])
    html = client.get(url(community) + "?tag=budget", HTTP_HOST=HOST).content.decode()
    assert "Budget 2026" in html and "Planning des travaux" not in html
    html = client.get(url(community) + "?tag=inconnu", HTTP_HOST=HOST).content.decode()
    assert "Aucun document avec ce mot-clé." in html


def test_documents_are_found_by_their_communitys_readers_only(world):
    from search.registry import audiences_for

    public = share(world, Visibility.PUBLIC, title="Guide des mobilités", tags=["vélo"])
    secret = share(world, Visibility.SECRET, title="Note confidentielle", tags=["crise"])
    documents = {doc.title: doc for doc in SearchDocument.objects.filter(kind="document")}
    assert documents["Guide des mobilités"].audience == ""
    assert documents["Note confidentielle"].audience == f"community:{world.communities[Visibility.SECRET].pk}"
    assert "vélo" in documents["Guide des mobilités"].body
    assert documents["Note confidentielle"].audience in audiences_for(world.people["member"])
    assert documents["Note confidentielle"].audience not in audiences_for(world.people["visitor"])
    public_pk = public.pk
    public.delete()
    assert not SearchDocument.objects.filter(kind="document", title="Guide des mobilités").exists()
    assert not ActivityItem.objects.filter(verb=ActivityItem.Verb.DOCUMENT, subject_id=public_pk).exists()
    assert ActivityItem.objects.filter(verb=ActivityItem.Verb.DOCUMENT, subject_id=secret.pk).exists()
    assert secret.title in SearchDocument.objects.filter(kind="document").values_list("title", flat=True)


def test_the_list_query_budget_does_not_grow(client, world, fresh_people, django_assert_max_num_queries):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    for number in range(2):
        share(world, title=f"Document {number}", tags=[f"tag-{number}", "commun"])
    client.get(url(community), HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(community), HTTP_HOST=HOST).status_code == 200
    for number in range(2, 20):
        share(
            world,
            title=f"Document {number}",
            tags=[f"tag-{number}", "commun"],
            role="expert" if number % 2 else "member",
        )
    with django_assert_max_num_queries(len(small)):
        response = client.get(url(community), HTTP_HOST=HOST)
    assert "20 documents" in response.content.decode()
    assert len(small) <= 25


def test_a_community_turning_secret_hides_its_documents_from_search(world):
    from communities.models import CommunityPage

    community = CommunityPage.objects.get(pk=world.communities[Visibility.PUBLIC].pk)  # not the world's shared object
    share(world, Visibility.PUBLIC, title="Plan vélo")
    assert SearchDocument.objects.get(kind="document", title="Plan vélo").audience == ""
    community.visibility = Visibility.SECRET
    community.save_revision().publish()
    assert SearchDocument.objects.get(kind="document", title="Plan vélo").audience == f"community:{community.pk}"
    community.unpublish()
    assert not SearchDocument.objects.filter(kind="document", title="Plan vélo").exists()

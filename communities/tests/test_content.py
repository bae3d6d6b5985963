"""Members' content: injection attempts are stored and shown harmlessly, bad input
gets a clear form error, posting is rate-limited, animateurs moderate reports."""

import re

import pytest
from django.test import override_settings

from communities import content, posting
from communities.models import ActivityItem, Comment, Post, Report, Visibility

ATTACKS = [
    '<script>alert("xss")</script>Bonjour',
    '<img src="x" onerror="alert(1)">Photo',
    '<a href="javascript:alert(1)">cliquez</a>',
    '<p onclick="alert(1)" style="color:red">Texte</p>',
    '<iframe src="https://evil.example"></iframe>Cadre',
    '<a href="https://example.org" onmouseover="alert(1)">lien</a>',
    '<svg onload="alert(1)"><circle></circle></svg>Dessin',
    '<a href="JaVaScRiPt:alert(1)">casse</a>',
]
# Live markup (not escaped text): a script or frame tag, an event handler or a
# javascript: URL in an attribute.
ACTIVE_MARKUP = re.compile(
    r"<(script|iframe|svg)\b|<[a-z][^>]*\son[a-z]+\s*=|<[a-z][^>]*=\s*[\"']?\s*javascript:", re.IGNORECASE
)
# The project's own scripts, served from /static/, are not user content.
OWN_SCRIPT = re.compile(r'<script src="/static/[^"<>]+"( defer)?></script>')
DANGEROUS = ["<script", "onerror", "onclick", "onmouseover", "onload", "javascript:", "<iframe", "<svg", "style="]


def route(community, name, **kwargs):
    return community.url + community.reverse_subpage(name, kwargs=kwargs or None)


@pytest.mark.parametrize("attack", ATTACKS)
def test_clean_html_removes_active_content(attack):
    cleaned = content.clean_html(attack).lower()
    for marker in DANGEROUS:
        assert marker not in cleaned


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert content.clean_html("Un & deux\n\nTrois <b") == "<p>Un &amp; deux</p><p>Trois &lt;b</p>"


@pytest.mark.parametrize("attack", ATTACKS)
def test_injection_in_posts_and_comments_is_stored_and_shown_harmlessly(client, world, fresh_people, host, attack):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    title = f'Titre <script>alert("t")</script> {attack[:20]}'
    response = client.post(route(community, "publish"), {"title": title, "body": attack}, HTTP_HOST=host)
    assert response.status_code == 302
    post = Post.objects.get(community=community)
    assert post.title == title  # titles are stored as typed and escaped on output
    for marker in DANGEROUS:
        assert marker not in post.body.lower()

    client.post(route(community, "comment", post_id=post.pk), {"body": attack}, HTTP_HOST=host)
    comment = Comment.objects.get(post=post)
    for marker in DANGEROUS:
        assert marker not in comment.body.lower()

    for url in (route(community, "post_detail", post_id=post.pk), community.url, "/membres/mon-fil/"):
        page = OWN_SCRIPT.sub("", client.get(url, HTTP_HOST=host).text)
        assert not ACTIVE_MARKUP.search(page), ACTIVE_MARKUP.search(page)


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"title": "", "body": "Texte"}, "title", "Champ requis"),
        ({"title": "x" * 201, "body": "Texte"}, "title", "au plus 200 caractères"),
        ({"title": "Titre", "body": "x" * 20_001}, "body", "au plus 20000 caractères"),
        ({"title": "Titre", "body": "<script>alert(1)</script>"}, "body", "vide une fois le code non autorisé retiré"),
        ({"title": "Titre\x00nul", "body": "Texte"}, "title", "caractère nul"),
        ({"title": "Titre\x07", "body": "Texte"}, "title", "caractères de contrôle"),
    ],
)
def test_bad_input_gets_a_clear_form_error(client, world, fresh_people, host, data, field, message):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    response = client.post(route(community, "publish"), data, HTTP_HOST=host)
    assert response.status_code == 400
    assert message in response.text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Le formulaire contient des erreurs" in response.text
    assert response.context["post_form"].errors[field]
    assert not Post.objects.filter(community=community).exists()


@override_settings(COMMUNITIES_RATE_LIMITS={"post": (2, 600)})
def test_posting_is_rate_limited(client, world, fresh_people, host):
    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["member"])
    statuses = [
        client.post(route(community, "publish"), {"title": f"Message {n}", "body": "Texte"}, HTTP_HOST=host).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 400]
    assert Post.objects.filter(community=community).count() == 2
    response = client.post(route(community, "publish"), {"title": "Encore", "body": "Texte"}, HTTP_HOST=host)
    assert "Vous publiez trop vite" in response.text


def test_report_then_hide(client, world, fresh_people, host):
    community = world.communities[Visibility.PUBLIC]
    post = posting.publish_post(community, fresh_people["member"], "Publicité déguisée", "<p>Achetez !</p>")
    client.force_login(fresh_people["expert"])
    response = client.post(route(community, "report", kind="post", pk=post.pk), {"reason": "Publicité"}, HTTP_HOST=host)
    assert response.status_code == 302
    report = Report.objects.get(post=post)
    assert fresh_people["animateur"].community_notifications.filter(kind="report").exists()

    client.force_login(fresh_people["member"])
    assert client.post(route(community, "moderate", kind="post", pk=post.pk), HTTP_HOST=host).status_code == 403

    client.force_login(fresh_people["animateur"])
    manage = client.get(route(community, "manage"), HTTP_HOST=host)
    assert "Publicité déguisée" in manage.text
    assert (
        client.post(
            route(community, "moderate", kind="post", pk=post.pk), {"action": "hide"}, HTTP_HOST=host
        ).status_code
        == 302
    )
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden and report.resolved_at is not None
    assert not ActivityItem.objects.filter(post=post, hidden=False).exists()

    client.force_login(fresh_people["visitor"])
    assert "Publicité déguisée" not in client.get(community.url, HTTP_HOST=host).text
    assert client.get(route(community, "post_detail", post_id=post.pk), HTTP_HOST=host).status_code == 404


def test_hidden_comment_disappears_for_readers(client, world, fresh_people, host):
    community = world.communities[Visibility.PUBLIC]
    post = posting.publish_post(community, fresh_people["member"], "Question", "<p>Qui sait ?</p>")
    comment = posting.add_comment(post, fresh_people["expert"], "<p>Réponse injurieuse</p>")
    posting.set_hidden(comment, True, fresh_people["animateur"])
    assert "Réponse injurieuse" not in client.get(route(community, "post_detail", post_id=post.pk), HTTP_HOST=host).text
    client.force_login(fresh_people["animateur"])
    assert "Réponse injurieuse" in client.get(route(community, "post_detail", post_id=post.pk), HTTP_HOST=host).text

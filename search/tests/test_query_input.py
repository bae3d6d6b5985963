"""Whatever a reader types reaches every search entry point (the page, the API,
the autocomplete, the similar questions, a saved-search alert) as read by
``search.query``, never raw: a lone double quote, brackets, operators, control
characters or a NUL answer 200 with a sane answer, on the database backend and
on OpenSearch (issue 14)."""

import random

import pytest
from django.core import mail

from communities.factories import add_member, member_user
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from communities.questions import answering
from search import alerts
from search.models import SavedSearch

from .conftest import refresh

# The inputs that raised « unterminated string » before search.query.
CRASHING = ['"', '"(', ',"', '"""', "a\x00"]
# Nothing searchable: punctuation, operators, control characters, stop words.
NOTHING = CRASHING + [
    "(",
    ")",
    "()",
    "*",
    "-",
    "+",
    ":",
    "^",
    "~",
    "\\",
    "\\\\",
    '\\"',
    "{}",
    "[]",
    "'",
    "’",
    "«»",
    "« »",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR()",
    "AND OR NOT",
    '"AND"',
    "* OR *",
    "-(",
    "^2",
    "~1",
    ":*",
    "'*'",
    "\x1b[31m",
    "\x00(\x00",
    "le la les",
    '"de la"',
    "« à la »",
    "the of and",
    "l'",
    "d'un",
    '"' * 300,
    "(" * 1000,
    "-" * 5000,
]
# Nothing typed once invisible characters are gone: as an empty search box.
BLANK = ["\x00", "\x00\x00", "\t\n\r", "\x7f", "\u200b", "\ufeff", "\u00ad", " \u2028 "]
# The fixture's document, found through phrases and awkward punctuation.
MOBILITY = [
    '"mobilité"',
    '"plan de mobilité"',
    "« plan de mobilité »",
    '"plan de mobilité',
    'plan "mobilité',
    "mobilité AND rurale",
    "(mobilité)",
    "mobilité*",
    "-mobilité",
    "+mobilité",
    "mobilité:",
    ":mobilité",
    "mobilité^",
    "mobilité~",
    "mobi\u00adlité",
    "MOBILITÉ\x00",
    "mobilité\x00rurale",
    "mobilité" + " " * 500,
    '"mobilité" "rurale"',
    "NEAR(mobilité rurale)",
    "mobilité\\",
    "«mobilité»",
]
PIECES = [
    '"',
    "(",
    ")",
    "*",
    "-",
    "+",
    ":",
    "^",
    "~",
    "\\",
    "'",
    "{",
    "}",
    "[",
    "]",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "\x00",
    "\x01",
    "\x1f",
    "\x7f",
    "\u2028",
    "\u200b",
    "%",
    "_",
    "€",
    "¼",
    "ǅ",
    "ﬁ",
    "中文",
    "🚲",
    "é",
    "\u0301",
    "mobilité",
    "plan",
    "rurale",
    "zzz",
    "ZAN",
    "l'",
    "à",
]


def fuzzed(count=60, seed=14):
    """Strings of random pieces, joined with or without spaces."""
    draw = random.Random(seed)
    return [
        draw.choice(["", " "]).join(draw.choice(PIECES) for _ in range(draw.randint(1, 12))) for _ in range(count)
    ] + ["".join(draw.choice(PIECES) for _ in range(400))]


FUZZED = fuzzed()
EVERYTHING = NOTHING + BLANK + MOBILITY + FUZZED
TITLE = "Plan de mobilité rurale"


@pytest.fixture
def corpus(portal_a, publish):
    publish(portal_a, TITLE, "Covoiturage et mobilités partagées dans les bourgs.")
    publish(portal_a, "Piscines municipales", "Entretien des bassins.")
    return portal_a


def client_get(client, host, url, params, number):
    """Each request from its own address, under the API's rate limit."""
    return client.get(url, params, HTTP_HOST=host, REMOTE_ADDR=f"10.14.{number // 250}.{number % 250 + 1}")


@pytest.mark.django_db
def test_the_search_page_answers_every_input(client, corpus):
    host = corpus.site.hostname
    for number, text in enumerate(EVERYTHING):
        response = client_get(client, host, "/recherche/", {"q": text}, number)
        assert response.status_code == 200, repr(text)
        html = response.content.decode()
        if text in NOTHING:
            assert "Aucun résultat" in html and "Piscines" not in html, repr(text)
        if text in MOBILITY:
            assert TITLE in html.replace("<mark>", "").replace("</mark>", ""), repr(text)
        if text in BLANK:
            assert TITLE in html and "Piscines" in html, repr(text)


@pytest.mark.django_db
def test_the_api_answers_every_input(client, corpus):
    host = corpus.site.hostname
    for number, text in enumerate(EVERYTHING):
        response = client_get(client, host, "/api/v1/search/", {"q": text}, number)
        assert response.status_code == 200, repr(text)
        answer = response.json()
        assert answer["count"] == len(answer["results"]) and answer["num_pages"] == 1, repr(text)
        titles = [result["title"] for result in answer["results"]]
        if text in NOTHING:
            assert titles == [] and answer["count"] == 0, repr(text)
        if text in MOBILITY:
            assert titles == [TITLE], repr(text)
        if text in BLANK:
            assert sorted(titles) == ["Piscines municipales", TITLE], repr(text)
        if "\x00" in text:
            assert "\x00" not in response.content.decode(), repr(text)


@pytest.mark.django_db
def test_the_autocomplete_answers_every_input(client, corpus):
    host = corpus.site.hostname
    for number, text in enumerate(EVERYTHING):
        response = client_get(client, host, "/api/v1/search/autocomplete/", {"q": text}, number)
        assert response.status_code == 200, repr(text)
        labels = [suggestion["label"] for suggestion in response.json()["suggestions"]]
        if text in NOTHING + BLANK:
            assert labels == [], repr(text)
    assert (
        client_get(client, host, "/api/v1/search/autocomplete/", {"q": '"mobil'}, 0).json()["suggestions"][0]["label"]
        == TITLE
    )


@pytest.mark.django_db
def test_similar_questions_answer_every_input(client, corpus, search_index):
    community = create_community(ensure_community_index(corpus.home), "Mobilités rurales", Visibility.PUBLIC)
    member = member_user("membre-mobilite")
    add_member(community, member)
    answering.ask(
        community, member, "Comment financer un plan de mobilité rurale ?", "<p>Nous cherchons des aides.</p>"
    )
    refresh(search_index)
    client.force_login(member)
    url = community.url + "questions/similaires/"
    for number, text in enumerate(EVERYTHING):
        response = client_get(client, corpus.site.hostname, url, {"q": text}, number)
        assert response.status_code == 200, repr(text)
        titles = [result["title"] for result in response.json()["results"]]
        if text in NOTHING + BLANK:
            assert titles == [], repr(text)
        if text in MOBILITY:
            assert titles == ["Comment financer un plan de mobilité rurale ?"], repr(text)


@pytest.mark.django_db
def test_alerts_are_saved_and_sent_for_every_input(client, corpus):
    reader = member_user("lectrice-alerte", email="lectrice@example.org")
    client.force_login(reader)
    host = corpus.site.hostname
    for text in EVERYTHING:
        mail.outbox.clear()
        response = client.post("/recherche/alertes/creer/", {"q": text, "frequency": "daily"}, HTTP_HOST=host)
        assert response.status_code == 302, repr(text)
        alert = SavedSearch.objects.get(user=reader)
        assert "\x00" not in alert.query, repr(text)
        # Created before the documents were indexed: they are new to it.
        SavedSearch.objects.filter(pk=alert.pk).update(created_at=alert.created_at.replace(year=2000))
        alert.refresh_from_db()
        sent = alerts.send_alert(alert)
        if text in NOTHING:
            assert not sent and mail.outbox == [], repr(text)
        if text in MOBILITY:
            assert sent and TITLE in mail.outbox[0].body and "Piscines" not in mail.outbox[0].body, repr(text)
        if text in BLANK:  # an alert on facets only: everything new
            assert sent and alert.query == "" and "Piscines" in mail.outbox[0].body, repr(text)
        alert.delete()

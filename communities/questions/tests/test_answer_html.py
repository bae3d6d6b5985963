"""The answer list written in Python escapes what people wrote and keeps the
markup the theme styles (badges, actions, screen-reader suffixes)."""

from types import SimpleNamespace

from django.utils import translation

from communities.questions.answer_html import answer_list


def answer(**fields):
    values = {
        "anchor": "reponse-7",
        "css_class": "answer",
        "author_name": "Claire Martin",
        "is_expert": False,
        "accepted": False,
        "iso_date": "2025-03-01T09:05:00+00:00",
        "display_date": "1 mars 2025, 10:05",
        "hidden": False,
        "body": "<p>Voir le <strong>PLUi</strong>.</p>",
        "votes_text": "2 votes",
        "votable": False,
        "voted": False,
        "acceptable": False,
        "actions_url": "/communautes/c/questions/1/reponses/7/",
        "number": "3",
        "moderation_action": "hide",
        "moderation_label": "Masquer",
    }
    values.update(fields)
    return SimpleNamespace(**values)


def test_people_s_words_are_escaped_and_the_cleaned_body_is_kept():
    with translation.override("fr"):
        html = answer_list([answer(author_name='<script>alert("x")</script>', display_date='1 "mars"')], manage=False)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "1 &quot;mars&quot;" in html
    assert '<div class="answer__body"><p>Voir le <strong>PLUi</strong>.</p></div>' in html


def test_a_former_member_and_badges():
    with translation.override("fr"):
        html = answer_list([answer(author_name=None, is_expert=True, accepted=True, hidden=True)], manage=False)

    assert '<p class="muted">Un ancien membre <span class="badge badge--expert">Expert</span>' in html
    assert '<span class="badge badge--accepted">Réponse acceptée</span>' in html
    assert " · masquée</p>" in html


def test_actions_each_name_their_answer_for_screen_readers():
    with translation.override("fr"):
        html = answer_list([answer(votable=True, acceptable=True)], manage=True)

    assert (
        '<button type="submit" formaction="/communautes/c/questions/1/reponses/7/voter/" class="button '
        'button--secondary">'
        'Voter<span class="visually-hidden"> pour la réponse 3</span></button>'
    ) in html
    assert 'formaction="/communautes/c/questions/1/reponses/7/accepter/"' in html
    assert 'formaction="/communautes/c/questions/1/reponses/7/moderer/" name="action" value="hide"' in html
    assert html.count("<button") == 3


def test_a_vote_already_given_replaces_the_button_and_english_labels():
    with translation.override("en"):
        html = answer_list([answer(votable=True, voted=True)], manage=False)

    assert "<button" not in html
    assert '<span class="muted">You have voted</span>' in html

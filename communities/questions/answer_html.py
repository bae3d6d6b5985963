"""The answers of a question page, written in Python.

A question may gather hundreds of answers. In the template language each answer
cost some forty variable look-ups and conditions (its author, badges, date, vote
count and up to three action buttons), which made the answer list most of the
page's time. ``answer_list`` writes the same markup with f-strings: every value
that comes from people or translations goes through ``html.escape`` (quotes
included, for attributes); the labels are translated and escaped once per page.
The answer bodies are HTML cleaned with nh3 when they are saved, as the template
trusted them with ``|safe``.

The view prepares what each answer shows (``questions.views._prepare_actions``):
``anchor``, ``css_class``, ``author_name``, ``accepted``, ``iso_date``,
``display_date``, ``votes_text``, ``votable``, ``voted``, ``acceptable``,
``actions_url``, ``number``, ``moderation_action`` and ``moderation_label``."""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def _labels():
    # gettext calls stay outside the f-strings, where makemessages finds them.
    expert, accepted, hidden, voted = _("Expert"), _("Réponse acceptée"), _("masquée"), _("Vous avez voté")
    return {
        "former_member": escape(_("Un ancien membre")),
        "expert": f' <span class="badge badge--expert">{escape(expert)}</span>',
        "accepted": f' <span class="badge badge--accepted">{escape(accepted)}</span>',
        "hidden": f" · {escape(hidden)}",
        "voted": f'<span class="muted">{escape(voted)}</span>',
        "vote": escape(_("Voter")),
        "for_answer": escape(_("pour la réponse")),
        "accept": escape(_("Accepter")),
        "the_answer": escape(_("la réponse")),
    }


def _button(url, label, suffix, number, action=""):
    """A submit button of the answers' form; ``label`` and ``suffix`` are escaped
    already."""
    name = f' name="action" value="{escape(action)}"' if action else ""
    return (
        f'<button type="submit" formaction="{escape(url)}"{name} class="button button--secondary">'
        f'{label}<span class="visually-hidden"> {suffix} {escape(number)}</span></button>'
    )


def _item(answer, labels, manage):
    actions = []
    if answer.votable:
        if answer.voted:
            actions.append(labels["voted"])
        else:
            actions.append(_button(f"{answer.actions_url}voter/", labels["vote"], labels["for_answer"], answer.number))
    if answer.acceptable:
        actions.append(_button(f"{answer.actions_url}accepter/", labels["accept"], labels["the_answer"], answer.number))
    if manage:
        label = escape(answer.moderation_label)
        actions.append(
            _button(
                f"{answer.actions_url}moderer/", label, labels["the_answer"], answer.number, answer.moderation_action
            )
        )
    author = escape(answer.author_name) if answer.author_name else labels["former_member"]
    badges = (labels["expert"] if answer.is_expert else "") + (labels["accepted"] if answer.accepted else "")
    actions_html = "\n        ".join(actions)
    return (
        f'<li id="{escape(answer.anchor)}" class="{escape(answer.css_class)}">\n'
        f'      <p class="muted">{author}{badges} · <time '
        f'datetime="{escape(answer.iso_date)}">{escape(answer.display_date)}</time>'
        f"{labels['hidden'] if answer.hidden else ''}</p>\n"
        f'      <div class="answer__body">{answer.body}</div>\n'
        f'      <div class="answer__actions">\n'
        f'        <span class="answer__votes">{escape(answer.votes_text)}</span>\n'
        f"        {actions_html}\n"
        f"      </div>\n"
        f"    </li>"
    )


def answer_list(answers, manage):
    """The ``<li>`` of every answer, as one safe string."""
    labels = _labels()
    return mark_safe("\n    ".join(_item(answer, labels, manage) for answer in answers))

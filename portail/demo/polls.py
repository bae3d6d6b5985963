"""Demo polls and a questionnaire in the first demo communities, with votes and
answers from their members. ``load()`` changes nothing that already exists."""

import datetime

from django.utils import timezone

from communities.models import CommunityPage, Membership
from communities.polls import voting
from communities.polls.models import Poll, QuestionnaireField, QuestionnairePage, QuestionnaireSubmission

# question, kind, anonymous, days until closing (negative: closed), choices
POLLS = [
    (
        "Quel format pour la prochaine rencontre ?",
        Poll.Kind.SINGLE,
        True,
        14,
        ["Visioconférence", "Présentiel", "Les deux"],
    ),
    (
        "Quels sujets approfondir cette année ?",
        Poll.Kind.MULTIPLE,
        False,
        30,
        ["Financements", "Retours d'expérience", "Outils numériques", "Réglementation"],
    ),
    ("Faut-il une lettre d'information mensuelle ?", Poll.Kind.SINGLE, False, -3, ["Oui", "Non"]),
]
QUESTIONNAIRE = "Vos besoins d'accompagnement"
FIELDS = [
    ("Votre principal besoin", "multiline", ""),
    ("Votre structure", "dropdown", "Commune\nIntercommunalité\nDépartement\nRégion\nÉtat\nAutre"),
    ("Souhaitez-vous témoigner lors d'une rencontre ?", "radio", "Oui\nNon"),
]
ANSWERS = [
    ("Trouver des financements pour nos études.", "Commune", "Oui"),
    ("Comparer nos cahiers des charges.", "Intercommunalité", "Non"),
    ("Former les nouveaux agents.", "Département", "Non"),
]


def _members(community):
    memberships = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE).select_related("user")
    return [membership.user for membership in memberships.order_by("pk")]


def _animateur(community):
    membership = Membership.objects.filter(
        community=community, role=Membership.Role.ANIMATEUR, status=Membership.Status.ACTIVE
    ).first()
    return membership.user if membership else None


def _polls(community, animateur, members):
    for number, (question, kind, anonymous, days, labels) in enumerate(POLLS):
        poll = voting.open_poll(
            community,
            animateur,
            question,
            kind,
            anonymous,
            timezone.now() + datetime.timedelta(days=max(days, 1)),
            labels,
        )
        choices = list(poll.choices.all())
        for offset, member in enumerate(members):
            picked = choices[(offset + number) % len(choices)]
            extra = [choices[(offset + 1) % len(choices)]] if kind == Poll.Kind.MULTIPLE and offset % 2 else []
            voting.vote(poll, member, [str(choice.pk) for choice in {picked, *extra}])
        if days < 0:
            Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() + datetime.timedelta(days=days))


def _questionnaire(community, animateur, members):
    page = QuestionnairePage(
        title=QUESTIONNAIRE,
        slug="besoins-accompagnement",
        intro="<p>Aidez les animateurs à préparer le programme de l'année : deux minutes suffisent.</p>",
        thank_you_text="<p>Merci ! Les résultats seront présentés à la prochaine rencontre.</p>",
        owner=animateur,
    )
    page.form_fields = [
        QuestionnaireField(label=label, field_type=kind, choices=choices, required=True)
        for label, kind, choices in FIELDS
    ]
    community.add_child(instance=page)
    page.save_revision(user=animateur).publish()
    keys = [field.clean_name for field in page.form_fields.all()]
    for member, answer in zip(members, ANSWERS):
        QuestionnaireSubmission.objects.create(page=page, user=member, form_data=dict(zip(keys, answer)))


def load(count=2):
    """Polls in the first ``count`` communities that have none; a questionnaire
    in the first of them. Returns how many communities got polls."""
    filled = 0
    for community in CommunityPage.objects.live().order_by("path")[:count]:
        if Poll.objects.filter(community=community).exists():
            continue
        animateur = _animateur(community)
        members = [user for user in _members(community) if user != animateur][:6]
        if animateur is None:
            continue
        _polls(community, animateur, members)
        if filled == 0 and not QuestionnairePage.objects.child_of(community).exists():
            _questionnaire(community, animateur, members)
        filled += 1
    return filled

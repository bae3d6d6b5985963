"""Demo veille: three published issues per portal, made of its newest
resources and partners' items, with editorial notes. Idempotent."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from harvest.listing import visible_items
from resources.listing import portal_resources
from resources.models import ResourcePage
from sites.translation import translate_page
from veille.models import VeilleEntry, VeillePage
from veille.pages import create_veille_index

ISSUES = [
    (
        "Veille de septembre 2026",
        datetime.date(2026, 9, 30),
        "La rentrée des territoires : financements, guides et retours d'expérience.",
    ),
    ("Veille d'octobre 2026", datetime.date(2026, 10, 30), "Ce qu'il ne fallait pas manquer ce mois-ci."),
    (
        "Veille de novembre 2026",
        datetime.date(2026, 11, 27),
        "Les nouveautés du mois, choisies par l'équipe éditoriale.",
    ),
]
NOTES = [
    "À lire avant votre prochain comité de pilotage.",
    "Un retour d'expérience transposable dans les petites communes.",
    "Date limite de candidature à noter dans vos agendas.",
    "Synthèse claire, avec des exemples chiffrés.",
]
ENTRIES_PER_ISSUE = 4


def load(sites):
    """Give each portal a veille archive (in every language) and its demo issues;
    returns the number of issues created."""

    created = 0
    for site in sites:
        index = create_veille_index(site.root_page)
        for locale in Locale.objects.exclude(pk=index.locale_id):
            translate_page(index, locale)
        if VeillePage.objects.child_of(index).exists():
            continue
        resources = list(portal_resources(site).order_by("-publication_date", "-pk")[: len(ISSUES) * 2])
        items = list(visible_items(site).prefetch_related(None)[: len(ISSUES) * 2])
        for number, (title, date, intro) in enumerate(ISSUES):
            targets = resources[number * 2 : number * 2 + 2] + items[number * 2 : number * 2 + 2]
            issue = VeillePage(title=title, slug=f"veille-{date:%Y-%m}", issue_date=date, intro=intro, summary=intro)
            issue.entries = [
                VeilleEntry(sort_order=position, note=NOTES[(number + position) % len(NOTES)], **_target(target))
                for position, target in enumerate(targets[:ENTRIES_PER_ISSUE])
            ]
            index.add_child(instance=issue)
            revision = issue.save_revision()
            revision.publish()
            VeillePage.objects.filter(pk=issue.pk).update(
                first_published_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
            )
            created += 1
    return created


def _target(target):
    return {"resource": target} if isinstance(target, ResourcePage) else {"harvested_item": target}

"""Load the demo: portals, domains, resource types, territories, 66 resources
(some shared between portals, some translated into English) and an admin account.
Running it again changes nothing that already exists."""

import datetime
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from portail.demo import data
from portail.demo.communities import load as load_communities
from portail.demo.harvest import load as load_harvest
from portail.demo.veille import load as load_veille
from portail.portals import complete_portal, create_portal
from resources.models import Domain, ResourceIndexPage, ResourcePage, ResourceType, Territory
from sites.models import PortalBranding
from sites.translation import translate_page

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "demo-admin-2026"
ADMIN_EMAIL = "admin@portail.localhost"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
STEPS = 6


class Command(BaseCommand):
    help = "Load the demo data (idempotent), step by step."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="port the demo is served on")

    def _step(self, number, text):
        self.stdout.write(f"[{number}/{STEPS}] {text}…")
        self.stdout.flush()

    def handle(self, *args, port, **options):
        with transaction.atomic():
            self._step(1, "Domaines, types de ressource et territoires")
            french = Locale.get_default()
            english, _created = Locale.objects.get_or_create(language_code="en")
            self._remove_wagtail_welcome_site()
            domains = self._domains(french, english)
            types = self._resource_types(french, english)
            territories = self._territories()
            self._step(2, "Portails, rubriques et pages d'information")
            sites = self._portals(port)
            self._step(3, "Ressources, en français et en anglais")
            created = self._resources(sites, domains, types, territories, english)
            self._admin()
            self._step(4, "Membres, communautés, questions, événements et sondages")
            communities = load_communities(sites, domains, territories)
        self.stdout.write(f"      {created} nouvelles ressources, {communities} nouvelles communautés.")
        self._step(5, "Moissonnage des sites partenaires de démonstration")
        load_harvest(sites, port, self.stdout)
        self._step(6, "Numéros de veille")
        issues = load_veille(sites)
        self.stdout.write(f"      {issues} nouveaux numéros.")
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))

    def _remove_wagtail_welcome_site(self):
        Site.objects.filter(root_page__title=WAGTAIL_WELCOME_TITLE).delete()
        Page.objects.filter(depth=2, title=WAGTAIL_WELCOME_TITLE).delete()

    def _domains(self, french, english):
        domains = {}
        for order, (slug, name_fr, name_en, colour, desc_fr, desc_en) in enumerate(data.DOMAINS):
            domain, _created = Domain.objects.get_or_create(
                slug=slug,
                locale=french,
                defaults={"name": name_fr, "colour": colour, "description": desc_fr, "sort_order": order},
            )
            if domain.get_translation_or_none(english) is None:
                translated = domain.copy_for_translation(english)
                translated.name, translated.description = name_en, desc_en
                translated.save()
            domains[slug] = domain
        return domains

    def _resource_types(self, french, english):
        types = {}
        for slug, name_fr, name_en in data.RESOURCE_TYPES:
            resource_type, _created = ResourceType.objects.get_or_create(
                slug=slug, locale=french, defaults={"name": name_fr}
            )
            if resource_type.get_translation_or_none(english) is None:
                translated = resource_type.copy_for_translation(english)
                translated.name = name_en
                translated.save()
            types[slug] = resource_type
        return types

    def _territories(self):
        return [
            Territory.objects.get_or_create(scale=scale, name=name, defaults={"insee_code": code})[0]
            for scale, name, code in data.TERRITORIES
        ]

    def _portals(self, port):
        sites = []
        for portal in data.PORTALS:
            site = Site.objects.filter(hostname=portal["hostname"]).first()
            if site is None:
                site = create_portal(
                    portal["hostname"],
                    portal["name"],
                    theme=portal["theme"],
                    port=port,
                    default=portal["default"],
                    primary_colour=portal["primary_colour"],
                    secondary_colour=portal["secondary_colour"],
                    tagline=portal["tagline"],
                ).site
            else:
                complete_portal(site.root_page.specific, portal["name"], PortalBranding.for_site(site).contact_email)
            sites.append(site)
        return sites

    def _resources(self, sites, domains, types, territories, english):
        indexes = [ResourceIndexPage.objects.child_of(site.root_page).get() for site in sites]
        type_cycle = itertools.cycle(list(types.values()))
        territory_cycle = itertools.cycle(territories)
        tag_cycle = itertools.cycle(data.TAGS)
        organisation_cycle = itertools.cycle(data.ORGANISATIONS)
        start = datetime.date(2026, 10, 30)
        created = 0
        number = 0
        # Interleave the domains so that every listing mixes them.
        rows = itertools.chain.from_iterable(
            itertools.zip_longest(
                *[[(slug, *titles) for titles in entries] for slug, entries in data.RESOURCES.items()]
            )
        )
        for domain_slug, title, english_title in filter(None, rows):
            number += 1
            index = indexes[number % len(indexes)]
            slug = slugify(title)[:80]
            if ResourcePage.objects.filter(slug=slug, locale=index.locale).exists():
                continue
            other_domain = list(domains)[(list(domains).index(domain_slug) + number) % len(domains)]
            page = ResourcePage(
                title=title,
                slug=slug,
                summary=(
                    f"{title} : ce que les collectivités doivent savoir, avec des exemples concrets et les contacts "
                    "utiles."
                ),
                body=[
                    (
                        "text",
                        RichText(
                            f"<h2>Contexte</h2><p>{title}. Cette ressource présente le cadre réglementaire, "
                            "les étapes clés et les retours des territoires qui se sont lancés.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "title": "À retenir",
                            "text": RichText("<p>Associer les élus et les services dès le diagnostic.</p>"),
                        },
                    ),
                    (
                        "quote",
                        {
                            "quote": "Nous avons gagné un an en partageant nos données avec les communes voisines.",
                            "attribution": "Une cheffe de projet",
                        },
                    ),
                ],
                resource_type=next(type_cycle),
                territory=next(territory_cycle),
                authors="Équipe projet",
                organisation=next(organisation_cycle),
                publication_date=start - datetime.timedelta(days=number * 5),
                shared_with_all=number % 9 == 0,
            )
            index.add_child(instance=page)
            page.domains.set([domains[domain_slug]] + ([domains[other_domain]] if number % 4 == 0 else []))
            page.tags.add(next(tag_cycle), next(tag_cycle))
            if number % 7 == 3:
                page.shared_with.set([site for site in sites if site.root_page_id != index.get_parent().pk][:1])
            page.save_revision().publish()
            created += 1
            if english_title:
                translated = translate_page(page, english)
                translated.title = english_title
                translated.summary = f"{english_title}: what local authorities need to know, with concrete examples."
                translated.resource_type = page.resource_type.get_translation(english)
                translated.domains.set([domain.get_translation(english) for domain in page.domains.all()])
                translated.save_revision().publish()
        return created

    def _admin(self):
        """The administrator, who signs in on the admin and, with its verified
        address, on the public sign-in form too."""
        User = get_user_model()
        admin = User.objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            admin = User.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, ADMIN_PASSWORD)
        EmailAddress.objects.get_or_create(user=admin, email=admin.email, defaults={"verified": True, "primary": True})


def portal_addresses(port):
    """What the demo's server prints once it answers: the admin's sign-in and each portal's address."""
    lines = [
        f"Admin: http://{data.PORTALS[0]['hostname']}:{port}/admin/  user « {ADMIN_USERNAME} »  password « "
        f"{ADMIN_PASSWORD} » (also on each portal's « Se connecter »)"
    ]
    for site in Site.objects.filter(hostname__in=[portal["hostname"] for portal in data.PORTALS]).order_by("pk"):
        branding = PortalBranding.for_site(site)
        lines.append(f"  {branding.portal_name:<28} http://{site.hostname}:{port}/  ({branding.theme})")
    return lines

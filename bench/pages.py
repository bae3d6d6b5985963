"""Server time and query count of the pages every reader sees first: a portal
home, a domain listing and a resource page, uncached, on PostgreSQL.

    .venv/bin/python bench/pages.py            (or: make bench-pages)

The benchmark seeds three portals, the six domains, nine resource types, tags
and territories, then 100 resources, and times each page; it adds resources up
to 10,000 and times the same pages again. Every request goes through the whole
Django stack in-process (test client, real Host header, DEBUG off) with the
Django cache emptied before it, so nothing comes from a cache (--keep-cache
leaves Wagtail's own caches warm, as in production); the three pages are
requested in turn, round after round. It prints the p50 and p95
server times and the query counts at both sizes, with their ratios, and exits
non-zero if a page misses the p50 target or its query count grows. Timings are
only meaningful on an otherwise idle machine: the load average is printed.

PostgreSQL comes from DATABASE_URL (default: portail:portail@127.0.0.1:5432);
the benchmark works in its own database, portail_bench_pages, created and
dropped here.
"""

import argparse
import datetime
import os
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402 (the project root must be importable first)
    analyze_database,
    bench_database,
    database_description,
    print_table,
    setup_django,
    time_pages,
)

SMALL = 100
LARGE = 10_000
TARGET_P50_MS = 40.0
BATCH = 500

PORTALS = [
    ("bench-alpha.localhost", "Portail Alpha", "default"),
    ("bench-beta.localhost", "Portail Bêta", "dsfr"),
    ("bench-gamma.localhost", "Portail Gamma", "default"),
]
DOMAINS = [
    ("mobilites", "Mobilités"),
    ("environnement-et-risques", "Environnement et risques"),
    ("ingenierie-des-territoires", "Ingénierie des territoires"),
    ("batiment", "Bâtiment"),
    ("mer-et-littoral", "Mer et littoral"),
    ("infrastructures-de-transport", "Infrastructures de transport"),
]
RESOURCE_TYPES = [
    "Guide",
    "Fiche technique",
    "Retour d'expérience",
    "Outil",
    "Étude",
    "Vidéo",
    "Webinaire",
    "Actualité",
    "Aide financière",
]
TERRITORIES = [
    ("region", "Bretagne", "53"),
    ("region", "Occitanie", "76"),
    ("departement", "Gironde", "33"),
    ("departement", "Nord", "59"),
    ("epci", "Métropole de Lyon", "200046977"),
    ("commune", "Marseille", "13055"),
    ("commune", "Brest", "29019"),
    ("national", "France", ""),
]
TAG_COUNT = 40
BODY = [
    {
        "type": "text",
        "value": "<h2>Contexte</h2><p>" + "Les collectivités cherchent des solutions éprouvées. " * 12 + "</p>",
    },
    {
        "type": "callout",
        "value": {"title": "À retenir", "text": "<ul><li>Un diagnostic partagé</li><li>Un suivi annuel</li></ul>"},
    },
    {
        "type": "text",
        "value": "<h2>Démarche</h2><p>" + "Chaque étape associe les services techniques et les élus. " * 10 + "</p>",
    },
    {
        "type": "quote",
        "value": {"quote": "Le plus difficile a été de partager les données.", "attribution": "Une cheffe de projet"},
    },
]


@dataclass
class World:
    """What the seeded resources hang on."""

    portals: list
    indexes: list
    domains: list
    types: list
    territories: list
    tags: list
    created: int = 0


def seed_world():
    from taggit.models import Tag
    from wagtail.models import Locale

    from portail.portals import create_portal
    from resources.models import Domain, ResourceIndexPage, ResourceType, Territory

    locale = Locale.get_default()
    Locale.objects.get_or_create(language_code="en")
    domains = [
        Domain.objects.create(locale=locale, slug=slug, name=name, sort_order=order)
        for order, (slug, name) in enumerate(DOMAINS)
    ]
    types = ResourceType.objects.bulk_create(
        [ResourceType(locale=locale, slug=f"type-{number}", name=name) for number, name in enumerate(RESOURCE_TYPES)]
    )
    territories = Territory.objects.bulk_create(
        [Territory(scale=scale, name=name, insee_code=code) for scale, name, code in TERRITORIES]
    )
    tags = Tag.objects.bulk_create(
        [Tag(name=f"mot-clé {number}", slug=f"mot-cle-{number}") for number in range(TAG_COUNT)]
    )
    portals = [create_portal(hostname, name, theme=theme, port=80) for hostname, name, theme in PORTALS]
    indexes = [ResourceIndexPage.objects.child_of(portal.home).get() for portal in portals]
    return World(portals=portals, indexes=indexes, domains=domains, types=types, territories=territories, tags=tags)


def _domain_indexes(world, number):
    """The domains of resource ``number``: one, and a second for every fifth."""
    first = (number // len(world.portals)) % len(world.domains)
    return {first, (first + 1) % len(world.domains)} if number % 5 == 0 else {first}


def _new_resource(world, number, today):
    """Resource ``number``: its portal (number modulo the portals), domains, type,
    territory and date follow from the number, so that they spread evenly and
    independently."""
    from resources.models import ResourcePage

    cycle = number // len(world.portals)
    domain = world.domains[cycle % len(world.domains)]
    resource_type = world.types[(cycle // len(world.domains)) % len(world.types)]
    territory = world.territories[number % len(world.territories)] if number % 2 == 0 else None
    title = f"{resource_type.name} n° {number + 1} : {domain.name}"
    return ResourcePage(
        title=title,
        draft_title=title,
        slug=f"ressource-{number + 1}",
        live=True,
        has_unpublished_changes=False,
        summary=(
            f"Ce que les territoires ont appris sur « {domain.name} », en quelques pages, avec des exemples chiffrés."
        ),
        body=BODY,
        resource_type=resource_type,
        territory=territory,
        authors="Équipe projet",
        organisation="Cerema",
        publication_date=today - datetime.timedelta(days=(number * 37) % 1825),
        shared_with_all=number % 4 == 1,
    )


def _insert_under(index, resources, now):
    """Insert ``resources`` as children of ``index`` in bulk. Treebeard's paths
    are computed here; the Page rows go in through bulk_create, the ResourcePage
    rows (which bulk_create refuses for a multi-table model) through the same
    batched INSERT that Model.save() uses for one row."""
    from wagtail.models import Page

    from resources.models import ResourcePage

    last = Page.objects.child_of(index).order_by("-path").first()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    depth = index.depth + 1
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    for offset, resource in enumerate(resources):
        resource.path = Page._get_path(index.path, depth, first_step + offset)
        resource.depth = depth
        resource.url_path = f"{index.url_path}{resource.slug}/"
        resource.locale_id = index.locale_id
        resource.first_published_at = resource.last_published_at = now
    parents = Page.objects.bulk_create(
        [Page(**{name: getattr(r, name) for name in page_fields}) for r in resources], batch_size=BATCH
    )
    for resource, parent in zip(resources, parents):
        resource.id = resource.page_ptr_id = parent.id
    for start in range(0, len(resources), BATCH):
        ResourcePage._base_manager._insert(
            resources[start : start + BATCH], fields=ResourcePage._meta.local_concrete_fields
        )
    index.numchild = Page.objects.child_of(index).count()
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild)


def _insert_relations(world, numbered):
    from resources.models import ResourcePage, ResourcePageTag

    domain_links, site_links, tag_links = [], [], []
    portal_count = len(world.portals)
    for number, resource in numbered:
        domain_links += [
            ResourcePage.domains.through(resourcepage_id=resource.pk, domain_id=world.domains[i].pk)
            for i in _domain_indexes(world, number)
        ]
        if number % 10 == 2:
            other_site = world.portals[(number + 1) % portal_count].site
            site_links.append(ResourcePage.shared_with.through(resourcepage_id=resource.pk, site_id=other_site.pk))
        tag_indexes = {(number * step + offset) % TAG_COUNT for step, offset in ((1, 0), (7, 3), (13, 5))}
        tag_links += [
            ResourcePageTag(content_object_id=resource.pk, tag_id=world.tags[i].pk) for i in sorted(tag_indexes)
        ]
    ResourcePage.domains.through.objects.bulk_create(domain_links, batch_size=BATCH)
    ResourcePage.shared_with.through.objects.bulk_create(site_links, batch_size=BATCH)
    ResourcePageTag.objects.bulk_create(tag_links, batch_size=BATCH)


def add_resources(world, count):
    """Add ``count`` live resources, spread over the portals, domains, types,
    territories and tags. The rows go in in bulk, without ``save()``, so the
    listing index is rebuilt afterwards, as after any bulk load."""
    from django.db import transaction
    from django.utils import timezone

    from resources import listing_index

    now = timezone.now()
    today = timezone.localdate()
    numbers = range(world.created, world.created + count)
    numbered = [(number, _new_resource(world, number, today)) for number in numbers]
    with transaction.atomic():
        for position, index in enumerate(world.indexes):
            resources = [resource for number, resource in numbered if number % len(world.indexes) == position]
            if resources:
                _insert_under(index, resources, now)
        _insert_relations(world, numbered)
        listing_index.rebuild()
    world.created += count
    analyze_database()


def choose_pages(world):
    """The pages to time, on the first portal: its home, its first domain and its
    first resource, which it features on the home page with two others."""
    from resources.models import ResourcePage

    portal, index = world.portals[0], world.indexes[0]
    resources = list(ResourcePage.objects.child_of(index).order_by("path")[:3])
    portal.branding.featured_resources = [("resource", resource) for resource in resources]
    portal.branding.save()
    domain_page = portal.home.get_children().get(slug=world.domains[0].slug)
    return portal.site.hostname, [
        ("portal home", "/"),
        (f"domain listing ({world.domains[0].name})", domain_page.get_url_parts()[2]),
        ("resource page", resources[0].get_url_parts()[2]),
    ]


def listing_sizes(world):
    """How many resources the first domain holds in all, and how many the timed
    listing shows on the first portal (its own and those shared with it)."""
    from resources.listing import visible_resources
    from resources.models import ResourcePage
    from sites.rendering import portal_root_path

    domain = world.domains[0]
    portal = world.portals[0]
    listed = visible_resources(portal.site, portal.home.locale_id, portal_root_path(portal.home))
    return (
        ResourcePage.objects.filter(domains=domain).count(),
        listed.filter(domains__translation_key=domain.translation_key).count(),
    )


def measure(host, pages, args):
    from django.test import Client

    client = Client()
    return time_pages(
        {name: (client, host, path) for name, path in pages},
        args.requests,
        args.warmup,
        clear_cache=not args.keep_cache,
    )


def report(small, large, sizes, args):
    rows, failures = [], []
    for name in small:
        before, after = small[name], large[name]
        rows.append(
            [
                name,
                f"{before.p50_ms:.1f}",
                f"{before.p95_ms:.1f}",
                before.queries,
                f"{after.p50_ms:.1f}",
                f"{after.p95_ms:.1f}",
                after.queries,
                f"{after.p50_ms / before.p50_ms:.2f}",
                f"{after.queries / before.queries:.2f}",
            ]
        )
        if after.queries != before.queries:
            failures.append(
                f"{name}: {before.queries} queries at {SMALL} resources, {after.queries} at {args.resources}"
            )
        if after.p50_ms > TARGET_P50_MS:
            failures.append(
                f"{name}: p50 {after.p50_ms:.1f} ms at {args.resources} resources, above {TARGET_P50_MS:.0f} ms"
            )
    small_label, large_label = f"@{SMALL}", f"@{args.resources}"
    print()
    print_table(
        [
            "page",
            f"p50 ms {small_label}",
            f"p95 ms {small_label}",
            f"queries {small_label}",
            f"p50 ms {large_label}",
            f"p95 ms {large_label}",
            f"queries {large_label}",
            "p50 ratio",
            "queries ratio",
        ],
        rows,
    )
    print()
    for size, (in_domain, listed) in sizes.items():
        print(f"at {size} resources: {in_domain} in the timed domain, {listed} in its listing on the timed portal")
    print(
        f"target: p50 ≤ {TARGET_P50_MS:.0f} ms per page, same query count at both sizes; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )
    for failure in failures:
        print(f"FAIL {failure}")
    if not failures:
        print("OK")
    return not failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=LARGE, help=f"resources in the large run (default {LARGE})")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (default 5)")
    parser.add_argument(
        "--keep-cache",
        action="store_true",
        help="do not empty the Django cache between requests (Wagtail's site root paths stay cached, as in production)",
    )
    parser.add_argument("--allow-sqlite", action="store_true", help="accept an SQLite DATABASE_URL (indicative only)")
    parser.add_argument("--keep-db", action="store_true", help="keep the portail_bench_pages database afterwards")
    args = parser.parse_args()
    if args.resources <= SMALL:
        parser.error(f"--resources must be above {SMALL}")

    with bench_database(allow_sqlite=args.allow_sqlite, keep=args.keep_db) as database_url:
        setup_django(database_url)
        cache_note = "Django cache kept" if args.keep_cache else "Django cache emptied before each"
        print(
            f"bench/pages on {database_description()}, {os.cpu_count()} CPU, load average {os.getloadavg()[0]:.1f}, "
            f"{args.requests} timed requests per page after {args.warmup} warm-up, {cache_note}"
        )
        world = seed_world()
        add_resources(world, SMALL)
        host, pages = choose_pages(world)
        sizes = {SMALL: listing_sizes(world)}
        print(f"timing {SMALL} resources…", flush=True)
        small = measure(host, pages, args)
        print(f"seeding up to {args.resources} resources…", flush=True)
        add_resources(world, args.resources - SMALL)
        sizes[args.resources] = listing_sizes(world)
        print(f"timing {args.resources} resources…", flush=True)
        large = measure(host, pages, args)
        ok = report(small, large, sizes, args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

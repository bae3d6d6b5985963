"""The portal home, a domain listing and a resource page are rendered with a fixed
number of queries: the same with 10 or with 500 resources in the listing's domain,
and within an absolute budget."""

import copy
import datetime
import itertools

from django.conf import settings
from django.test.utils import override_settings

from resources.factories import ResourcePageFactory, ResourceTypeFactory, TerritoryFactory
from resources.listing import PAGE_SIZE
from tests.utils import domain_page_of, library_of, path_of

BUDGETS = {"portal home": 8, "domain listing": 10, "resource page": 10}
HOST = {"HTTP_HOST": "alpha.localhost"}


def without_search_indexing():
    """Seeding hundreds of pages is faster without indexing them, which the
    pages measured here do not use."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for backend in backends.values():
        backend["AUTO_UPDATE"] = False
    return override_settings(WAGTAILSEARCH_BACKENDS=backends)


class Seeder:
    """Resources in the measured domain, of every kind a card shows: two thirds
    written on portal A, one third shared by portal B; with types, territories,
    one or two domains and tags. Each new resource is the newest."""

    def __init__(self, portal_a, portal_b, domains):
        library_a, library_b = library_of(portal_a), library_of(portal_b)
        self.origins = itertools.cycle([(library_a, False), (library_a, False), (library_b, True)])
        self.domains = domains
        self.types = itertools.cycle([ResourceTypeFactory(name=name) for name in ("Guide", "Étude", "Outil")])
        self.territories = itertools.cycle(
            [TerritoryFactory(name=name) for name in ("Finistère", "Gironde", "Nord")] + [None]
        )
        self.numbers = itertools.count(1)

    def add(self, count):
        created = []
        for _ in range(count):
            n = next(self.numbers)
            library, shared = next(self.origins)
            created.append(
                ResourcePageFactory(
                    parent=library,
                    title=f"Ressource {n:03d}",
                    publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                    domains=self.domains if n % 2 else self.domains[:1],
                    resource_type=next(self.types),
                    territory=next(self.territories),
                    tags=[f"thème {n % 7}", "mobilité"],
                    shared_with_all=shared,
                )
            )
        return created


def render(client, url, assertion):
    """Render ``url`` on portal A under a pytest-django query assertion, once its
    caches are warm as a running server's would be; return the query count."""
    client.get(url, **HOST)
    with assertion as captured:
        response = client.get(url, **HOST)
    assert response.status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_resources(
    client, portal_a, portal_b, domains, django_assert_num_queries, django_assert_max_num_queries
):
    seeder = Seeder(portal_a, portal_b, domains)
    first = seeder.add(10)[0]
    pages = {
        "portal home": "/",
        "domain listing": path_of(domain_page_of(portal_a, domains[0])),
        "resource page": path_of(first),
    }
    with_10 = {name: render(client, url, django_assert_max_num_queries(BUDGETS[name])) for name, url in pages.items()}

    with without_search_indexing():
        seeder.add(490)

    for name, url in pages.items():
        render(client, url, django_assert_num_queries(with_10[name]))
    listing = client.get(pages["domain listing"], **HOST)
    assert "500 ressources" in listing.text
    assert listing.text.count('class="card"') == PAGE_SIZE
    assert "Ressource 500" in listing.text  # the newest
    assert "Ressource 498" in listing.text  # shared by portal B
    assert "Ressource 500" in client.get("/", **HOST).text

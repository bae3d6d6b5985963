"""A domain page lists its resources newest first, filtered by type and tag, and
paginated; odd query strings never break it."""

import datetime
import re

from django.test import TestCase

from portail.portals import create_portal
from resources.factories import DomainFactory, ResourcePageFactory, ResourceTypeFactory
from resources.listing import PAGE_SIZE
from tests.utils import domain_page_of, library_of, path_of

TOTAL = PAGE_SIZE + 5
CARD_TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">([^<]+)</a>')


def fiches(*numbers):
    return [f"Fiche {n:02d}" for n in numbers]


class DomainListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        """25 resources in "Mobilités": even ones are guides, odd ones tools; the
        first three are also tagged "vélo". Fiche 25 is the newest."""
        mobilites = DomainFactory(name="Mobilités", slug="mobilites")
        batiment = DomainFactory(name="Bâtiment", slug="batiment")
        portal = create_portal("alpha.localhost", "Portail Alpha")
        guide = ResourceTypeFactory(name="Guide", slug="guide")
        outil = ResourceTypeFactory(name="Outil", slug="outil")
        ResourceTypeFactory(name="Webinaire", slug="webinaire")  # used by no resource
        library = library_of(portal)
        for n in range(1, TOTAL + 1):
            ResourcePageFactory(
                parent=library,
                title=f"Fiche {n:02d}",
                domains=[mobilites],
                resource_type=guide if n % 2 == 0 else outil,
                tags=["vélo", "aménagement"] if n <= 3 else ["aménagement"],
                publication_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            )
        ResourcePageFactory(parent=library, title="Fiche d'un autre domaine", domains=[batiment], resource_type=guide)
        cls.url = path_of(domain_page_of(portal, mobilites))

    def listing(self, **params):
        response = self.client.get(self.url, params, HTTP_HOST="alpha.localhost")
        self.assertEqual(response.status_code, 200)
        return response

    def titles(self, response):
        return CARD_TITLE.findall(response.text)

    def test_lists_the_domain_resources_newest_first(self):
        response = self.listing()

        self.assertEqual(self.titles(response), fiches(*range(TOTAL, TOTAL - PAGE_SIZE, -1)))
        self.assertContains(response, f"{TOTAL} ressources")
        self.assertContains(response, "Page 1 sur 2")
        self.assertNotContains(response, "Fiche d&#x27;un autre domaine")

    def test_filters_by_type(self):
        response = self.listing(type="guide")

        self.assertEqual(self.titles(response), fiches(*[n for n in range(TOTAL, 0, -1) if n % 2 == 0]))
        self.assertContains(response, '<option value="guide" selected>Guide</option>')

    def test_filters_by_tag(self):
        response = self.listing(tag="vélo")

        self.assertEqual(self.titles(response), fiches(3, 2, 1))
        self.assertContains(response, "3 ressources")

    def test_filters_by_type_and_tag(self):
        self.assertEqual(self.titles(self.listing(type="outil", tag="vélo")), fiches(3, 1))

    def test_offers_only_types_and_tags_present_in_the_listing(self):
        response = self.listing()

        self.assertContains(response, '<option value="guide">Guide</option>')
        self.assertContains(response, '<option value="outil">Outil</option>')
        self.assertContains(response, '<option value="vélo">vélo</option>')
        self.assertNotContains(response, "Webinaire")

    def test_unknown_filter_shows_an_empty_state(self):
        response = self.listing(type="inconnu")

        self.assertEqual(self.titles(response), [])
        self.assertContains(response, "Aucune ressource ne correspond à ces filtres.")
        self.assertContains(response, "Retirer les filtres")

    def test_second_page_keeps_the_filters_in_its_links(self):
        first = self.listing(tag="aménagement")
        second = self.listing(tag="aménagement", page="2")

        self.assertContains(first, 'href="?tag=am%C3%A9nagement&amp;page=2" rel="next"')
        self.assertEqual(self.titles(second), fiches(*range(TOTAL - PAGE_SIZE, 0, -1)))
        self.assertContains(second, 'href="?tag=am%C3%A9nagement&amp;page=1" rel="prev"')

    def test_page_out_of_range_shows_the_last_page(self):
        for page in ["3", "99", "9" * 30]:
            with self.subTest(page=page):
                response = self.listing(page=page)
                self.assertContains(response, "Page 2 sur 2")
                self.assertEqual(self.titles(response), fiches(*range(TOTAL - PAGE_SIZE, 0, -1)))

    def test_junk_page_number_shows_the_first_page(self):
        for page in ["abc", "", "-4", "0", "1.5"]:
            with self.subTest(page=page):
                response = self.listing(page=page)
                self.assertContains(response, "Page 1 sur 2")
                self.assertEqual(self.titles(response)[0], f"Fiche {TOTAL}")

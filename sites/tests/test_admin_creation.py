"""Every page type can be created by an editor in the admin, from real form data,
and only where the page tree allows it."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from communities.events.models import AgendaPage
from communities.models import CommunityIndexPage
from portail.portals import create_portal
from resources.factories import DomainFactory, ResourceTypeFactory, TerritoryFactory
from resources.models import DomainPage, ResourceIndexPage, ResourcePage
from sites.models import InformationPage, PortalHomePage
from tests.utils import library_of
from veille.models import VeilleIndexPage


class PageCreationTests(WagtailPageTests):
    @classmethod
    def setUpTestData(cls):
        cls.domain = DomainFactory(name="Mobilités", slug="mobilites")
        cls.other_domain = DomainFactory(name="Bâtiment", slug="batiment")
        cls.portal = create_portal("alpha.localhost", "Portail Alpha")
        cls.library = library_of(cls.portal)
        cls.other_portal = create_portal("beta.localhost", "Portail Bêta")

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(PortalHomePage, {Page})
        self.assertAllowedSubpageTypes(
            PortalHomePage,
            {DomainPage, ResourceIndexPage, CommunityIndexPage, VeilleIndexPage, AgendaPage, InformationPage},
        )
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedSubpageTypes(DomainPage, set())
        self.assertCanNotCreateAt(Page, ResourcePage)
        self.assertCanNotCreateAt(PortalHomePage, ResourcePage)

    def test_portal_home_page_under_root(self):
        root = Page.get_first_root_node()
        self.assertCanCreate(
            root,
            PortalHomePage,
            nested_form_data(
                {
                    "title": "Portail Gamma",
                    "slug": "gamma",
                    "summary": "Un portail pour les territoires littoraux.",
                    "intro": rich_text("<p>Bienvenue sur <b>Gamma</b>.</p>"),
                    "comments": inline_formset([]),
                }
            ),
        )
        page = PortalHomePage.objects.get(slug="gamma")
        self.assertTrue(page.live)
        self.assertIn("Gamma", page.intro)

    def test_resource_index_page_under_portal_home(self):
        self.assertCanCreate(
            self.portal.home,
            ResourceIndexPage,
            nested_form_data({"title": "Publications", "slug": "publications", "comments": inline_formset([])}),
        )
        self.assertTrue(ResourceIndexPage.objects.child_of(self.portal.home).filter(slug="publications").exists())

    def test_domain_page_under_portal_home(self):
        self.assertCanCreate(
            self.portal.home,
            DomainPage,
            nested_form_data(
                {
                    "title": "Bâtiment durable",
                    "slug": "batiment-durable",
                    "domain": self.other_domain.pk,
                    "comments": inline_formset([]),
                }
            ),
        )
        page = DomainPage.objects.get(slug="batiment-durable")
        self.assertEqual(page.domain, self.other_domain)

    def test_resource_page_under_library(self):
        guide = ResourceTypeFactory(name="Guide", slug="guide")
        territory = TerritoryFactory(name="Finistère", insee_code="29")
        data = nested_form_data(
            {
                "title": "Guide du covoiturage rural",
                "slug": "guide-covoiturage-rural",
                "summary": "Organiser le covoiturage dans les communes peu denses.",
                "body": streamfield(
                    [
                        ("text", rich_text("<h2>Contexte</h2><p>Les trajets domicile-travail…</p>")),
                        ("quote", {"quote": "Partir de l'usage.", "attribution": "Une élue"}),
                        ("callout", {"title": "À retenir", "text": rich_text("<p>Trois leviers.</p>")}),
                    ]
                ),
                "resource_type": guide.pk,
                "tags": "covoiturage, ruralité",
                "territory": territory.pk,
                "authors": "Cerema",
                "organisation": "Cerema Ouest",
                "publication_date": "2025-03-14",
                "external_url": "https://www.cerema.fr/",
                "licence": "Licence Ouverte 2.0",
                "attached_documents": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        # nested_form_data would flatten lists: multiple-choice fields are set afterwards.
        data["domains"] = [self.domain.pk, self.other_domain.pk]
        data["shared_with"] = [self.other_portal.site.pk]
        self.assertCanCreate(self.library, ResourcePage, data)

        page = ResourcePage.objects.get(slug="guide-covoiturage-rural")
        self.assertTrue(page.live)
        self.assertEqual(page.resource_type, guide)
        self.assertEqual(page.territory, territory)
        self.assertEqual({d.slug for d in page.domains.all()}, {"mobilites", "batiment"})
        self.assertEqual({t.name for t in page.tags.all()}, {"covoiturage", "ruralité"})
        self.assertEqual([b.block_type for b in page.body], ["text", "quote", "callout"])
        self.assertEqual(list(page.shared_with.all()), [self.other_portal.site])

        response = self.client.get("/ressources/guide-covoiturage-rural/", HTTP_HOST="alpha.localhost")
        self.assertContains(response, "Guide du covoiturage rural")
        self.assertContains(response, "Trois leviers.")
        self.assertContains(response, "Finistère (29)")

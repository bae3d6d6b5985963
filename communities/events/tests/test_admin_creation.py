"""Editors create events in the admin from real form data, in a portal's agenda
and in a community."""

from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from communities.events.models import AgendaPage, EventPage
from communities.models import Visibility
from communities.pages import create_community, ensure_community_index
from portail.portals import create_portal


class EventPageCreationTests(WagtailPageTests):
    @classmethod
    def setUpTestData(cls):
        cls.portal = create_portal("alpha.localhost", "Portail Alpha")
        cls.agenda = AgendaPage.objects.child_of(cls.portal.home).get()
        cls.community = create_community(
            ensure_community_index(cls.portal.home), "Réseau mobilité", Visibility.ON_REQUEST
        )

    def _data(self, slug, **fields):
        data = {
            "title": "Webinaire des territoires",
            "slug": slug,
            "summary": "Une heure d'échanges.",
            "kind": "webinar",
            "start": "2031-09-10 14:00",
            "end": "2031-09-10 15:30",
            "time_zone": "Europe/Paris",
            "online_url": "https://visio.example.org/territoires",
            "description": rich_text("<p>Programme <b>détaillé</b>.</p>"),
            "registration_open": "on",
            "capacity": "40",
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
        data.update(fields)
        return nested_form_data(data)

    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(AgendaPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {AgendaPage, type(self.community)})
        self.assertCanNotCreateAt(AgendaPage, AgendaPage)

    def test_an_event_in_the_agenda(self):
        self.assertCanCreate(self.agenda, EventPage, self._data("webinaire"))
        event = EventPage.objects.get(slug="webinaire")
        assert event.local_start.isoformat() == "2031-09-10T14:00:00" and event.capacity == 40

    def test_an_event_in_a_community(self):
        self.assertCanCreate(
            self.community, EventPage, self._data("rencontre", kind="event", online_url="", place="Mairie, salle 2")
        )
        assert EventPage.objects.get(slug="rencontre").community.pk == self.community.pk

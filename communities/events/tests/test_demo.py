"""The demo gives each portal an agenda with past, upcoming and full events."""

from communities.events.models import EventPage, Registration
from communities.models import Visibility
from portail.demo import events as demo


def test_the_demo_fills_agendas_and_communities_once(world, agenda):
    created = demo.load([world.portal.site])
    assert created == len(demo.PORTAL_EVENTS) + len(demo.COMMUNITY_EVENTS)
    assert EventPage.objects.child_of(agenda).count() == len(demo.PORTAL_EVENTS)
    for visibility in (Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET):
        assert EventPage.objects.child_of(world.communities[visibility]).exists()
    past = [event for event in EventPage.objects.live() if event.is_past]
    assert past and all(event.has_replay for event in past)
    full = EventPage.objects.get(title="Atelier de terrain")
    assert Registration.objects.filter(event=full, status=Registration.Status.REGISTERED).count() == full.capacity
    assert Registration.objects.filter(event=full, status=Registration.Status.WAITING).exists()
    assert demo.load([world.portal.site]) == 0

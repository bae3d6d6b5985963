"""Demo events: on each portal's agenda and in a few communities, past ones with
a replay, upcoming ones, and a full one with a waiting list.

``load(sites)`` is called at the end of ``communities.demo.load``; it changes
nothing that already exists."""

import datetime

from django.utils import timezone

from communities.events import registration
from communities.events.models import EventPage
from communities.events.pages import create_agenda
from communities.models import CommunityPage, Membership, Visibility

DAY = datetime.timedelta(days=1)
REPLAY = "https://videos.example.org/w/"

# days from today, hour (Europe/Paris), duration in hours, kind, title, place or link, capacity
PORTAL_EVENTS = [
    (
        -20,
        10,
        2,
        "webinar",
        "Webinaire : financer la transition des territoires",
        "https://visio.example.org/financer",
        None,
    ),
    (12, 9, 7, "event", "Journée des acteurs territoriaux", "Palais des congrès, 2 place de la Bourse, Bordeaux", 120),
    (
        40,
        14,
        2,
        "webinar",
        "Webinaire : les données ouvertes au service des projets",
        "https://visio.example.org/donnees",
        None,
    ),
]
# community visibility, days, hour, duration, kind, title, place or link, capacity
COMMUNITY_EVENTS = [
    (Visibility.PUBLIC, -9, 14, 2, "webinar", "Retour d'expérience en visio", "https://visio.example.org/retex", None),
    (Visibility.PUBLIC, 6, 10, 3, "event", "Atelier de terrain", "Salle du conseil, mairie, 1 rue de la République", 2),
    (Visibility.ON_REQUEST, 15, 18, 2, "webinar", "Rencontre entre membres", "https://visio.example.org/membres", 30),
    (Visibility.SECRET, 4, 8, 1, "webinar", "Point de coordination", "https://visio.example.org/coordination", None),
]


def _when(days, hour, hours):
    local = timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + days * DAY
    return local, local + datetime.timedelta(hours=hours)


def _publish(parent, days, hour, hours, kind, title, where, capacity):
    if EventPage.objects.child_of(parent).filter(title=title).exists():
        return None
    start, end = _when(days, hour, hours)
    online = where.startswith("https://")
    event = EventPage(
        title=title,
        kind=kind,
        start=start,
        end=end,
        place="" if online else where,
        online_url=where if online else "",
        capacity=capacity,
        summary=f"{title} : échanges entre praticiens, questions-réponses.",
        description="<p>Au programme : retours d'expérience, présentation d'outils et temps d'échange.</p>",
        replay_url=f"{REPLAY}{parent.pk}-{abs(days)}" if days < 0 else "",
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


def _fill(event, community):
    """Register the community's members; past the capacity they wait."""
    members = (
        Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
    )
    for membership in members[: (event.capacity or 4) + 2]:
        registration.register(event, membership.user)


def load(sites):
    """Returns how many events were created."""
    created = 0
    for site in sites:
        agenda = create_agenda(site.root_page.specific)
        for row in PORTAL_EVENTS:
            created += _publish(agenda, *row) is not None
        for visibility, *row in COMMUNITY_EVENTS:
            community = (
                CommunityPage.objects.live()
                .descendant_of(site.root_page)
                .filter(visibility=visibility)
                .order_by("pk")
                .first()
            )
            if community is None:
                continue
            event = _publish(community, *row)
            if event is not None:
                created += 1
                if event.end > timezone.now():
                    _fill(event, community)
    return created

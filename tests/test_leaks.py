"""No channel hands restricted content to people who may not read it.

Two portals, Alpha and Bêta. On Alpha, a secret community holds content that carries a
word found nowhere else (« palplanches »), and an on-request community's content carries
another (« batardeaux »); the on-request community's own presentation is public. A public
community and a public resource are the controls: what may be seen is seen, so that no
check below passes because a channel shows nothing at all.

The people who must never meet the two words: an anonymous reader, a fresh member (in no
community), an editor of the other portal, and a member who has left both communities.
Members of the two communities search for the words often, so that popular searches and
spelling suggestions would pick them up if they could.

Channels: search results, counts and facets (page and API, this portal and all portals),
popular searches, spelling suggestions, autocomplete, sitemaps, feeds, calendars, the
admin's choosers, notifications and e-mails (digests, alerts, newsletter)."""

import datetime
import re
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from communities import membership, posting
from communities.events.calendars import community_feed_url
from communities.events.models import AgendaPage, EventPage
from communities.events.pages import create_agenda
from communities.factories import add_member, member_user
from communities.models import Membership, Profile, Visibility
from communities.pages import create_community, ensure_community_index
from communities.polls import voting
from communities.questions import answering
from communities.tasks import send_daily_digests
from search.models import SavedSearch, SearchDocument
from search.tasks import send_daily_alerts
from search.tests.conftest import refresh, search_backend, search_index  # noqa: F401 (the backend, database then OpenSearch; a fresh index)
from tests.utils import kept_for_module, library_of
from veille.models import Subscriber, VeilleEntry, VeilleIndexPage, VeillePage

SECRET_WORD = "palplanches"
RESERVED_WORD = "batardeaux"
WORDS = (SECRET_WORD, RESERVED_WORD)
PUBLIC_WORD = "stationnement"
ALPHA, BETA = "alpha.localhost", "beta.localhost"
VIEWERS = ["anonymous", "fresh_member", "other_editor", "leaver"]

pytestmark = pytest.mark.django_db


def leaked(text, typed=""):
    """The restricted words found in ``text``, case aside, once the words the
    viewer typed (``typed``, echoed by the page) are taken out."""
    folded = unquote_plus(text).casefold()
    for word in typed.casefold().split():
        folded = re.sub(rf"\b{re.escape(word)}\b", "", folded)
    return [word for word in WORDS if word in folded]


def _event(parent, title, days=7):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    event = EventPage(
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="Hôtel de région",
        summary=f"{title} : visite et échanges.",
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return event


def _issue(portal_home, title, community, entries):
    veille = VeilleIndexPage.objects.child_of(portal_home).get()
    issue = VeillePage(title=title, issue_date=timezone.localdate(), community=community, intro=f"{title}.")
    issue.entries = [VeilleEntry(sort_order=n, resource=target, note=title) for n, target in enumerate(entries)]
    veille.add_child(instance=issue)
    issue.save_revision().publish()
    return issue


class World:
    pass


def _restricted(world, community, word, author, members):
    """Content of every kind in ``community``, each naming ``word``."""
    Word = word.capitalize()
    answering.ask(
        community,
        author,
        f"{Word} de la digue de Garonne : quel calendrier ?",
        f"<p>Les {word} arrivent en mars.</p>",
        tags=[word],
    )
    posting.publish_post(community, author, f"Relevé des {word}", f"<p>Les {word} sont posés.</p>")
    voting.open_poll(
        community,
        author,
        f"Quel prestataire pour les {word} ?",
        "single",
        False,
        timezone.now() + datetime.timedelta(days=10),
        ["Entreprise A", "Entreprise B"],
    )
    _event(community, f"Visite de chantier des {word}")
    _issue(world.alpha.home, f"Veille {word}", community, [world.public_resource])


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from portail.portals import create_portal
    from resources.factories import DomainFactory, ResourcePageFactory

    with kept_for_module(django_db_blocker):
        world = World()
        world.domain = DomainFactory(name="Mobilités", slug="mobilites")
        world.alpha = create_portal(ALPHA, "Portail Alpha")
        world.beta = create_portal(BETA, "Portail Bêta")
        create_agenda(world.alpha.home)
        index = ensure_community_index(world.alpha.home)
        ensure_community_index(world.beta.home)

        world.public_resource = ResourcePageFactory(
            parent=library_of(world.alpha), title="Guide du stationnement vélo en gare", summary="Stationnement vélo."
        )
        world.public_resource.save_revision().publish()
        world.public_resource.domains.set([world.domain])

        world.secret = create_community(
            index,
            f"Cellule des {SECRET_WORD}",
            Visibility.SECRET,
            domains=[world.domain],
            summary=f"Suivi des {SECRET_WORD}.",
        )
        world.reserved = create_community(
            index,
            "Groupe des ouvrages provisoires",
            Visibility.ON_REQUEST,
            domains=[world.domain],
            summary="Sur demande.",
        )
        world.public = create_community(
            index, "Réseau vélo du quotidien", Visibility.PUBLIC, domains=[world.domain], summary="Ouvert à tous."
        )

        world.insider = member_user("initiee", email="initiee@example.org")
        world.leaver = member_user("partante", email="partante@example.org")
        world.fresh_member = member_user("nouvelle", email="nouvelle@example.org")
        world.other_editor = member_user("editeur-beta", email="editeur-beta@example.org", groups=[world.beta.editors])
        for community in (world.secret, world.reserved, world.public):
            add_member(community, world.insider, Membership.Role.ANIMATEUR)
            add_member(community, world.leaver)
            for user in (world.insider, world.leaver, world.fresh_member):
                membership.follow(user, community)

        _restricted(world, world.secret, SECRET_WORD, world.insider, [world.leaver])
        _restricted(world, world.reserved, RESERVED_WORD, world.insider, [world.leaver])
        posting.publish_post(
            world.public, world.insider, f"{PUBLIC_WORD.capitalize()} vélo en gare", "<p>Retour d'expérience.</p>"
        )
        _event(world.public, "Atelier stationnement vélo")

        # Restricted files in Alpha's collection: a document's title and an image's.
        collection = Collection.objects.get(name=world.alpha.site.site_name)
        from wagtail.images.models import Image

        Image.objects.create(title=f"Photo des {SECRET_WORD}", file=get_test_image_file(), collection=collection)

        # The leaver was told about the polls, then left both communities.
        world.leaver_token_url = community_feed_url(world.secret, world.leaver)
        for community in (world.secret, world.reserved):
            membership.leave(world.leaver, community)
        yield world


@pytest.fixture
def viewer(request, world):
    """A logged-in client (or anonymous) for one of VIEWERS."""
    client = Client()
    user = getattr(world, request.param, None)
    if user is not None:
        client.force_login(user)
    return client


def get(client, path, host=ALPHA, **params):
    response = client.get(path, params, HTTP_HOST=host)
    return response, response.content.decode("utf-8", "replace")


# -- Search: results, counts and facets ----------------------------------------


@pytest.fixture
def indexed(world, search_index):
    """Every search document of the world, in the backend under test."""
    search_index.add_bulk(SearchDocument, list(SearchDocument.objects.all()))
    refresh(search_index)
    assert SearchDocument.objects.exclude(audience="").count() >= 8  # the restricted content is indexed
    return search_index


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_search_page_api_counts_and_facets(viewer, indexed):
    for host in (ALPHA, BETA):
        for scope in ("", "all"):
            for query in (*WORDS, "palplanche", "batardeau", "garonne calendrier", ""):
                response, text = get(viewer, "/recherche/", host, q=query, scope=scope)
                assert response.status_code == 200 and not leaked(text, query), (host, scope, query)
                response, text = get(viewer, "/api/v1/search/", host, q=query, scope=scope)
                assert response.status_code == 200 and not leaked(text, query), (host, scope, query)
                if query in WORDS:
                    assert response.json()["count"] == 0
    # The control: public content is found, with its facets.
    found = get(viewer, "/api/v1/search/", ALPHA, q=PUBLIC_WORD)[0].json()
    assert found["count"] >= 2 and found["facets"]["kind"]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_autocomplete(viewer, indexed):
    for host in (ALPHA, BETA):
        for typed in ("palpl", "palplanch", "batard", "batardeau", "garonne"):
            response, text = get(viewer, "/api/v1/search/autocomplete/", host, q=typed, scope="all")
            assert response.status_code == 200 and not leaked(text, typed), (host, typed)
    assert get(viewer, "/api/v1/search/autocomplete/", ALPHA, q="stationn")[0].json()["suggestions"]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_spelling_suggestions(viewer, indexed):
    for host in (ALPHA, BETA):
        for typo in ("palplanchez", "palplonches", "batardeaus", "batardaux", "garone"):
            response, text = get(viewer, "/recherche/", host, q=typo, scope="all")
            assert response.status_code == 200, typo
            assert not leaked(text, typo), (host, typo)
            assert "garonne" not in text.casefold(), (host, typo)  # only the restricted question says it
    # The control: a public word misspelt is corrected.
    assert "stationnement" in get(viewer, "/recherche/", ALPHA, q="stationnemant")[1]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_popular_searches(viewer, world, indexed, settings):
    insiders = Client()
    insiders.force_login(world.insider)
    for number in range(6):  # the members search from several machines, often
        for query in (*WORDS, f"{SECRET_WORD} garonne"):
            insiders.get("/recherche/", {"q": query}, HTTP_HOST=ALPHA, REMOTE_ADDR=f"10.0.0.{number}")
            insiders.get("/api/v1/search/", {"q": query}, HTTP_HOST=ALPHA, REMOTE_ADDR=f"10.0.1.{number}")
    for number in range(6):  # and so do anonymous readers, for public content
        Client().get("/recherche/", {"q": PUBLIC_WORD}, HTTP_HOST=ALPHA, REMOTE_ADDR=f"10.0.2.{number}")
    for host in (ALPHA, BETA):
        response, text = get(viewer, "/recherche/", host, q="zzyzx")  # finds nothing: the page offers popular searches
        assert response.status_code == 200 and not leaked(text), host
        assert "garonne" not in text.casefold()
    popular = get(viewer, "/recherche/", ALPHA, q="zzyzx")[0].context["popular"]
    assert PUBLIC_WORD in popular


# -- Sitemaps, feeds, calendars --------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_sitemaps(viewer, world):
    for host in (ALPHA, BETA):
        response, text = get(viewer, "/sitemap.xml", host)
        assert response.status_code == 200
        assert not leaked(text) and world.secret.slug not in text, host
        assert "ouvrages-provisoires/" not in re.sub(r"<loc>[^<]*groupe-des-ouvrages-provisoires/</loc>", "", text), (
            host
        )
    assert world.public.slug in get(viewer, "/sitemap.xml")[1]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_feeds(viewer, world):
    for host in (ALPHA, BETA):
        for path in (
            "/flux/veille/rss/",
            "/flux/veille/atom/",
            "/flux/ressources/rss/",
            f"/flux/domaines/{world.domain.slug}/atom/",
        ):
            response, text = get(viewer, path, host)
            assert response.status_code == 200 and not leaked(text), (host, path)
        for community in (world.secret, world.reserved):
            response, text = get(viewer, f"/flux/communautes/{community.slug}/rss/", host)
            assert response.status_code == 404 and not leaked(text), (host, community.slug)
    assert PUBLIC_WORD in get(viewer, f"/flux/communautes/{world.public.slug}/rss/")[1].casefold()


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_calendars(viewer, world, request):
    agenda = AgendaPage.objects.child_of(world.alpha.home).get()
    response, text = get(viewer, agenda.url + "ical/")
    assert response.status_code == 200 and not leaked(text)
    assert "Atelier stationnement" in text  # the control: public events are there
    for community in (world.secret, world.reserved):
        event = EventPage.objects.child_of(community).get()
        for path in (event.url, event.url + "ical/"):
            response, text = get(viewer, path)
            assert response.status_code in (302, 403, 404) and not leaked(text), path
        response, text = get(viewer, community.url + "agenda/ical/")
        assert response.status_code in (302, 403, 404) and not leaked(text)
        user = getattr(world, request.node.callspec.params["viewer"], None)
        assert community_feed_url(community, user and type(user).objects.get(pk=user.pk)) is None
    # The address the leaver was given while a member serves nothing any more.
    response, text = get(viewer, world.leaver_token_url.split(ALPHA, 1)[1])
    assert response.status_code in (403, 404, 410) and not leaked(text)


# -- The admin's choosers --------------------------------------------------------

CHOOSERS = [
    "/admin/choose-page/search/?q=palplanches",
    "/admin/choose-page/search/?q=batardeaux",
    "/admin/choose-page/search/?q=cellule",
    "/admin/documents/chooser/?q=palplanches",
    "/admin/images/chooser/?q=palplanches",
    "/admin/images/chooser/results/?q=palplanches",
]


@pytest.mark.parametrize("viewer", VIEWERS, indirect=True)
def test_choosers(viewer, world):
    for path in [
        *CHOOSERS,
        f"/admin/choose-page/{world.secret.pk}/",
        f"/admin/choose-page/{world.reserved.pk}/",
        f"/admin/choose-page/{world.alpha.home.pk}/",
    ]:
        response = viewer.get(path, HTTP_HOST=BETA)
        text = response.content.decode()
        assert not leaked(text, parse_qs(urlsplit(path).query).get("q", [""])[0]), (
            path
        )  # the search box echoes the query
        assert "Groupe des ouvrages provisoires" not in text, path  # Alpha's pages are not Bêta's editor's
    # The control: Bêta's editor does use the chooser, on Bêta's pages.
    if viewer.session.get("_auth_user_id") == str(world.other_editor.pk):
        response = viewer.get(f"/admin/choose-page/{world.beta.home.pk}/", HTTP_HOST=BETA)
        assert response.status_code == 200 and "Portail Bêta" in response.json()["html"]


# -- Notifications and e-mails -----------------------------------------------------


@pytest.mark.parametrize("viewer", ["fresh_member", "other_editor", "leaver"], indirect=True)
def test_notifications(viewer, world):
    for path in ("/membres/notifications/", "/membres/mon-fil/", "/membres/"):
        response, text = get(viewer, path)
        assert response.status_code == 200 and not leaked(text), path


def test_the_leaver_was_notified_while_a_member(world):
    """The control of the notification test: the polls did reach the leaver."""
    from communities.models import Notification

    assert Notification.objects.filter(user=world.leaver, message__icontains=SECRET_WORD).exists()


def test_emails(world, indexed):
    outsiders = [world.fresh_member, world.other_editor, world.leaver]
    Profile.objects.filter(user__in=outsiders).update(digest=Profile.Digest.DAILY)
    for user in outsiders:
        for query in (*WORDS, PUBLIC_WORD, ""):
            SavedSearch.objects.create(
                user=user,
                site=world.alpha.site,
                name=f"Alerte {query}",
                query=query,
                language="fr",
                frequency=SavedSearch.Frequency.DAILY,
            )
    SavedSearch.objects.filter(user__in=outsiders).update(created_at=timezone.now() - datetime.timedelta(days=2))
    Subscriber.objects.create(
        site=world.alpha.site, email="abonne@example.org", language="fr", status=Subscriber.Status.CONFIRMED
    )
    mail.outbox.clear()

    send_daily_digests.delay().get()
    send_daily_alerts.delay().get()
    for issue in VeillePage.objects.filter(community__in=[world.secret, world.reserved]):
        issue.save_revision().publish()  # publishing again must not send it either

    addresses = {user.email for user in outsiders} | {"abonne@example.org"}
    sent = [message for message in mail.outbox if set(message.to) & addresses]
    assert sent, "the outsiders receive their digests and alerts"
    for message in sent:
        bodies = [
            message.subject,
            message.body,
            *(content for content, _mimetype in getattr(message, "alternatives", [])),
        ]
        assert not any(leaked(body) for body in bodies), (message.to, message.subject)

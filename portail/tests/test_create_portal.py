"""``manage.py create_portal`` builds a complete portal, or refuses bad input with
a message for the operator."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Site

from portail.portals import editors_group_name
from resources.models import DomainPage, ResourceIndexPage
from sites.models import PortalBranding, PortalHomePage


def create(*args):
    out = io.StringIO()
    call_command("create_portal", *args, stdout=out)
    return out.getvalue()


def test_creates_site_pages_branding_and_editors(domains):
    out = create(
        "--hostname",
        "Littoral.localhost",
        "--name",
        "Portail du littoral",
        "--theme",
        "dsfr",
        "--primary-colour",
        "#000091",
    )

    assert "Portal « Portail du littoral » created on littoral.localhost" in out

    site = Site.objects.get(hostname="littoral.localhost")
    assert site.site_name == "Portail du littoral"
    home = site.root_page.specific
    assert isinstance(home, PortalHomePage) and home.live
    library = ResourceIndexPage.objects.child_of(home).get()
    assert library.live and library.slug == "ressources"
    assert {p.domain for p in DomainPage.objects.child_of(home).live()} == set(domains)

    branding = PortalBranding.for_site(site)
    assert (branding.portal_name, branding.theme, branding.primary_colour) == ("Portail du littoral", "dsfr", "#000091")

    editors = Group.objects.get(name=editors_group_name("Portail du littoral"))
    assert GroupPagePermission.objects.filter(group=editors, page=home, permission__codename="change_page").exists()
    assert GroupSitePermission.objects.filter(
        group=editors, site=site, permission__codename="change_portalbranding"
    ).exists()
    assert editors.permissions.filter(codename="access_admin").exists()
    collection_rights = set(
        GroupCollectionPermission.objects.filter(group=editors).values_list("permission__codename", flat=True)
    )
    assert {"add_image", "add_document", "add_media", "change_media"} <= collection_rights


def test_created_portal_is_served_at_once(client, domains):
    create("--hostname", "littoral.localhost", "--name", "Portail du littoral")

    home = client.get("/", HTTP_HOST="littoral.localhost")
    domain = client.get("/mobilites/", HTTP_HOST="littoral.localhost")
    library = client.get("/ressources/", HTTP_HOST="littoral.localhost")

    assert (home.status_code, domain.status_code, library.status_code) == (200, 200, 200)
    assert 'href="/mobilites/"' in home.text


def test_refuses_a_duplicate_host(domains):
    create("--hostname", "littoral.localhost", "--name", "Portail du littoral")

    with pytest.raises(CommandError, match="Un portail existe déjà pour littoral.localhost"):
        create("--hostname", "littoral.localhost", "--name", "Un autre")
    assert Site.objects.filter(hostname="littoral.localhost").count() == 1
    assert not PortalHomePage.objects.filter(title="Un autre").exists()


def test_refuses_an_unknown_theme(db):
    with pytest.raises(CommandError, match="invalid choice: 'fluo'"):
        create("--hostname", "fluo.localhost", "--name", "Fluo", "--theme", "fluo")
    assert not Site.objects.filter(hostname="fluo.localhost").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--primary-colour", "#ffff00", "Contraste insuffisant"),
        ("--secondary-colour", "#a0c4ff", "Contraste insuffisant"),
        ("--primary-colour", "jaune", "n'est pas une couleur hexadécimale"),
    ],
)
def test_refuses_bad_colours(db, option, value, message):
    with pytest.raises(CommandError, match=message):
        create("--hostname", "pale.localhost", "--name", "Pâle", option, value)
    assert not Site.objects.filter(hostname="pale.localhost").exists()
    assert not PortalHomePage.objects.filter(title="Pâle").exists()


@pytest.mark.parametrize("hostname", ["http://x.localhost", "a b.localhost", "x.localhost:8000", ""])
def test_refuses_a_malformed_hostname(db, hostname):
    with pytest.raises(CommandError, match="Nom d'hôte invalide"):
        create("--hostname", hostname, "--name", "X")

"""Sign-up with mandatory e-mail verification, log-in by e-mail, password reset,
profiles and the member directory."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from communities.factories import member_user
from communities.models import Profile

HOST = "alpha.localhost"
PASSWORD = "Un-mot-de-passe-solide-2026"


def signup(client, email="claire@example.org", **extra):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Claire Martin",
        "organisation": "Métropole de Lyon",
        "organisation_type": "collectivite",
        **extra,
    }
    return client.post("/compte/signup/", data, HTTP_HOST=HOST)


def confirmation_path(message):
    return re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+/)", message.body).group(1)


def test_signup_requires_email_verification(client, world):
    response = signup(client)
    assert response.status_code == 302 and response["Location"].endswith("/compte/confirm-email/")
    user = get_user_model().objects.get(email="claire@example.org")
    assert user.profile.display_name == "Claire Martin"
    assert user.profile.organisation_type == Profile.OrganisationType.COLLECTIVITE

    client.logout()
    login = client.post("/compte/login/", {"login": "claire@example.org", "password": PASSWORD}, HTTP_HOST=HOST)
    assert login.status_code == 302 and "confirm-email" in login["Location"]
    assert "_auth_user_id" not in client.session

    path = confirmation_path(mail.outbox[-1])
    assert client.get(path, HTTP_HOST=HOST).status_code == 200
    confirmed = client.post(path, HTTP_HOST=HOST)
    assert confirmed.status_code == 302
    client.logout()
    login = client.post("/compte/login/", {"login": "claire@example.org", "password": PASSWORD}, HTTP_HOST=HOST)
    assert login.status_code == 302 and login["Location"] == "/membres/mon-fil/"


def test_signup_errors_are_shown_next_to_fields(client, world):
    response = client.post(
        "/compte/signup/",
        {"email": "pas-une-adresse", "password1": "a", "password2": "b", "display_name": ""},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert "Le formulaire contient des erreurs" in response.text
    assert '<label for="id_display_name">' in response.text


def test_account_pages_use_the_portal_theme(client, world):
    for path in ("/compte/login/", "/compte/signup/", "/compte/password/reset/"):
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200
        assert "Portail Alpha" in response.text and 'class="portal-header"' in response.text


def test_password_reset(client, world):
    user = member_user("oublieuse")
    mail.outbox.clear()
    client.post("/compte/password/reset/", {"email": user.email}, HTTP_HOST=HOST)
    link = re.search(r"https?://[^/\s]+(/compte/password/reset/key/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, HTTP_HOST=HOST, follow=True)
    action = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = client.post(action, {"password1": PASSWORD, "password2": PASSWORD}, HTTP_HOST=HOST)
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_profile_edit_and_bad_avatar(client, world, domains):
    user = member_user("profil")
    client.force_login(user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("photo.png", b"not an image", content_type="image/png")
    response = client.post(
        "/membres/profil/",
        {
            "display_name": "Paul",
            "organisation_type": "etat",
            "visibility": "public",
            "competences": "PLUi, GEMAPI",
            "avatar": bad,
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 400
    assert "image" in response.context["form"].errors["avatar"][0].lower()
    response = client.post(
        "/membres/profil/",
        {
            "display_name": "Paul",
            "organisation_type": "etat",
            "visibility": "public",
            "competences": "PLUi, GEMAPI, plui",
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302
    assert sorted(t.name for t in user.profile.competences.all()) == ["GEMAPI", "PLUi"]


@pytest.fixture
def directory_people(world, domains):
    from resources.factories import TerritoryFactory

    gironde = TerritoryFactory(name="Gironde")
    people = {}
    for name, visibility, org_type in [
        ("Alice Public", "public", "collectivite"),
        ("Bruno Membres", "members", "etat"),
        ("Chloé Cachée", "hidden", "collectivite"),
    ]:
        user = member_user(name.split()[0].lower())
        Profile.objects.filter(user=user).update(
            display_name=name, visibility=visibility, organisation_type=org_type, territory=gironde
        )
        user.profile.refresh_from_db()
        user.profile.competences.add("GEMAPI")
        user.profile.domains.add(domains[0])
        people[name] = user
    return people


def test_directory_respects_privacy_and_filters(client, directory_people, domains):
    names = lambda response: {n for n in directory_people if n in response.text}  # noqa: E731
    assert names(client.get("/membres/", HTTP_HOST=HOST)) == {"Alice Public"}
    client.force_login(member_user("lecteur"))
    assert names(client.get("/membres/", HTTP_HOST=HOST)) == {"Alice Public", "Bruno Membres"}
    assert names(client.get("/membres/", {"organisation_type": "etat"}, HTTP_HOST=HOST)) == {"Bruno Membres"}
    assert names(client.get("/membres/", {"competence": "gemapi", "domain": domains[0].slug}, HTTP_HOST=HOST)) == {
        "Alice Public",
        "Bruno Membres",
    }
    hidden = directory_people["Chloé Cachée"].profile
    assert client.get(f"/membres/{hidden.pk}/", HTTP_HOST=HOST).status_code == 404
    client.logout()
    members_only = directory_people["Bruno Membres"].profile
    assert client.get(f"/membres/{members_only.pk}/", HTTP_HOST=HOST).status_code == 404


FORGED = "portail.attaquant.example"


@pytest.fixture
def alpha_by_default(world):
    """Portal Alpha as the default site, the one a Host naming no portal gets."""
    from wagtail.models import Site

    Site.objects.update(is_default_site=False)
    Site.objects.filter(hostname=HOST).update(is_default_site=True)


@override_settings(ALLOWED_HOSTS=["*"])
def test_password_reset_links_to_the_portal_whatever_the_host_header(client, alpha_by_default):
    """Under a wildcard ALLOWED_HOSTS, a forged Host matches no portal: the mail
    still names and links to the default portal, never to the forged domain."""
    user = member_user("cible")
    mail.outbox.clear()
    client.post("/compte/password/reset/", {"email": user.email}, HTTP_HOST=FORGED)
    message = mail.outbox[-1]
    assert re.search(r"^http://alpha\.localhost/compte/password/reset/key/\S+/$", message.body, re.MULTILINE)
    assert FORGED not in message.body and FORGED not in message.subject
    assert "Portail Alpha" in message.body and "alpha.localhost" in message.body

    client.post("/compte/password/reset/", {"email": "inconnue@example.org"}, HTTP_HOST=f"{FORGED}:8443")
    unknown = mail.outbox[-1]  # the mail to an address with no account invites to sign up
    assert unknown.to == ["inconnue@example.org"] and "http://alpha.localhost/compte/signup/" in unknown.body
    assert FORGED not in unknown.body


@override_settings(ALLOWED_HOSTS=["*"], PORTAL_URL_SCHEME="https")
def test_signup_confirmation_links_to_the_portal_with_the_configured_scheme(client, alpha_by_default):
    data = {
        "email": "nouvelle@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Nouvelle",
        "organisation": "",
        "organisation_type": "collectivite",
    }
    client.post("/en/compte/signup/", data, HTTP_HOST=FORGED)
    message = mail.outbox[-1]
    assert re.search(r"go to https://alpha\.localhost/en/compte/confirm-email/\S+/$", message.body, re.MULTILINE)
    assert FORGED not in message.body


def test_account_mails_link_to_the_portal_the_host_names(client, world):
    from portail.portals import create_portal

    create_portal("beta.localhost", "Portail Bêta", port=8000)
    member_user("betanaute", email="betanaute@example.org")
    client.post("/compte/password/reset/", {"email": "betanaute@example.org"}, HTTP_HOST="beta.localhost:8000")
    body = mail.outbox[-1].body
    assert "http://beta.localhost:8000/compte/password/reset/key/" in body and "Portail Bêta" in body


def test_administrators_are_not_in_the_directory(client, directory_people):
    admin = get_user_model().objects.create_superuser("plateforme", "plateforme@example.org", PASSWORD)
    Profile.objects.filter(user=admin).update(display_name="Administrateur de la plateforme", visibility="public")

    directory = client.get("/membres/", HTTP_HOST=HOST).text

    assert "Alice Public" in directory
    assert "Administrateur de la plateforme" not in directory
    assert client.get(f"/membres/{admin.profile.pk}/", HTTP_HOST=HOST).status_code == 404


def test_sign_in_by_username_or_email_with_one_forgotten_password_link(client, world):
    admin = get_user_model().objects.create_superuser("plateforme", "plateforme@example.org", PASSWORD)
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)

    page = client.get("/compte/login/", HTTP_HOST=HOST).text
    assert page.count("/compte/password/reset/") == 1
    for login in ("plateforme", "plateforme@example.org"):
        response = client.post("/compte/login/", {"login": login, "password": PASSWORD}, HTTP_HOST=HOST)
        assert response.status_code == 302, login
        assert client.get("/membres/mon-fil/", HTTP_HOST=HOST).status_code == 200
        client.logout()

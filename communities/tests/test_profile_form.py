"""How the profile form and the directory's filters show a member's photo and
the territories, as members read them."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from communities.factories import member_user
from communities.models import Profile
from resources.models import Territory

HOST = "alpha.localhost"


def png(name="avatar.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def pays_basque(world):
    return Territory.objects.create(scale=Territory.Scale.EPCI, name="Communauté d'agglomération Pays Basque")


def test_territories_are_labelled_without_doubled_parentheses(client, world, pays_basque):
    client.force_login(member_user("voisine"))
    label = "Communauté d&#x27;agglomération Pays Basque · Intercommunalité (EPCI)"
    for path in ("/membres/", "/membres/profil/"):
        html = client.get(path, HTTP_HOST=HOST).text
        assert f'<option value="{pays_basque.pk}">{label}</option>' in html, path
        assert "(Intercommunalité (EPCI))" not in html, path


def test_the_question_form_labels_territories_the_same_way(client, world, fresh_people, pays_basque, host):
    from communities.models import Visibility

    client.force_login(fresh_people["member"])
    html = client.get(world.communities[Visibility.PUBLIC].url + "questions/poser/", HTTP_HOST=host).text
    assert "Pays Basque · Intercommunalité (EPCI)</option>" in html
    assert "(Intercommunalité (EPCI))" not in html


def test_the_current_photo_shows_as_an_image_with_replace_and_remove(client, world, media):
    user = member_user("photographiee")
    Profile.objects.filter(user=user).update(display_name="Inès Photo")
    user.profile.refresh_from_db()
    user.profile.avatar = png()
    user.profile.save()
    client.force_login(user)

    html = client.get("/membres/profil/", HTTP_HOST=HOST).text
    field = re.search(r'<div class="avatar-input">.*?</div>\s*</div>', html, re.S).group(0)
    assert re.search(
        rf'<img class="avatar avatar--preview" src="{re.escape(user.profile.avatar.url)}" alt="Photo actuelle"', field
    )
    assert '<label for="id_avatar">Remplacer la photo</label>' in field
    assert re.search(r'<input type="file" name="avatar" accept="image/\*" [^>]*id="id_avatar">', field)
    assert '<input type="checkbox" name="avatar-clear" id="avatar-clear_id">' in field
    assert '<label for="avatar-clear_id">Supprimer la photo</label>' in field
    assert "Actuellement" not in html and "Effacer" not in html and "avatars/avatar" not in field.split("src=")[0]

    data = {"display_name": "Inès Photo", "organisation_type": "etat", "visibility": "public", "competences": ""}
    refused = client.post("/membres/profil/", {**data, "avatar": png("photo.gif")}, HTTP_HOST=HOST)
    assert refused.status_code == 400 and refused.context["form"].errors["avatar"]  # validation as before
    removed = client.post("/membres/profil/", {**data, "avatar-clear": "on"}, HTTP_HOST=HOST)
    assert removed.status_code == 302
    user.profile.refresh_from_db()
    assert not user.profile.avatar
    html = client.get("/membres/profil/", HTTP_HOST=HOST).text
    assert "avatar--preview" not in html and "Supprimer la photo" not in html
    assert re.search(r'<input type="file" name="avatar" accept="image/\*" [^>]*id="id_avatar">', html)


def test_the_photo_field_reads_in_english(client, world, media):
    user = member_user("photographed")
    user.profile.avatar = png()
    user.profile.save()
    client.force_login(user)
    html = client.get("/en/membres/profil/", HTTP_HOST=HOST).text
    assert 'alt="Current photo"' in html
    assert ">Replace the photo</label>" in html and ">Remove the photo</label>" in html

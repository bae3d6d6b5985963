"""Questionnaires: members answer once, others are told why they cannot, the
answers reach the portal's editors in the admin and its CSV export only."""

import pytest
from wagtail.models import Page

from communities.models import ActivityItem, Visibility
from communities.polls.models import QuestionnaireField, QuestionnairePage, QuestionnaireSubmission

HOST = "alpha.localhost"
VISIBILITIES = [Visibility.PUBLIC, Visibility.ON_REQUEST, Visibility.SECRET]


def make_questionnaire(community, title="Vos besoins de formation", owner=None):
    page = QuestionnairePage(
        title=title, slug="questionnaire-" + str(Page.objects.count()), intro="<p>Deux minutes.</p>", owner=owner
    )
    page.form_fields = [
        QuestionnaireField(label="Votre besoin principal", field_type="singleline", required=True),
        QuestionnaireField(label="Format préféré", field_type="radio", choices="Visio\nPrésentiel", required=True),
    ]
    community.add_child(instance=page)
    page.save_revision(user=owner).publish()
    return page


ANSWER = {"votre_besoin_principal": "Les marchés publics", "format_prefere": "Visio"}


def login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


# GET: members get the form; other readers get an explanation; anonymous are sent
# to log in; a secret community's questionnaire does not exist for outsiders.
GET = {
    Visibility.PUBLIC: {
        "anonymous": 302,
        "visitor": "explained",
        "pending": "explained",
        "member": "form",
        "animateur": "form",
    },
    Visibility.ON_REQUEST: {
        "anonymous": 302,
        "visitor": "explained",
        "pending": "explained",
        "member": "form",
        "animateur": "form",
    },
    Visibility.SECRET: {"anonymous": 404, "visitor": 404, "pending": 404, "member": "form", "animateur": "form"},
}


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("role", ["anonymous", "visitor", "pending", "member", "animateur"])
def test_who_answers(client, world, fresh_people, visibility, role):
    page = make_questionnaire(world.communities[visibility])
    login(client, fresh_people, role)
    expected = GET[visibility][role]
    response = client.get(page.url, HTTP_HOST=HOST)
    if expected in ("form", "explained"):
        assert response.status_code == 200
        html = response.content.decode()
        assert ("Envoyer mes réponses" in html) is (expected == "form")
        assert ("réservé aux membres de la communauté" in html) is (expected == "explained")
    else:
        assert response.status_code == expected
    response = client.post(page.url, ANSWER, HTTP_HOST=HOST)
    if expected == "form":
        assert response.status_code == 200
        assert "Merci : vos réponses sont enregistrées." in response.content.decode()
        submission = QuestionnaireSubmission.objects.get(page=page)
        assert submission.user == fresh_people[role]
        assert submission.form_data == ANSWER
    else:
        assert response.status_code == (403 if expected == "explained" else expected)
        assert not QuestionnaireSubmission.objects.filter(page=page).exists()
    if role == "anonymous" and expected == 302:
        assert "next=" in response["Location"]


def test_a_member_answers_once(client, world, fresh_people):
    page = make_questionnaire(world.communities[Visibility.PUBLIC])
    client.force_login(fresh_people["member"])
    assert client.post(page.url, ANSWER, HTTP_HOST=HOST).status_code == 200
    response = client.post(page.url, {**ANSWER, "format_prefere": "Présentiel"}, HTTP_HOST=HOST)
    assert response.status_code == 409
    assert "Vous avez déjà répondu à ce questionnaire" in response.content.decode()
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "Vous avez déjà répondu" in html and "Envoyer mes réponses" not in html
    assert QuestionnaireSubmission.objects.filter(page=page).count() == 1
    assert QuestionnaireSubmission.objects.get(page=page).form_data["format_prefere"] == "Visio"


def test_an_invalid_answer_shows_the_form_again(client, world, fresh_people):
    page = make_questionnaire(world.communities[Visibility.PUBLIC])
    client.force_login(fresh_people["member"])
    response = client.post(page.url, {"votre_besoin_principal": "", "format_prefere": "Par pigeon"}, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert not QuestionnaireSubmission.objects.exists()


def test_publishing_records_an_activity_line_once(world):
    community = world.communities[Visibility.ON_REQUEST]
    page = make_questionnaire(community, owner=world.people["animateur"])
    lines = ActivityItem.objects.filter(community=community, verb=ActivityItem.Verb.QUESTIONNAIRE)
    assert [(line.subject_title, line.actor_id, line.hidden) for line in lines] == [
        (page.title, world.people["animateur"].pk, False)
    ]
    page.unpublish()
    assert lines.get().hidden is True
    page.save_revision().publish()
    assert lines.count() == 1 and lines.get().hidden is False


def test_questionnaires_are_created_only_inside_communities(world):
    assert QuestionnairePage in world.communities[Visibility.PUBLIC].specific_class.clean_subpage_models()
    assert QuestionnairePage.clean_parent_page_models() == [type(world.communities[Visibility.PUBLIC])]


def test_the_community_routes_still_win_over_child_pages(client, world, fresh_people):
    community = world.communities[Visibility.PUBLIC]
    page = make_questionnaire(community)
    assert page.url == community.url + page.slug + "/"
    assert client.get(community.url + "membres/", HTTP_HOST=HOST).status_code == 200
    assert client.get(community.url + "inconnu/", HTTP_HOST=HOST).status_code == 404


def test_questionnaire_text_is_escaped(client, world, fresh_people):
    page = make_questionnaire(world.communities[Visibility.PUBLIC], title="Enquête <script>alert(1)</script>")
    client.force_login(fresh_people["member"])
    html = client.get(page.url, HTTP_HOST=HOST).content.decode()
    assert "<script>alert(1)" not in html
    assert "Enquête &lt;script&gt;" in html


@pytest.fixture
def answered(world, fresh_people, client):
    page = make_questionnaire(world.communities[Visibility.SECRET])
    for role in ("member", "expert"):
        client.force_login(fresh_people[role])
        client.post(page.url, ANSWER, HTTP_HOST=HOST)
    client.logout()
    assert QuestionnaireSubmission.objects.filter(page=page).count() == 2
    return page


def test_the_portal_editors_export_the_answers_as_csv(client, answered, fresh_people):
    from communities.membership import display_name

    client.force_login(fresh_people["editor"])
    listing = client.get(f"/admin/forms/submissions/{answered.pk}/")
    assert listing.status_code == 200
    assert "Les marchés publics" in listing.content.decode()
    response = client.get(f"/admin/forms/submissions/{answered.pk}/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = (
        b"".join(response.streaming_content if response.streaming else [response.content])
        .decode("utf-8-sig")
        .splitlines()
    )
    assert rows[0].startswith("Membre,")
    assert "Votre besoin principal" in rows[0]
    body = "\n".join(rows[1:])
    assert display_name(fresh_people["member"]) in body and display_name(fresh_people["expert"]) in body
    assert body.count("Les marchés publics") == 2


def test_another_portals_editors_cannot_see_the_answers(client, answered, world, fresh_people):
    from communities.factories import member_user
    from portail.portals import create_portal

    other = create_portal("gamma.localhost", "Portail Gamma")
    client.force_login(member_user("editeur-gamma", groups=[other.editors]))
    assert client.get(f"/admin/forms/submissions/{answered.pk}/").status_code in (302, 403, 404)
    assert client.get(f"/admin/forms/submissions/{answered.pk}/?export=csv").status_code in (302, 403, 404)
    index = client.get("/admin/forms/")
    assert answered.title not in index.content.decode()
    client.force_login(fresh_people["member"])
    assert client.get(f"/admin/forms/submissions/{answered.pk}/?export=csv").status_code in (302, 403)


def test_an_editor_creates_a_questionnaire_in_the_admin(client, world, fresh_people):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    community = world.communities[Visibility.PUBLIC]
    client.force_login(fresh_people["editor"])
    data = nested_form_data(
        {
            "title": "Enquête de satisfaction",
            "slug": "enquete-satisfaction",
            "intro": rich_text("<p>Merci de répondre.</p>"),
            "thank_you_text": rich_text("<p>Merci.</p>"),
            "form_fields": inline_formset(
                [
                    {
                        "label": "Votre avis",
                        "field_type": "multiline",
                        "required": "on",
                        "choices": "",
                        "default_value": "",
                        "help_text": "",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/polls/questionnairepage/{community.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = QuestionnairePage.objects.child_of(community).get(slug="enquete-satisfaction")
    assert page.live and [field.clean_name for field in page.form_fields.all()] == ["votre_avis"]
    assert ActivityItem.objects.filter(
        verb=ActivityItem.Verb.QUESTIONNAIRE, subject_id=page.pk, actor=fresh_people["editor"]
    ).exists()


def test_questionnaire_query_budget_does_not_grow(client, world, fresh_people, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from communities.factories import add_member, member_user

    community = world.communities[Visibility.PUBLIC]
    page = make_questionnaire(community)
    client.force_login(fresh_people["member"])
    client.get(page.url, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as small:
        assert client.get(page.url, HTTP_HOST=HOST).status_code == 200
    for number in range(15):
        user = member_user(f"repondant-{number}")
        add_member(community, user)
        QuestionnaireSubmission.objects.create(page=page, user=user, form_data=ANSWER)
    with django_assert_max_num_queries(len(small)):
        assert client.get(page.url, HTTP_HOST=HOST).status_code == 200
    assert len(small) <= 20

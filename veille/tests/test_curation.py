"""The editors' inbox: new resources and harvested items of their portal, keep
or ignore, filters, and a draft issue made of the kept items."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from harvest.models import HarvestedItem
from resources.factories import ResourceTypeFactory
from sites.factories import UserFactory
from veille.models import Decision, InboxDecision, VeilleEntry, VeillePage

from .conftest import harvest_item, make_source, publish_issue, publish_resource, veille_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]
INBOX = reverse("veille_inbox")


def refused(response):
    """The admin turns a PermissionDenied into a redirect to its dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


@pytest.fixture
def fresh(portal_a, portal_b, domains):
    """New things on Alpha (two resources, two partner items) and on Bêta."""
    guide = ResourceTypeFactory(name="Guide", slug="guide")
    source = make_source(portal_a, name="Agence de l'eau")
    return {
        "guide": publish_resource(portal_a, "Guide des pistes cyclables", domains=[domains[0]], resource_type=guide),
        "study": publish_resource(portal_a, "Étude sur les crues", domains=[domains[1]]),
        "news": harvest_item(source, "Appel à projets vélo", domains=[domains[0]]),
        "event": harvest_item(source, "Journée risques littoraux", domains=[domains[1]]),
        "other_portal": publish_resource(portal_b, "Ressource du portail Bêta"),
        "source": source,
    }


def test_inbox_lists_what_is_new_on_the_editors_portal_only(client, editor_a, fresh):
    client.force_login(editor_a)
    response = client.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("guide", "study", "news", "event"):
        assert fresh[key].title in html
    assert "Ressource du portail Bêta" not in html
    assert "<select" not in html.split('class="veille-filters"')[0]  # no portal selector for a one-portal editor


def test_keep_puts_an_item_first_and_ignore_takes_it_out(client, editor_a, fresh, portal_a):
    client.force_login(editor_a)
    for kind, target, decision in (("item", fresh["event"], "keep"), ("resource", fresh["study"], "ignore")):
        response = client.post(
            reverse("veille_decide"), {"portal": portal_a.site.pk, "kind": kind, "pk": target.pk, "decision": decision}
        )
        assert response.status_code == 302
    rows = client.get(INBOX).context["rows"].object_list
    assert rows[0].title == "Journée risques littoraux" and rows[0].kept
    assert [row.title for row in rows if row.kept] == ["Journée risques littoraux"]
    assert "Étude sur les crues" not in {row.title for row in rows}
    assert InboxDecision.objects.get(site=portal_a.site, resource=fresh["study"]).decision == Decision.IGNORE
    assert InboxDecision.objects.get(site=portal_a.site, harvested_item=fresh["event"]).decided_by == editor_a

    client.post(
        reverse("veille_decide"),
        {"portal": portal_a.site.pk, "kind": "item", "pk": fresh["event"].pk, "decision": "reset"},
    )
    assert not client.get(INBOX).context["rows"].object_list[0].kept


def test_filters_by_domain_source_and_type(client, editor_a, fresh, domains, portal_a):
    client.force_login(editor_a)

    def titles(**params):
        return {
            row.title for row in client.get(INBOX, {"portal": portal_a.site.pk, **params}).context["rows"].object_list
        }

    assert titles(domain=domains[0].pk) == {"Guide des pistes cyclables", "Appel à projets vélo"}
    assert titles(source=fresh["source"].pk) == {"Appel à projets vélo", "Journée risques littoraux"}
    assert titles(source="bibliotheque") == {"Guide des pistes cyclables", "Étude sur les crues"}
    assert titles(type=fresh["guide"].resource_type_id) == {"Guide des pistes cyclables"}
    assert titles(domain=domains[1].pk, source="bibliotheque") == {"Étude sur les crues"}


def test_empty_inbox_says_so(client, editor_a, portal_a):
    client.force_login(editor_a)
    response = client.get(INBOX)
    assert "Aucun nouvel élément depuis le dernier numéro." in response.content.decode()


def test_inbox_shows_only_what_is_newer_than_the_last_issue(client, editor_a, fresh, portal_a):
    client.force_login(editor_a)
    publish_issue(portal_a, "Veille de novembre", [fresh["guide"]])
    VeillePage.objects.filter(title="Veille de novembre").update(
        first_published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    HarvestedItem.objects.filter(pk=fresh["news"].pk).update(first_seen=timezone.now() - datetime.timedelta(days=2))
    later = harvest_item(fresh["source"], "Webinaire mobilités")
    rows = {row.title for row in client.get(INBOX).context["rows"].object_list}
    assert "Webinaire mobilités" in rows
    assert "Appel à projets vélo" not in rows  # harvested before the last issue
    assert "Guide des pistes cyclables" not in rows  # already in an issue
    assert later.pk


def test_create_issue_from_kept_items_then_publish(client, editor_a, fresh, portal_a):
    client.force_login(editor_a)
    for kind, target in (("item", fresh["news"]), ("resource", fresh["guide"])):
        client.post(
            reverse("veille_decide"), {"portal": portal_a.site.pk, "kind": kind, "pk": target.pk, "decision": "keep"}
        )

    response = client.post(reverse("veille_create_issue"), {"portal": portal_a.site.pk})
    issue = VeillePage.objects.child_of(veille_of(portal_a)).get()
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[issue.pk])
    assert not issue.live
    assert [(e.harvested_item_id, e.resource_id) for e in issue.entries.order_by("sort_order")] == [
        (fresh["news"].pk, None),
        (None, fresh["guide"].pk),
    ]
    edit = client.get(response.url)
    assert edit.status_code == 200 and "Appel à projets vélo" in edit.content.decode()

    issue.entries.filter(resource=fresh["guide"]).update(note="À lire avant le comité de pilotage.")
    issue.save_revision(user=editor_a).publish()
    rows = {row.title for row in client.get(INBOX).context["rows"].object_list}
    assert not rows & {"Appel à projets vélo", "Guide des pistes cyclables"}
    assert client.post(reverse("veille_create_issue"), {"portal": portal_a.site.pk}).status_code == 302
    assert VeillePage.objects.child_of(veille_of(portal_a)).count() == 1  # nothing kept left: no empty draft


def test_editors_use_their_own_portals_inbox_only(client, editor_a, fresh, portal_b):
    client.force_login(editor_a)
    assert refused(client.get(INBOX, {"portal": portal_b.site.pk}))
    decision = {"portal": portal_b.site.pk, "kind": "resource", "pk": fresh["other_portal"].pk, "decision": "keep"}
    assert refused(client.post(reverse("veille_decide"), decision))
    assert refused(client.post(reverse("veille_create_issue"), {"portal": portal_b.site.pk}))
    # Another portal's resource is not offered in one's own inbox either.
    client.post(reverse("veille_decide"), {"kind": "resource", "pk": fresh["other_portal"].pk, "decision": "keep"})
    assert not InboxDecision.objects.exists()


def test_people_without_editor_rights_are_refused(client, fresh):
    assert reverse("wagtailadmin_login") in client.get(INBOX).url
    client.force_login(UserFactory(username="lecteur"))
    assert reverse("wagtailadmin_login") in client.get(INBOX).url
    staff = UserFactory(username="sans-portail")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert refused(client.get(INBOX))
    assert refused(
        client.post(reverse("veille_decide"), {"kind": "resource", "pk": fresh["guide"].pk, "decision": "keep"})
    )
    assert not InboxDecision.objects.exists()


def test_superusers_choose_the_portal(client, superuser, fresh, portal_a, portal_b):
    client.force_login(superuser)
    response = client.get(INBOX, {"portal": portal_b.site.pk})
    html = response.content.decode()
    assert 'name="portal"' in html and "Portail Alpha" in html and "Portail Bêta" in html
    assert "Ressource du portail Bêta" in html and "Guide des pistes cyclables" not in html


def test_an_entry_is_either_a_resource_or_an_item(fresh):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        VeilleEntry(resource=fresh["guide"], harvested_item=fresh["news"]).clean()
    with pytest.raises(ValidationError):
        VeilleEntry(note="Rien").clean()
    VeilleEntry(resource=fresh["guide"]).clean()


def _add_issue(client, portal, entries):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "title": "Veille manuelle",
            "slug": "veille-manuelle",
            "issue_date": "2026-11-27",
            "entries": inline_formset(entries),
            "comments": inline_formset([]),
        }
    )
    return client.post(reverse("wagtailadmin_pages:add", args=["veille", "veillepage", veille_of(portal).pk]), data)


def test_the_issue_form_refuses_another_portals_resource(client, editor_a, fresh, portal_a):
    client.force_login(editor_a)
    response = _add_issue(client, portal_a, [{"resource": fresh["other_portal"].pk, "note": "Hors portail"}])
    assert response.status_code == 200 and "pas publiée sur ce portail" in response.content.decode()
    assert not VeillePage.objects.exists()

    response = _add_issue(
        client, portal_a, [{"resource": fresh["guide"].pk, "note": "Bon guide"}, {"harvested_item": fresh["news"].pk}]
    )
    assert response.status_code == 302
    issue = VeillePage.objects.get()
    assert [(e.resource_id, e.harvested_item_id, e.note) for e in issue.entries.order_by("sort_order")] == [
        (fresh["guide"].pk, None, "Bon guide"),
        (None, fresh["news"].pk, ""),
    ]

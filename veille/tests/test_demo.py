"""The demo veille: three published issues per portal, loaded once."""

import pytest

from portail.demo.veille import ISSUES, load
from veille.listing import issue_entries, published_issues

from .conftest import harvest_item, make_source, publish_resource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def test_demo_issues_are_published_once_per_portal(portal_a, portal_b):
    for number in range(6):
        publish_resource(portal_a, f"Ressource de démonstration {number}")
    source = make_source(portal_a)
    for number in range(6):
        harvest_item(source, f"Actualité partenaire {number}")

    assert load([portal_a.site, portal_b.site]) == 2 * len(ISSUES)
    issues = list(published_issues(portal_a.site))
    assert [issue.title for issue in issues] == [title for title, _date, _intro in reversed(ISSUES)]
    entries = issue_entries(issues[0])
    assert len(entries) == 4 and all(entry.note for entry in entries)
    assert {entry.is_harvested for entry in entries} == {True, False}
    assert load([portal_a.site, portal_b.site]) == 0

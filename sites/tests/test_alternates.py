"""Pages announce the feeds and calendars that apps register, in their <head>."""

import pytest
from wagtail import hooks

from sites import alternates

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]


def test_registered_alternates_are_announced_in_the_head(client, portal_a):
    def feeds(request, page):
        if page is not None and page.pk == portal_a.home.pk:
            yield alternates.Alternate(alternates.RSS, "Veille & actualités", "/veille/rss/")
        yield alternates.Alternate(alternates.CALENDAR, "Agenda", "/agenda.ics")

    with hooks.register_temporarily("page_alternates", feeds), hooks.register_temporarily("page_alternates", feeds):
        html = client.get("/", HTTP_HOST=portal_a.site.hostname).content.decode()  # registered twice: announced once
        search_html = client.get("/recherche/", HTTP_HOST=portal_a.site.hostname).content.decode()
    head = html[: html.index("</head>")]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Veille &amp; actualités" href="/veille/rss/">' in head
    )
    assert head.count('href="/agenda.ics"') == 1

    assert "application/rss+xml" not in search_html
    assert 'type="text/calendar" title="Agenda"' in search_html

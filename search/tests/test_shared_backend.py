"""Searches share one backend, and so one engine client and its open
connections, per configuration."""

from django.test import override_settings

from search.backends.shared import search_backend


def test_the_same_backend_serves_every_search():
    assert search_backend() is search_backend()


def test_another_configuration_gets_its_own_backend():
    before = search_backend()
    with override_settings(
        WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "search.backends.database", "AUTO_UPDATE": False}}
    ):
        other = search_backend()
        assert other is not before
        assert other is search_backend()
    assert search_backend() is before

"""Alternate versions a page announces in its ``<head>``: RSS/Atom feeds and
calendars, so that feed readers and calendar apps discover them.

An app registers a provider, ``provider(request, page) -> iterable of
Alternate``; ``page`` may be ``None`` on views that are not Wagtail pages. The
base template renders every alternate of every provider."""

from dataclasses import dataclass

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
CALENDAR = "text/calendar"


@dataclass(frozen=True)
class Alternate:
    type: str
    title: str
    href: str


_providers = []


def register(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def for_page(request, page):
    return [alternate for provider in _providers for alternate in provider(request, page)]

"""Alternate versions a page announces in its ``<head>``: RSS/Atom feeds and
calendars, so that feed readers and calendar apps discover them.

An app registers a provider with the ``page_alternates`` Wagtail hook,
``provider(request, page) -> iterable of Alternate``; ``page`` may be ``None``
on views that are not Wagtail pages. The base template renders every alternate
of every provider."""

from dataclasses import dataclass

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
CALENDAR = "text/calendar"


@dataclass(frozen=True)
class Alternate:
    type: str
    title: str
    href: str


def for_page(request: HttpRequest, page: Page | None) -> list[Alternate]:
    providers = dict.fromkeys(hooks.get_hooks("page_alternates"))  # a provider registered twice counts once
    return [alternate for provider in providers for alternate in provider(request, page)]

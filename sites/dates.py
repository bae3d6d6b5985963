"""Dates written as the templates write them, for long lists.

The ``date`` filter runs Django's whole format machinery, and looks up the
translated month name, for every value: on a page listing hundreds of dated
lines (a question's answers) that is a good part of the rendering. A formatter
built here resolves the time zone and the month names once per page."""

from django.utils import timezone
from django.utils.dates import MONTHS


def long_datetime_formatter():
    """A function writing an aware datetime exactly as ``{{ value|date:"j F Y, H:i" }}``
    does ("3 mars 2025, 09:05"), in the active language and time zone."""
    months = {number: str(name) for number, name in MONTHS.items()}
    zone = timezone.get_current_timezone()

    def write(value):
        local = timezone.localtime(value, zone)
        return f"{local.day} {months[local.month]} {local.year:04d}, {local:%H:%M}"

    return write


def long_date_formatter():
    """A function writing a date exactly as ``{{ value|date:"j F Y" }}`` does
    ("3 mars 2025"), in the active language."""
    months = {number: str(name) for number, name in MONTHS.items()}

    def write(value):
        return f"{value.day} {months[value.month]} {value.year:04d}"

    return write

"""The fast date formatter writes what the template filter writes."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from sites.dates import long_date_formatter, long_datetime_formatter

MOMENTS = [
    datetime.datetime(2025, 3, 1, 8, 5, tzinfo=datetime.UTC),
    datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC),  # already 2026 in Paris
    datetime.datetime(2024, 8, 15, 0, 0, tzinfo=zoneinfo.ZoneInfo("America/Cayenne")),
]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("zone", ["Europe/Paris", "Indian/Reunion"])
def test_writes_what_the_date_filter_writes(language, zone):
    template = Template('{{ value|date:"j F Y, H:i" }}')
    with translation.override(language), timezone.override(zone):
        write = long_datetime_formatter()
        for moment in MOMENTS:
            assert write(moment) == template.render(Context({"value": moment}))


def test_french_month_names():
    with translation.override("fr"), timezone.override("Europe/Paris"):
        assert long_datetime_formatter()(MOMENTS[0]) == "1 mars 2025, 09:05"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_are_written_as_the_date_filter_writes_them(language):
    template = Template('{{ value|date:"j F Y" }}')
    with translation.override(language):
        write = long_date_formatter()
        for day in [datetime.date(2025, 3, 1), datetime.date(999, 12, 31), datetime.date(2024, 8, 15)]:
            assert write(day) == template.render(Context({"value": day}))
    with translation.override("fr"):
        assert long_date_formatter()(datetime.date(2025, 2, 1)) == "1 février 2025"

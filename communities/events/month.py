"""The month view: weeks of days, each with the events that fall on it in the
event's own time zone (an event running past midnight shows on both days)."""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

ONE_DAY = datetime.timedelta(days=1)
FIRST_YEAR, LAST_YEAR = 1970, 2200


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, year, month, today):
        """The month asked for, today's without one; None when out of range."""
        if year is None:
            return cls(today.year, today.month)
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            return None
        return cls(year, month)

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self):
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    @property
    def next(self):
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def weeks(self):
        """The dates shown, Monday first, whole weeks."""
        return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(self.year, self.month)


def event_days(event):
    """The local dates an event covers; one ending at midnight does not cover the
    day that begins then."""
    first = event.local_start.date()
    end = event.local_end
    last = end.date() - ONE_DAY if end.time() == datetime.time.min else end.date()
    return first, max(first, last)


def grid(month, events, today):
    """The weeks of ``month`` as lists of Day."""
    weeks = month.weeks()
    shown_first, shown_last = weeks[0][0], weeks[-1][-1]
    by_day = defaultdict(list)
    for event in events:
        first, last = event_days(event)
        day = max(first, shown_first)
        while day <= min(last, shown_last):
            by_day[day].append(event)
            day += ONE_DAY
    return [[Day(day, day.month == month.month, day == today, by_day.get(day, [])) for day in week] for week in weeks]

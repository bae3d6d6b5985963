"""The event page's admin form: editors type start, end and deadline as wall-clock
times in the event's own time zone, whatever their own."""

import zoneinfo

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from .validators import validate_web_url

LOCAL_FIELDS = ("start", "end", "registration_deadline")
WEB_URL_FIELDS = ("online_url", "replay_url")


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in WEB_URL_FIELDS:
            if name in self.fields:
                self.fields[name].validators.append(validate_web_url)
        zone = _zone(self.instance.time_zone)
        if zone is None:
            return
        for name in LOCAL_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                # A naive value is shown as is, not converted to the editor's zone.
                self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned = super().clean()
        zone = _zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned  # the time zone field reports the error
        current = timezone.get_current_timezone()
        for name in LOCAL_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_aware(timezone.make_naive(value, current), zone)
        return cleaned


def _zone(name):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None

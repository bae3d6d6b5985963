"""Validators of the event page's fields, shared by the model and its admin form."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Paris"
TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


def validate_time_zone(value):
    if value not in TIME_ZONES:
        raise ValidationError(
            _("Fuseau horaire inconnu : « %(value)s » (exemple : Europe/Paris)."),
            params={"value": value},
            code="time_zone",
        )


# Its own code, so that URL fields keep this message rather than their generic one.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Saisissez une adresse web commençant par http:// ou https://."),
    code="web_url",
)

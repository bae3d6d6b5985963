"""Colour checks for portal branding: hex syntax and WCAG 2 contrast."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
MIN_CONTRAST = 4.5  # WCAG AA for normal text


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas une couleur hexadécimale : utilisez la forme #1f4e79 ou #27a."),
            params={"value": value},
            code="invalid_colour",
        )


def _channels(value):
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]


def relative_luminance(value: str) -> float:
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(value)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)

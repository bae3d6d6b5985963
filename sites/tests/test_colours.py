"""The colour checks behind portal branding: hex syntax and WCAG 2 contrast."""

import pytest
from django.core.exceptions import ValidationError

from sites.colours import contrast_ratio, validate_hex_colour


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("value", ["#1f4e79", "#27A", "#ABCDEF"])
def test_hex_colours_are_accepted(value):
    validate_hex_colour(value)


@pytest.mark.parametrize("value", ["", "1f4e79", "#1f4e7", "#1f4e79ff", "bleu", "#ggg", None])
def test_other_values_are_refused(value):
    with pytest.raises(ValidationError, match="couleur hexadécimale"):
        validate_hex_colour(value)

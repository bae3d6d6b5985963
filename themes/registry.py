"""The themes a portal can pick. Each lives in ``themes/<name>/`` with its own
``templates/`` and ``static/`` folders; any template a theme lacks falls back to
the "default" theme."""

from pathlib import Path

from django.template.loader import select_template
from django.utils.translation import gettext_lazy as _

THEMES_DIR = Path(__file__).resolve().parent
DEFAULT_THEME = "default"
THEME_CHOICES = [
    ("default", _("Neutre et accessible")),
    ("dsfr", _("Système de design de l'État (DSFR), réservé aux sites de l'État")),
]
THEME_NAMES = {name for name, _label in THEME_CHOICES}


def template_names(theme, name):
    """Candidate template names for ``name`` in ``theme``, then in the default theme."""
    names = [f"{theme}/{name}"] if theme in THEME_NAMES and theme != DEFAULT_THEME else []
    return names + [f"{DEFAULT_THEME}/{name}"]


def select_theme_template(theme, name):
    return select_template(template_names(theme, name))

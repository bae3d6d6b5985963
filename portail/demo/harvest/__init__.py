"""The harvest part of ``make demo``: partner sources of every kind (RSS, Atom,
sitemap with JSON-LD and OpenGraph pages, OAI-PMH, an Aides-Territoires-shaped
API) whose documents are fixture files served by the portal itself under
``/demo-sources/`` when HARVEST_DEMO_SOURCES is on (development, the audit), so that harvesting works offline, from
``load_demo`` as from the « Moissonner maintenant » button."""

from .loader import load

__all__ = ["load"]

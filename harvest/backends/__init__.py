"""The registry of source kinds. Each backend lives in its own module and turns
a source into stubs (gather), raw records (fetch) and normalised records
(transform); the pipeline does the rest."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

BACKENDS = {
    "rss": ("harvest.backends.rss.RSSBackend", _("Flux RSS ou Atom")),
    "sitemap": ("harvest.backends.sitemap.SitemapBackend", _("Plan de site (sitemap)")),
    "oai": ("harvest.backends.oai.OAIBackend", _("Entrepôt OAI-PMH (Dublin Core)")),
    "aides-territoires": ("harvest.backends.aides_territoires.AidesTerritoiresBackend", _("API Aides-territoires")),
}
BACKEND_CHOICES = [(name, label) for name, (_path, label) in BACKENDS.items()]


def get_backend(name):
    try:
        path, _label = BACKENDS[name]
    except KeyError:
        raise ValueError(f"Unknown harvest backend: {name!r}") from None
    return import_string(path)()

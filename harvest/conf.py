"""Harvest limits, each overridable in Django settings."""

from django.conf import settings

DEFAULTS = {
    "HARVEST_ALLOWED_PRIVATE_NETWORKS": [],
    "HARVEST_CONNECT_TIMEOUT": 5.0,
    "HARVEST_READ_TIMEOUT": 20.0,
    "HARVEST_TOTAL_TIMEOUT": 120.0,
    "HARVEST_MAX_BYTES": 50 * 1024 * 1024,
    "HARVEST_MAX_REDIRECTS": 5,
    "HARVEST_HOST_MIN_INTERVAL": 0.5,
    "HARVEST_RESPECT_ROBOTS": True,
    "HARVEST_RUN_TIMEOUT": 2 * 60 * 60,
    "HARVEST_PREVIEW_LIMIT": 20,
    "HARVEST_USER_AGENT": "PortailTerritoiresBot/0.1 (+moissonnage; Portail des territoires)",
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])

from .base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# The demo's partner sources are served by this very server (portail/demo/harvest): let
# harvesting reach the loopback network, in development only.
HARVEST_ALLOWED_PRIVATE_NETWORKS = [*HARVEST_ALLOWED_PRIVATE_NETWORKS, "127.0.0.0/8"]  # noqa: F405
HARVEST_DEMO_SOURCES = True

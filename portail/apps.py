from django.apps import AppConfig


class PortailConfig(AppConfig):
    """The project package: it has no models, only the commands that orchestrate
    the apps (``create_portal``, ``load_demo``) and their tests."""

    name = "portail"
    verbose_name = "Portail des territoires"

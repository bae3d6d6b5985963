from django.apps import AppConfig


class PortalsConfig(AppConfig):
    # The project package doubles as the white-label app. Its label avoids any clash
    # with django.contrib.sites.
    name = "sites"
    label = "portals"
    verbose_name = "Portails"

    def ready(self):
        from . import root_paths

        root_paths.install()

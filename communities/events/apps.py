from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "communities.events"
    label = "events"
    verbose_name = _("Événements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from communities import tools

        from . import signals

        tools.allow_page_type("events.EventPage")
        signals.connect()

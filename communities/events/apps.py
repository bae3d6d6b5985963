from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "communities.events"
    label = "events"
    verbose_name = _("Événements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from communities import tools
        from sites import alternates

        from . import calendars, search, signals

        tools.allow_page_type("events.EventPage")
        tools.register("agenda", "communities.events.urls", _("Agenda"), "index", order=20)
        alternates.register(calendars.alternates)
        signals.connect()
        search.register()

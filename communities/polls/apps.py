from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "communities.polls"
    label = "polls"
    verbose_name = _("Sondages et questionnaires")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from communities import tools

        from . import signals

        tools.allow_page_type("polls.QuestionnairePage")
        signals.connect()

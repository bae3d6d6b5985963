from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "communities.questions"
    label = "questions"
    verbose_name = _("Questions et réponses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from communities import tools

        from . import search, signals

        tools.register("questions", "communities.questions.urls", _("Questions"), "index", order=10)
        search.register()
        signals.connect()

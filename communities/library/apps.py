from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "communities.library"
    label = "community_documents"
    verbose_name = _("Documents des communautés")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from communities import tools

        from . import search, signals

        tools.register("documents", "communities.library.urls", _("Documents"), "index", order=40)
        search.register()
        signals.connect()

"""Setting up a portal's agenda page."""

from django.utils.translation import gettext as _

from .models import AgendaPage


def create_agenda(home):
    """The portal's agenda under ``home``, created and published if missing."""
    agenda = AgendaPage.objects.child_of(home).first()
    if agenda is None:
        agenda = home.add_child(instance=AgendaPage(title=_("Agenda"), slug="agenda", show_in_menus=True))
        agenda.save_revision().publish()
    return agenda

"""Setting up a portal's veille archive page."""

from django.utils.translation import gettext as _

from .models import VeilleIndexPage


def create_veille_index(home):
    """The portal's veille archive under ``home``, created and published if missing."""
    index = VeilleIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=VeilleIndexPage(title=_("Veille"), slug="veille", show_in_menus=True))
        index.save_revision().publish()
    return index

"""Pages in another language of the portal."""

from wagtail.models import Locale, Page


def translate_page(page: Page, locale: Locale) -> Page:
    """Publish a copy of ``page`` in ``locale`` (editors refine it with
    wagtail-localize). A page may name its title there with ``title_in(locale)``."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = page.copy_for_translation(locale)
    if hasattr(copy, "title_in"):
        copy.title = copy.title_in(locale)
    copy.save_revision().publish()
    return copy

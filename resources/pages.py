"""Setting up a portal's library pages: one page per domain and a resource library."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Domain, DomainPage, ResourceIndexPage


def create_library_pages(home):
    """Give a new portal home its library and one page per domain (idempotent)."""
    children = home.get_children()
    if not children.type(ResourceIndexPage).exists():
        index = home.add_child(instance=ResourceIndexPage(title=_("Ressources"), slug="ressources", show_in_menus=True))
        index.save_revision().publish()
    existing = set(DomainPage.objects.child_of(home).values_list("domain__translation_key", flat=True))
    for domain in Domain.objects.filter(locale=home.locale).exclude(translation_key__in=existing):
        page = home.add_child(
            instance=DomainPage(
                title=domain.name,
                slug=domain.slug or slugify(domain.name),
                domain=domain,
                summary=domain.description,
                show_in_menus=True,
            )
        )
        page.save_revision().publish()

"""Setting up a portal's community pages."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import CommunityIndexPage, CommunityPage


def ensure_community_index(home):
    """The portal's list of communities, created (and published) if missing."""
    index = CommunityIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CommunityIndexPage(title=_("Communautés"), slug="communautes", show_in_menus=True)
        )
        index.save_revision().publish()
    return index


def create_community(index, title, visibility, domains=(), listed_on=(), tags=(), **fields):
    """Create and publish a community under ``index``."""
    fields.setdefault("slug", slugify(title))
    community = CommunityPage(title=title, visibility=visibility, **fields)
    community.domains = list(domains)
    community.listed_on = list(listed_on)
    if tags:
        community.tags.add(*tags)
    index.add_child(instance=community)
    community.save_revision().publish()
    return community

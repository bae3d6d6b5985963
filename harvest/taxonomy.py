"""Resource types, domains, territories and tags harvested items are filed under."""

from django.db.models.functions import Lower
from taggit.models import Tag
from wagtail.models import Locale

from resources.models import Domain, ResourceType, Territory

TAG_LENGTH = 100
TERRITORY_NAME_LENGTH = Territory._meta.get_field("name").max_length


def resource_type(slug, name):
    """The resource type ``slug`` in the default locale, created when missing."""
    found, _created = ResourceType.objects.get_or_create(
        slug=slug, locale=Locale.get_default(), defaults={"name": name}
    )
    return found


def domain_ids_by_slug():
    """The domains of the default locale (the six thematic domains), by slug."""
    return dict(Domain.objects.filter(locale=Locale.get_default()).values_list("slug", "pk"))


def territory(scale, name):
    """The territory ``name`` at ``scale``, created when missing."""
    found, _created = Territory.objects.get_or_create(scale=scale, name=name.strip()[:TERRITORY_NAME_LENGTH])
    return found


def tag_name(name):
    return name.strip()[:TAG_LENGTH]


def tags_by_name(names):
    """Tags for ``names`` keyed by lower-cased name, created when missing
    (tags are case-insensitive on this platform)."""
    wanted = {tag_name(name).lower(): tag_name(name) for name in names if tag_name(name)}
    found = {tag.lname: tag for tag in Tag.objects.annotate(lname=Lower("name")).filter(lname__in=list(wanted))}
    for lowered, name in wanted.items():
        if lowered not in found:
            found[lowered] = Tag.objects.create(name=name)
    return found

"""Test data for the resource library, built with factory-boy.

Pages are real tree nodes: ``ResourcePageFactory(parent=library)`` adds the page
under ``parent`` with ``add_child``. It is live by default; pass ``live=False``
for a draft.
"""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from .models import Domain, ResourcePage, ResourceType, Territory


class DomainFactory(DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Domaine {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = factory.LazyAttribute(lambda o: f"Tout sur {o.name.lower()}.")
    colour = "#1f4e79"
    locale = factory.LazyFunction(Locale.get_default)


class ResourceTypeFactory(DjangoModelFactory):
    class Meta:
        model = ResourceType
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(Locale.get_default)


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("scale", "name")

    scale = Territory.Scale.DEPARTEMENT
    name = factory.Sequence(lambda n: f"Territoire {n}")
    insee_code = ""


class ResourcePageFactory(factory.Factory):
    """A resource page under ``parent`` (a ResourceIndexPage), with its domains,
    tags and sharing set before the first save."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Ressource {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = factory.LazyAttribute(lambda o: f"Résumé de « {o.title} ».")
    publication_date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 700))
    authors = "Cerema"
    organisation = "Cerema"

    @classmethod
    def _create(cls, model_class, parent, domains=(), tags=(), shared_with=(), **fields):
        page = model_class(**fields)
        page.domains = list(domains)
        page.shared_with = list(shared_with)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        return page

"""Test data for accounts. Portals themselves are made with ``portail.portals.create_portal``,
exactly as operators make them."""

import factory
from django.conf import settings
from factory.django import DjangoModelFactory, Password

PASSWORD = "mot-de-passe-de-test"


class UserFactory(DjangoModelFactory):
    """A user who can log in with ``PASSWORD``. ``groups=[...]`` adds memberships."""

    class Meta:
        model = settings.AUTH_USER_MODEL
        django_get_or_create = ("username",)
        skip_postgeneration_save = True  # group memberships need no second save

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = Password(PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)

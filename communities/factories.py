"""Test data for communities."""

from allauth.account.models import EmailAddress

from sites.factories import UserFactory

from .models import Membership


def member_user(username, **fields):
    """A user with a verified e-mail address (as after sign-up)."""
    user = UserFactory(username=username, **fields)
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def add_member(community, user, role=Membership.Role.MEMBER, status=Membership.Status.ACTIVE):
    return Membership.objects.create(community=community, user=user, role=role, status=status)

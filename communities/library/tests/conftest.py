"""The communities' ``world``: a portal with one community per visibility and
one user per role (see communities/tests/conftest.py)."""

from communities.tests.conftest import _database, fresh_people, host, world  # noqa: F401

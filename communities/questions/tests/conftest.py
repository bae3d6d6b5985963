"""The communities' ``world`` (a portal, one community per visibility, one user
per role) and search's fresh index on each backend, for the questions tool, and
a question asked by its member."""

import pytest

from communities.questions import answering
from communities.tests.conftest import _database, fresh_people, host, world  # noqa: F401  (re-exported fixtures)
from search.tests.conftest import search_backend, search_index  # noqa: F401  (re-exported fixtures)


@pytest.fixture
def ask(fresh_people):
    """``ask(community, title=…, author=…)``: a question asked through the tool."""

    def _ask(
        community,
        title="Comment financer une piste cyclable ?",
        author=None,
        body="<p>Nous cherchons des aides.</p>",
        **fields,
    ):
        return answering.ask(community, author or fresh_people["member"], title, body, **fields)

    return _ask

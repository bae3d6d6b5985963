"""Fixtures shared by every test folder."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.index import get_indexed_models
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from portail.celery import app
from portail.portals import create_portal
from resources.factories import DomainFactory
from tests import services
from tests.utils import kept_for_module


@pytest.fixture
def require_service():
    """``require_service("redis")`` returns the service's URL, or skips the test
    when the service is not configured or not reachable; under ``CI=true`` it fails
    the test instead, so that CI never passes by skipping (see tests/services.py)."""
    return services.require_service


@pytest.fixture(scope="session", autouse=True)
def _search_engine_indexes():
    """With a search engine configured (SEARCH_URL), every index starts empty and
    with its mappings and analysers, so that what tests save is indexed into
    properly typed fields rather than into indexes the engine guessed."""
    if services.service_problem("opensearch"):
        return
    for backend in get_search_backends():
        if not isinstance(backend, ElasticsearchBaseSearchBackend):
            continue
        reset = set()
        for model in get_indexed_models():
            index = backend.get_index_for_model(model)
            if index.name not in reset:
                if index.is_alias():  # left by an atomic rebuild (update_index)
                    for concrete in index.aliased_indices():
                        concrete.delete()
                index.reset()
                reset.add(index.name)
            index.add_model(model)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in French, the default language: a request served in
    English leaves English active in the thread it ran in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the cache may be a shared Redis)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(db):
    """The English content locale (French, the default, exists from migrations)."""
    return Locale.objects.get_or_create(language_code="en")[0]


ALPHA = ("alpha.localhost", "Portail Alpha", {"primary_colour": "#0b3d91", "secondary_colour": "#7a1f1f"})
BETA = ("beta.localhost", "Portail Bêta", {"theme": "dsfr", "primary_colour": "#000091", "secondary_colour": "#3a3a3a"})


def create_domains():
    """Two of the six thematic domains, in French."""
    return [
        DomainFactory(name="Mobilités", slug="mobilites", colour="#6a1b9a", sort_order=1),
        DomainFactory(name="Environnement et risques", slug="environnement-et-risques", colour="#2e6b30", sort_order=2),
    ]


def _created_once(request):
    """The module's ``portals_once`` when the module opted in, else None."""
    return request.getfixturevalue("portals_once") if "portals_once" in request.fixturenames else None


@pytest.fixture
def domains(request, db):
    once = _created_once(request)
    return once.domains if once else create_domains()


@pytest.fixture
def make_portal(db, domains):
    """Create a portal the way operators do, with the library pages of ``domains``."""

    def make(hostname, name, **options):
        return create_portal(hostname, name, **options)

    return make


@pytest.fixture
def portal_a(request, make_portal):
    once = _created_once(request)
    hostname, name, options = ALPHA
    return once.a if once else make_portal(hostname, name, **options)


@pytest.fixture
def portal_b(request, make_portal):
    once = _created_once(request)
    hostname, name, options = BETA
    return once.b if once else make_portal(hostname, name, **options)


@dataclass
class Portals:
    domains: list
    a: object
    b: object


@pytest.fixture(scope="module")
def portals_once(django_db_setup, django_db_blocker):
    """The domains and portals Alpha and Bêta, created once for a whole test module
    that opts in with ``pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portals_once")]``:
    ``domains``, ``portal_a`` and ``portal_b`` then return these, and each test
    still runs in its own transaction, rolled back to this state. (The django_db
    mark keeps the module among the tests pytest-django runs before transactional
    ones, which empty the database.)"""
    with kept_for_module(django_db_blocker):
        domains = create_domains()
        portals = [create_portal(hostname, name, **options) for hostname, name, options in (ALPHA, BETA)]
        yield Portals(domains, *portals)


def pytest_configure(config):
    # WhiteNoise warns when STATIC_ROOT has not been collected; tests serve from the finders.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def tasks_in_process():
    """Celery tasks run in-process in tests, even where a broker is configured (CI);
    the end-to-end test through a real worker switches this off."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = eager

"""With the service variables set, the same code really uses PostgreSQL, Redis
(cache and Celery broker) and OpenSearch. Each test is skipped on a machine where
its service is not configured, and fails under CI=true (the ``require_service``
fixture of the root conftest)."""

import os
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.search.backends import get_search_backend

from portail.celery import app as celery_app
from resources.factories import ResourcePageFactory
from resources.models import ResourcePage
from tests.utils import library_of

pytestmark = pytest.mark.services


@pytest.mark.django_db
def test_database_is_postgresql(require_service):
    require_service("postgresql")

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        major = int(cursor.fetchone()[0].split(".")[0])
    assert major >= 15


def test_cache_round_trips_through_redis(require_service):
    url = require_service("redis")
    key = f"test-{uuid.uuid4().hex}"

    cache.set(key, {"portail": "Alpha", "couleurs": ["#0b3d91"]}, timeout=30)

    assert cache.get(key) == {"portail": "Alpha", "couleurs": ["#0b3d91"]}
    assert redis.Redis.from_url(url).exists(cache.make_and_validate_key(key)) == 1
    cache.delete(key)
    assert cache.get(key) is None


# send_task always publishes to the broker, even though the root conftest makes
# Celery run .delay() in-process for tests (tasks_in_process).
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_celery_sends_tasks_to_the_redis_broker(require_service):
    require_service("redis")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False  # outside tests, tasks go through the broker
    queue = f"test-{uuid.uuid4().hex}"

    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=3)
        assert broker.transport_cls == "redis"
        sent = celery_app.send_task("portail.test.ping", args=["alpha"], queue=queue, connection=broker)
        with broker.SimpleQueue(queue) as received:
            message = received.get(timeout=10)
            message.ack()
            received.queue.delete()

    assert message.headers["task"] == "portail.test.ping"
    assert message.headers["id"] == sent.id


@pytest.mark.django_db
def test_opensearch_indexes_and_finds_a_resource(require_service, portal_a, domains):
    require_service("opensearch")
    backend = get_search_backend()
    assert type(backend).__module__.endswith("." + os.environ.get("SEARCH_BACKEND", "opensearch2"))
    index = backend.get_index_for_model(ResourcePage)  # prepared by the root conftest
    word = f"hydrolienne{uuid.uuid4().hex[:8]}"

    resource = ResourcePageFactory(
        parent=library_of(portal_a), title=f"Énergie des marées : {word}", domains=domains[:1]
    )
    try:
        index.refresh()
        found = list(backend.search(word, ResourcePage))
        found_live = list(ResourcePage.objects.live().search(word))
    finally:
        index.delete_item(resource)

    assert found == [resource]
    assert found_live == [resource]

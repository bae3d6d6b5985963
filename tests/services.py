"""Guarding tests that need a real backing service (PostgreSQL, Redis, OpenSearch)."""

import os
import socket
from urllib.parse import urlparse

import pytest

# service name -> (environment variable, accepted URL schemes, default port)
SERVICES = {
    "postgresql": ("DATABASE_URL", {"postgres", "postgresql", "pgsql"}, 5432),
    "redis": ("REDIS_URL", {"redis", "rediss"}, 6379),
    "opensearch": ("SEARCH_URL", {"http", "https"}, 9200),
}


def service_problem(name):
    """Why service ``name`` cannot be used, or None when it can."""
    variable, schemes, default_port = SERVICES[name]
    url = os.environ.get(variable, "")
    if not url:
        return f"{variable} is not set"
    parsed = urlparse(url)
    if parsed.scheme not in schemes:
        return f"{variable}={url} does not point at {name}"
    try:
        socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2).close()
    except OSError as error:
        return f"{name} is unreachable at {parsed.hostname}:{parsed.port or default_port} ({error})"
    return None


def require_service(name):
    """Return the configured URL of service ``name`` ("postgresql", "redis" or
    "opensearch"); skip the test when it is absent, fail it under CI."""
    problem = service_problem(name)
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI: {problem}", pytrace=False)
        pytest.skip(problem)
    return os.environ[SERVICES[name][0]]

"""Production settings are read from the environment and refuse to start without
the essentials. (`make check-deploy`, run by CI, adds Django's deployment checks.)"""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portail.settings.production",
    "SECRET_KEY": "prod-" + "k" * 60,
    "DATABASE_URL": "postgres://portail:secret@db.example.org:5432/portail",
    "ALLOWED_HOSTS": "villes.example.org,littoral.example.org",
    "REDIS_URL": "redis://cache.example.org:6379/1",
    "SEARCH_URL": "http://search.example.org:9200",
    "SEARCH_BACKEND": "opensearch2",
}
READ_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "debug": s.DEBUG,
    "hosts": s.ALLOWED_HOSTS,
    "database": [s.DATABASES["default"]["ENGINE"], s.DATABASES["default"]["HOST"]],
    "cache": s.CACHES["default"]["BACKEND"],
    "broker": s.CELERY_BROKER_URL,
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "search": [s.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"], s.WAGTAILSEARCH_BACKENDS["default"]["URLS"]],
    "https": [s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0],
}))
"""


def read_settings(**env):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION}
    return subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        env={**base, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_come_from_the_environment():
    result = read_settings(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    search_backend, search_urls = read.pop("search")
    assert search_backend.endswith(".opensearch2") and search_urls == ["http://search.example.org:9200"]
    assert read == {
        "debug": False,
        "hosts": ["villes.example.org", "littoral.example.org"],
        "database": ["django.db.backends.postgresql", "db.example.org"],
        "cache": "django.core.cache.backends.redis.RedisCache",
        "broker": "redis://cache.example.org:6379/1",
        "eager": False,
        "https": [True, True, True, True],
    }


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = read_settings(**env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set in the environment for production." in result.stderr

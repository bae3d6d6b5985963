"""Lean settings for the test suite: they need nothing external, but honour
DATABASE_URL, REDIS_URL and SEARCH_URL when CI points them at real services."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# `make test` runs the suite in parallel processes (pytest-xdist): each has its own
# test database (pytest-django's suffix), media folder, search indexes and Redis
# database, since tests empty the cache and reset the indexes they use.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"… or "" when serial
MEDIA_ROOT = VAR_DIR / f"test-media{WORKER}"  # noqa: F405
WAGTAILSEARCH_BACKENDS = search_backends_from_env(  # noqa: F405
    index_prefix=os.environ.get("SEARCH_TEST_INDEX_PREFIX", "portail_test_") + (f"{WORKER}_" if WORKER else "")
)
if REDIS_URL and WORKER:  # noqa: F405
    # Database 8 × base + worker + 1: a developer's run (base 0) and CI's (base 1) apart.
    _base, _, _db = REDIS_URL.rpartition("/")  # noqa: F405
    REDIS_URL = f"{_base}/{8 * int(_db or 0) + int(WORKER[2:]) + 1}"
    CACHES["default"]["LOCATION"] = CELERY_BROKER_URL = REDIS_URL  # noqa: F405

# A Celery worker process shares the test database in harvest's end-to-end test:
# with a broker and SQLite, that database is a file rather than in memory.
if REDIS_URL and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-worker.sqlite3")}  # noqa: F405

"""Lean settings for the test suite: they need nothing external, but honour
DATABASE_URL, REDIS_URL and SEARCH_URL when CI points them at real services."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = search_backends_from_env(  # noqa: F405
    index_prefix=os.environ.get("SEARCH_TEST_INDEX_PREFIX", "portail_test_")
)

# A Celery worker process shares the test database in harvest's end-to-end test:
# with a broker and SQLite, that database is a file rather than in memory.
if REDIS_URL and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-worker.sqlite3")}  # noqa: F405

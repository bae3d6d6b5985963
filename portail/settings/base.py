"""Settings shared by every environment.

External services are chosen from the environment, so the same code runs on the
embedded defaults (SQLite, database search, in-process tasks) and on real services
(PostgreSQL, Redis, OpenSearch):

- DATABASE_URL   e.g. postgres://portail:portail@127.0.0.1:5432/portail
- REDIS_URL      e.g. redis://127.0.0.1:6379/0 (cache and Celery broker)
- SEARCH_URL     e.g. http://127.0.0.1:9200, with SEARCH_BACKEND=opensearch2
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

from search.backends.settings import search_backends_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAIL_VAR_DIR", BASE_DIR / "var"))
if not os.environ.get("DATABASE_URL"):
    # The embedded default keeps its SQLite database and media here: a fresh
    # checkout has no such folder yet, and SQLite does not create folders.
    VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ".localhost,localhost,127.0.0.1,testserver")

INSTALLED_APPS = [
    "portail",
    "sites",
    "themes",
    "resources",
    "veille",
    "communities",
    "communities.polls",
    "communities.library",
    "communities.events",
    "communities.questions",
    "harvest",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtailmedia",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "dsfr",
    "widget_tweaks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sites.portal.PortalMiddleware",
]

# Content-Security-Policy (django-csp) of the portals' pages: scripts only from
# the site's own files, no inline script or event handler; inline styles only
# through the per-request nonce (base.html's portal colours). Images may come
# from partners' sites (harvested content) and frames from video hosts (embeds).
# The Wagtail admin, whose pages carry inline scripts and styles, keeps none.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", "https:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": [SELF, "https:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        # as X-Frame-Options: DENY
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features no page of the portals uses, denied to them and to
# anything they embed. Fullscreen and autoplay stay for embedded videos.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "bluetooth", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope", "hid",
        "idle-detection", "magnetometer", "microphone", "midi", "payment", "serial", "usb",
    )
}  # fmt: skip

ROOT_URLCONF = "portail.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The default theme's folder also serves unprefixed names, so that its
        # account/ templates take precedence over django-allauth's own.
        "DIRS": [BASE_DIR / "themes" / "default" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            # Compiled templates are kept in memory (Django does so by default only
            # when no loaders are listed); runserver resets them when one changes.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sites.context_processors.theme",
            ],
        },
    },
]

WSGI_APPLICATION = "portail.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portail.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The queries every page runs are prepared by PostgreSQL from their Nth run
    # on a connection (sites/db.py); DATABASE_PREPARE_THRESHOLD=off disables it,
    # as a transaction-mode pooler that cannot keep prepared statements needs.
    _threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "2")
    DATABASES["default"]["OPTIONS"] = {"prepare_threshold": None if _threshold == "off" else int(_threshold)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The listing index's order index carries the resource type as a non-key column
# on PostgreSQL (index-only type counts); SQLite builds it without, by design.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portail",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis as broker when configured, otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Paris"
# Every periodic task of the platform, in one place (run by ``celery beat``).
CELERY_BEAT_SCHEDULE = {
    # Harvest: start the runs that are due (each source has its own interval), and
    # release the runs stuck since a worker died.
    "harvest-due-sources": {"task": "harvest.run_due_sources", "schedule": 60.0},
    "harvest-watchdog": {"task": "harvest.watchdog", "schedule": 600.0},
    # Members' e-mail digests, in the morning, and on Mondays the weekly one.
    "communities-daily-digests": {"task": "communities.send_daily_digests", "schedule": crontab(hour=7, minute=0)},
    "communities-weekly-digests": {
        "task": "communities.send_weekly_digests",
        "schedule": crontab(hour=7, minute=15, day_of_week="monday"),
    },
    # Saved-search alerts, before the working day; visitors of searches forgotten at night.
    "search-daily-alerts": {"task": "search.send_daily_alerts", "schedule": crontab(hour=6, minute=30)},
    "search-weekly-alerts": {
        "task": "search.send_weekly_alerts",
        "schedule": crontab(hour=6, minute=45, day_of_week="monday"),
    },
    "search-prune-query-visitors": {"task": "search.prune_query_visitors", "schedule": crontab(hour=3, minute=15)},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth, without django.contrib.sites): members sign up and log
# in with their e-mail address, which they must verify first.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Links and names in allauth's e-mails come from the portal, not from the Host header.
ACCOUNT_ADAPTER = "sites.accounts.PortalAccountAdapter"
# The e-mail address or the username (the accounts made by make demo and createsuperuser have one).
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "communities.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "communities:feed"

# Languages: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    ("themes/default", BASE_DIR / "themes/default/static"),
    ("themes/dsfr", BASE_DIR / "themes/dsfr/static"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

WAGTAIL_SITE_NAME = "Portail des territoires"
# ASCII page addresses (« mobilité » gives « mobilite »): readable when shared, never percent-encoded.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Scheme of the portals' absolute addresses (e-mails, feeds, links between portals):
# empty, Wagtail's rule (https for a site on port 443, http otherwise); see sites/portal_urls.py.
PORTAL_URL_SCHEME = os.environ.get("PORTAL_URL_SCHEME", "")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://portail.localhost:8000")
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp", "bmp": "webp"}
# Largest file a member may share in a community's documents (bytes).
COMMUNITY_DOCUMENT_MAX_SIZE = int(os.environ.get("COMMUNITY_DOCUMENT_MAX_SIZE", 20 * 1024 * 1024))
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
TAGGIT_CASE_INSENSITIVE = True

# Search: the embedded database backend by default; OpenSearch / Elasticsearch from
# SEARCH_URL and SEARCH_BACKEND (see search/backends/settings.py).
WAGTAILSEARCH_BACKENDS = search_backends_from_env()

# Veille newsletter subscriptions (double opt-in), as (requests, window in seconds):
# per client address, and confirmation e-mails per e-mail address across portals.
VEILLE_SUBSCRIPTION_RATE_LIMITS = {"client": (5, 3600), "address": (1, 600)}

# Harvesting refuses private addresses except in these networks (comma-separated CIDRs).
HARVEST_ALLOWED_PRIVATE_NETWORKS = env_list("HARVEST_ALLOWED_PRIVATE_NETWORKS")
# Serve the demo partners' documents under /demo-sources/ (development and the audit only).
HARVEST_DEMO_SOURCES = os.environ.get("HARVEST_DEMO_SOURCES", "").lower() == "true"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Portail des territoires <ne-pas-repondre@portail.localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

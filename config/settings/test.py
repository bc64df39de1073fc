"""Settings for the test suite: PostgreSQL (embedded unless DATABASE_URL is set), fast hashing, no mail."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env
from config.settings.environment import database, service_urls
from core.cache import redis_cache

DEBUG = False
SECRET_KEY = "test-key-0123456789-0123456789-0123456789-0123456789"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASE_URL, REDIS_URL = service_urls()
DATABASES = {"default": database(DATABASE_URL)}
# A Redis database of its own, so tests never see a developer's queued tasks; and one per parallel test
# process (pytest-xdist's gw0, gw1, ...), so that one process's marks and counts never meet another's.
_WORKER = int(env.str("PYTEST_XDIST_WORKER", default="gw0").removeprefix("gw") or 0)
TEST_REDIS_DB = env.int("TEST_REDIS_DB", default=9) + _WORKER
TEST_REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{TEST_REDIS_DB}"
CELERY_BROKER_URL = TEST_REDIS_URL
CELERY_RESULT_BACKEND = TEST_REDIS_URL
# Shared by every process: sign-in rate limits count across all web workers (core.cache).
CACHES = redis_cache(TEST_REDIS_URL, prefix="test")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".data" / "test-media"  # noqa: F405
SIGNUP_EMAIL_DOMAINS = ["partner.example"]
SITE_URL = "https://portal.example.org"
# Tests that need it turn it on (tests/community/test_two_factor.py); the rest sign in with force_login.
MFA_REQUIRED_FOR_ADMINS = False
ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]  # allauth: False turns every limit off
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Serve static files from the source folders: the suite never runs collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# No worker runs in most tests, so /healthz would wait its full second for one on every call; tests with a
# real worker give it longer (tests/core/test_worker.py).
HEALTH_WORKER_PING_SECONDS = 0.2
# Tests change the champion register and look again at once: no per-process copy of its compact form.
REGISTER_HELD_SECONDS = 0
# Tests add organisations and look at a menu at once: no per-process copy of menus.
MENU_HELD_SECONDS = 0

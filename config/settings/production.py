"""Production settings: everything from the environment, nothing embedded, `check --deploy` clean."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env
from config.settings.environment import database, secret
from core.cache import redis_cache

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = secret("SECRET_KEY") or ""
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) for production.")

# Links in emails: the configured address, else the first allowed host over HTTPS.
SITE_URL = env.str("SITE_URL", default="").rstrip("/") or (
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "http://localhost:8000"  # noqa: F405
)

DATABASE_URL = secret("DATABASE_URL") or ""
REDIS_URL = secret("REDIS_URL") or ""
if not DATABASE_URL or not REDIS_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set DATABASE_URL and REDIS_URL for production; nothing is embedded here.")
DATABASES = {"default": database(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# Shared by every process: sign-in rate limits count across all web workers (core.cache).
CACHES = redis_cache(REDIS_URL)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

"""Settings for a developer's machine (`make run`): DEBUG on, embedded servers unless configured."""

from config.settings.base import *  # noqa: F403
from config.settings.base import ALLOWED_HOSTS, env
from config.settings.environment import database, service_urls
from core.cache import redis_cache

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
# The demo admin can try the portal without an authenticator app; production requires one of admins.
MFA_REQUIRED_FOR_ADMINS = env.bool("MFA_REQUIRED_FOR_ADMINS", default=False)

DATABASE_URL, REDIS_URL = service_urls()
DATABASES = {"default": database(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = 60
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
# Shared by every process: sign-in rate limits count across all web workers (core.cache).
CACHES = redis_cache(REDIS_URL)

"""Settings for the scale benchmark's server (`make bench-scale`): production, plus a query-count header.

Everything else is production's: gunicorn, DEBUG off, whitenoise, Redis cache, database sessions. The harness
sets the environment production needs (a throwaway SECRET_KEY, the scale database, no HTTPS redirect since it
serves plain HTTP on the loopback interface).
"""

from config.settings.production import *  # noqa: F403

MIDDLEWARE = ["benchmarks.query_count.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

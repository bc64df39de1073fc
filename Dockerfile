# The production image: gunicorn serving Django (static files by whitenoise), also used for Celery.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 portal

COPY pyproject.toml constraints.txt README.md ./
COPY config ./config
COPY core ./core
COPY community ./community
COPY projects ./projects
COPY training ./training
COPY facilitation ./facilitation
COPY governance ./governance
COPY devservices ./devservices
RUN pip install --no-cache-dir -c constraints.txt .

COPY . .
# Collect static files at build time; these values exist only for this step.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused/unused REDIS_URL=redis://unused:6379/0 \
    python manage.py collectstatic --no-input -v 0 \
    && mkdir -p /app/media && chown portal:portal /app/media

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "deploy/gunicorn.conf.py"]

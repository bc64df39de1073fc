#!/usr/bin/env bash
# Run what docker-compose.yml starts (migrate, gunicorn, Celery worker and beat, production settings)
# directly on this machine against DATABASE_URL and REDIS_URL, and check the portal answers through them.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL}" "${REDIS_URL:?set REDIS_URL}"
PY=${PY:-.venv/bin/python}
PORT=${SMOKE_PORT:-8137}
export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY=smoke-test-secret-key-0123456789-0123456789-0123456789
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false EMAIL_URL=consolemail://
export HEARTBEAT_SECONDS=6  # so that beat's first run comes within the check's patience
logs=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$logs"
}
trap cleanup EXIT

$PY manage.py migrate --no-input -v 0
$PY manage.py refresh_measures
$PY manage.py collectstatic --no-input -v 0
$PY manage.py shell -c "from core.models import WorkerHeartbeat; WorkerHeartbeat.objects.all().delete()"
GUNICORN_BIND="127.0.0.1:$PORT" $PY -m gunicorn config.wsgi:application --config deploy/gunicorn.conf.py >"$logs/web.log" 2>&1 & pids+=($!)
$PY -m celery -A config worker --loglevel=INFO --concurrency=1 -n "smoke@%h" >"$logs/worker.log" 2>&1 & pids+=($!)
$PY -m celery -A config beat --loglevel=INFO --schedule "$logs/beat-schedule" >"$logs/beat.log" 2>&1 & pids+=($!)

for _ in $(seq 1 60); do
  body=$(curl -fsS "http://127.0.0.1:$PORT/healthz" 2>/dev/null || true)
  if [[ "$body" == *'"status": "ok"'* ]]; then break; fi
  sleep 1
done
echo "healthz: $body"
[[ "$body" == *'"status": "ok"'* ]] || { tail -n 30 "$logs"/*.log; exit 1; }
# Beat sends the heartbeat task on its schedule; the worker records it in PostgreSQL.
for _ in $(seq 1 30); do
  body=$(curl -fsS "http://127.0.0.1:$PORT/healthz")
  [[ "$body" == *last_heartbeat* ]] && break
  sleep 1
done
[[ "$body" == *last_heartbeat* ]] || { echo "no heartbeat from beat through the worker"; tail -n 30 "$logs"/*.log; exit 1; }
css=$(curl -fsS "http://127.0.0.1:$PORT/accounts/login/" | grep -o '/static/vendor/nhsuk-frontend-10.6.1/nhsuk-frontend-10.6.1\.min\.[0-9a-f]*\.css' | head -n 1)
[ -n "$css" ] || { echo "the login page does not link the hashed NHS.UK stylesheet"; exit 1; }
curl -fsS -o /dev/null "http://127.0.0.1:$PORT$css"
echo "Production shape OK: gunicorn, worker and beat served the portal, static files hashed ($css)."

# Slow clients: nginx in front (deploy/nginx.conf, as docker-compose.yml runs it) keeps the portal
# answering while clients trickle large uploads; gunicorn alone is shown for comparison, not required.
if command -v nginx >/dev/null; then
  NGINX_PORT=${SMOKE_NGINX_PORT:-8138}
  mkdir -p "$logs/nginx"
  sed -e "s#server web:8000;#server 127.0.0.1:$PORT;#" -e "s#listen 8080;#listen 127.0.0.1:$NGINX_PORT;#" \
    deploy/nginx.conf > "$logs/nginx/nginx.conf"
  nginx -p "$logs/nginx" -c "$logs/nginx/nginx.conf" -e "$logs/nginx/error.log" \
    -g "daemon off; pid $logs/nginx/nginx.pid; error_log $logs/nginx/error.log;" & pids+=($!)
  for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" 2>/dev/null && break; sleep 0.5; done
  echo "gunicorn alone (for comparison):"
  $PY scripts/slow_clients.py "http://127.0.0.1:$PORT" --clients 16 --seconds 8 || true
  echo "behind nginx:"
  $PY scripts/slow_clients.py "http://127.0.0.1:$NGINX_PORT" --clients 16 --seconds 8
  body=$(head -c 60000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @- \
    "http://127.0.0.1:$NGINX_PORT/accounts/login/" || true)
  [ "$body" = "413" ] || { echo "nginx let a 60 MB body through ($body)"; exit 1; }
  echo "nginx refused a 60 MB body with 413 before the portal read it."
else
  echo "nginx is not installed: the slow-client check was skipped (apt-get install nginx-light)."
fi

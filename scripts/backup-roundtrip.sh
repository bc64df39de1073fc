#!/usr/bin/env bash
# Back up and restore, as the README documents it: fill DATABASE_URL with the demo, dump it with pg_dump,
# restore the dump into a new database with pg_restore, then check that every table holds the same rows
# and that a signed-in page renders from the restored copy.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL}"
PY=${PY:-.venv/bin/python}
RESTORED_URL=${RESTORED_URL:-${DATABASE_URL%/*}/$(basename "${DATABASE_URL%%\?*}")_restored}
dump=$(mktemp --suffix=.dump)
trap 'rm -f "$dump"' EXIT

$PY manage.py migrate --no-input -v 0
$PY manage.py seed_demo >/dev/null
start=$EPOCHREALTIME
pg_dump --format=custom --file="$dump" "$DATABASE_URL"
dumped=$EPOCHREALTIME
$PY scripts/backup_check.py recreate "$RESTORED_URL"
pg_restore --clean --if-exists --no-owner --exit-on-error --dbname="$RESTORED_URL" "$dump"
restored=$EPOCHREALTIME
$PY -c "import sys; a, b, c, n = map(float, sys.argv[1:]); print(f'pg_dump: {n / 1e6:.1f} MB in {b - a:.1f} s; pg_restore: {c - b:.1f} s')" \
  "$start" "$dumped" "$restored" "$(stat -c %s "$dump")"
$PY scripts/backup_check.py compare "$DATABASE_URL" "$RESTORED_URL"
DATABASE_URL="$RESTORED_URL" $PY scripts/backup_check.py page
$PY scripts/backup_check.py drop "$RESTORED_URL"
echo "Backup round trip OK."

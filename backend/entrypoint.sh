#!/bin/sh
# Start the API container:
#   entrypoint.sh serve    wait for the database, migrate if RUN_MIGRATIONS=1, run gunicorn
#   entrypoint.sh migrate  wait for the database, migrate, create the cache table and the
#                          configured superuser, then exit (the compose `migrate` service)
#   entrypoint.sh stream   wait for the database, run the live-updates stream (uvicorn)
#   entrypoint.sh worker   wait for the database, run a background job worker (the compose
#                          `worker` service; `python -m jobs.health` is its health check)
#   entrypoint.sh CMD...   wait for the database, migrate if RUN_MIGRATIONS=1, run CMD
# Settings come from the environment (see .env.example); DJANGO_SECRET_KEY is required.
set -eu
cd "$(dirname "$0")"

# An empty value counts as unset, also for what third-party code reads itself: Compose
# passes `WEB_CONCURRENCY=` when .env leaves it empty, and gunicorn would stop at
# int(""). Unset every empty variable before anything reads the environment.
for name in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=$/\1/p'); do
    eval "value=\${$name-}"
    if [ -z "$value" ]; then unset "$name"; fi
done
unset name value

# Load the settings and wait up to DB_WAIT_SECONDS (default 60) for the database.
# Configuration errors (a missing secret, a bad value) stop here with exit code 78.
wait_for_database() {
    python - <<'PY'
import os
import sys
import time

import django
from django.core.exceptions import ImproperlyConfigured

try:
    django.setup()
except ImproperlyConfigured as error:
    print(f"Configuration error: {error}", file=sys.stderr)
    sys.exit(78)

from django.db import connection
from django.db.utils import OperationalError

deadline = time.monotonic() + float(os.environ.get("DB_WAIT_SECONDS") or 60)
while True:
    try:
        connection.ensure_connection()
        break
    except OperationalError as error:
        if time.monotonic() > deadline:
            print(f"The database is not answering: {error}".strip(), file=sys.stderr)
            sys.exit(1)
        print("Waiting for the database...", file=sys.stderr)
        time.sleep(1)
PY
}

# Migrations under a PostgreSQL advisory lock: replicas started together take turns.
run_migrations() {
    python - <<'PY'
import django
from django.core.management import call_command

django.setup()

from core.management.setup_lock import setup_lock

with setup_lock():
    call_command("migrate", interactive=False)
    call_command("createcachetable")
    call_command("ensure_superuser")
PY
}

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings}"
command="${1:-serve}"

wait_for_database
case "$command" in
    migrate)
        run_migrations
        ;;
    serve)
        if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then run_migrations; fi
        exec gunicorn --config gunicorn.conf.py config.wsgi:application
        ;;
    stream)
        # The live-updates stream (/api/stream/): one asyncio process holds every open
        # stream; X-Forwarded-* are believed from the proxy in front (nginx).
        exec uvicorn config.asgi:application --host 0.0.0.0 --port "${STREAM_PORT:-8001}" \
            --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}" --no-access-log
        ;;
    worker)
        if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then run_migrations; fi
        exec python manage.py worker
        ;;
    *)
        if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then run_migrations; fi
        exec "$@"
        ;;
esac

#!/bin/sh
# As the postgres image's entrypoint: as root, own PGDATA and drop to `postgres`; on an
# empty PGDATA, initialise the cluster from POSTGRES_USER, POSTGRES_PASSWORD and
# POSTGRES_DB (created even when it equals the user's name), password authentication
# for network clients; then run the server listening on every address.
set -eu
case "${1:-}" in -*) set -- postgres "$@" ;; esac

if [ "${1:-}" = "postgres" ] && [ "$(id -u)" = "0" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 0700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-}" = "postgres" ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?the database is uninitialized and POSTGRES_PASSWORD is not set}"
    user="${POSTGRES_USER:-postgres}"
    database="${POSTGRES_DB:-$user}"
    password_file="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$password_file"
    initdb --username="$user" --pwfile="$password_file" --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-}
    rm -f "$password_file"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"

    pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait start
    if [ "$database" != "postgres" ]; then
        psql --username="$user" --dbname=postgres --set ON_ERROR_STOP=1 \
            --set database="$database" <<'SQL'
CREATE DATABASE :"database";
SQL
    fi
    for script in /docker-entrypoint-initdb.d/*; do
        case "$script" in
            *.sh) echo "running $script"; . "$script" ;;
            *.sql) echo "running $script"; psql --username="$user" --dbname="$database" -f "$script" ;;
        esac
    done
    pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop
    echo "PostgreSQL init process complete; ready for start up."
fi

if [ "${1:-}" = "postgres" ]; then
    set -- "$@" -c listen_addresses='*'
fi
exec "$@"

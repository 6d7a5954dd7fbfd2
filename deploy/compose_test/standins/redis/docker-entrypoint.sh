#!/bin/sh
# As the redis image's entrypoint: options alone run redis-server; as root, own /data and
# drop to `redis`; without a configuration file, turn protected mode off.
set -eu
case "${1:-}" in -* | *.conf) set -- redis-server "$@" ;; esac

if [ "${1:-}" = "redis-server" ] && [ "$(id -u)" = "0" ]; then
    chown -R redis:redis .
    exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

if [ "${1:-}" = "redis-server" ]; then
    case "${2:-}" in
        *.conf) ;;
        *) set -- "$@" --protected-mode no ;;
    esac
fi
exec "$@"

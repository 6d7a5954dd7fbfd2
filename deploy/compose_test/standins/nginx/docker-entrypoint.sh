#!/bin/sh
# As the nginx image's entrypoint: when starting nginx, run /docker-entrypoint.d/*.sh
# (in name order) first, then exec the command.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for script in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' | sort); do
        if [ -x "$script" ]; then
            echo "$0: launching $script"
            "$script"
        fi
    done
    echo "$0: configuration complete; ready for start up"
fi
exec "$@"

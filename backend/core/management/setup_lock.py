"""One PostgreSQL advisory lock for the commands that set a database up.

`migrate`, `createcachetable` and `ensure_superuser` each check what exists and then
create what is missing; two servers starting at once (two `make run` of a checkout,
replicas of a container) would both find something missing and one would fail. Under
this lock they take turns. Advisory locks nest within a session, so a caller that
already holds it (entrypoint.sh) may call the commands.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

# Any constant shared by every process of this app (entrypoint.sh uses the same).
SETUP_LOCK = 7_400_113_201


@contextmanager
def setup_lock(database: str = "default") -> Iterator[None]:
    connection = connections[database]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [SETUP_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SETUP_LOCK])

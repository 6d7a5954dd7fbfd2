"""Static checks of the Compose file and the Dockerfiles (no Docker engine needed)."""

import re

import pytest
import yaml

from .conftest import BACKEND_DIR, REPO_DIR

COMPOSE = (REPO_DIR / "docker-compose.yml").read_text()
SERVICES = yaml.safe_load(COMPOSE)["services"]
# Settings that only make sense outside the api image (paths on a developer's machine).
NOT_FOR_THE_CONTAINER = {"DJANGO_STATIC_ROOT", "FRONTEND_DIST_DIR"}


def _settings_variables() -> set[str]:
    source = (BACKEND_DIR / "config" / "settings.py").read_text()
    return set(re.findall(r'(?:env_\w+|_rate_limit)\(\s*"([A-Z][A-Z0-9_]*)"', source))


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML as Compose v2 reads it: a key twice in one mapping is an error, not "last wins"."""

    def construct_mapping(self, node, deep=False):
        keys = [key.value for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge"]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"{repeated} defined twice", node.start_mark
            )
        return super().construct_mapping(node, deep=deep)


def test_no_key_is_defined_twice_in_the_compose_file():
    # Compose v2 refuses such a file ("mapping key already defined") before starting anything.
    yaml.load(COMPOSE, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass


def test_no_variable_is_listed_twice_in_env_example():
    lines = (REPO_DIR / ".env.example").read_text().splitlines()
    names = [line.partition("=")[0] for line in lines if re.match(r"[A-Z][A-Z0-9_]*=", line)]

    assert len(names) > 20
    assert sorted({name for name in names if names.count(name) > 1}) == []


def test_every_setting_reaches_the_api_migrate_and_worker_containers():
    variables = _settings_variables() - NOT_FOR_THE_CONTAINER

    assert len(variables) > 20
    for service in ("api", "migrate", "worker"):
        missing = variables - set(SERVICES[service]["environment"])
        assert not missing, f"{service} does not pass {sorted(missing)}"


@pytest.mark.parametrize(
    "variable", ["DJANGO_SECRET_KEY", "DJANGO_SUPERUSER_PASSWORD", "POSTGRES_PASSWORD"]
)
def test_compose_refuses_to_start_without_each_secret(variable):
    assert f"${{{variable}:?" in COMPOSE
    assert not re.search(rf"\${{{variable}:-", COMPOSE)


def test_only_the_proxy_publishes_ports():
    published = {name for name, service in SERVICES.items() if service.get("ports")}

    assert published == {"frontend"}


def test_the_api_waits_for_migrations_and_healthy_services():
    depends = SERVICES["api"]["depends_on"]

    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert depends["db"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    assert SERVICES["frontend"]["depends_on"]["api"]["condition"] == "service_healthy"
    for name in ("db", "redis", "api", "frontend"):
        assert SERVICES[name]["healthcheck"]["test"], name
    assert "/readyz" in " ".join(SERVICES["api"]["healthcheck"]["test"])


def test_the_worker_runs_the_api_image_after_migrations_with_its_own_health_check():
    worker = SERVICES["worker"]

    assert worker["image"] == SERVICES["api"]["image"]
    assert worker["command"] == ["worker"]
    assert "ports" not in worker
    assert "expose" not in worker
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert worker["healthcheck"]["test"] == ["CMD", "python", "-m", "jobs.health"]
    # Scaling needs no fixed name.
    assert "container_name" not in worker


def test_public_images_have_pinned_versions():
    images = [s["image"] for s in SERVICES.values() if "build" not in s]
    dockerfiles = [BACKEND_DIR / "Dockerfile", REPO_DIR / "frontend" / "Dockerfile"]
    images += [
        line.split()[1]
        for dockerfile in dockerfiles
        for line in dockerfile.read_text().splitlines()
        if line.startswith("FROM ")
    ]

    assert len(images) >= 6
    for image in images:
        tag = image.partition(":")[2]
        assert re.match(r"\d", tag), f"{image} is not pinned to a version"


@pytest.mark.parametrize("dockerfile", ["backend/Dockerfile", "frontend/Dockerfile"])
def test_images_run_as_an_unprivileged_user(dockerfile):
    lines = (REPO_DIR / dockerfile).read_text().splitlines()
    final_stage = lines[max(i for i, line in enumerate(lines) if line.startswith("FROM ")) :]
    users = [line.split()[1] for line in final_stage if line.startswith("USER ")]

    assert users, f"{dockerfile} runs as root"
    assert users[-1] not in {"root", "0"}


def test_the_project_containers_are_read_only_without_capabilities():
    # `make test-compose` checks the running containers; this keeps the rule visible
    # (and tested) on machines without a Docker engine.
    ours = {name: service for name, service in SERVICES.items() if "build" in service}

    assert set(ours) >= {"migrate", "api", "frontend"}
    for name, service in ours.items():
        assert service.get("read_only") is True, f"{name} has a writable root filesystem"
        assert service.get("cap_drop") == ["ALL"], f"{name} keeps Linux capabilities"
        assert "no-new-privileges:true" in service.get("security_opt", []), name


def test_redis_keeps_nothing_on_disk():
    # The image declares /data a volume: without a mount there, each `up` after a
    # `down` would leave another anonymous volume behind.
    assert "/data" in SERVICES["redis"]["tmpfs"]


def _seconds(text: str) -> float:
    match = re.fullmatch(r"(\d+)s", text)
    assert match, text
    return float(match[1])


@pytest.mark.parametrize("service", ["api", "stream", "worker"])
def test_a_slow_start_is_not_taken_for_a_failure(service):
    # Started together on a busy two-core machine (`make test-compose`), the api replicas,
    # the stream and the workers took up to a minute to answer their first check; a
    # container reported unhealthy fails `up --wait` and holds back `frontend`.
    check = SERVICES[service]["healthcheck"]

    assert _seconds(check["start_period"]) >= 60

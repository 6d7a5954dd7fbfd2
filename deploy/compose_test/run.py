"""`make test-compose`: the real images and docker-compose.yml, built and run, checked over HTTP.

1. A Docker engine and the Compose v2 plugin (installed and started when missing;
   skipped, saying why, where no engine can start).
2. Stand-ins for the pinned base images (standins.py), unless the real ones are there.
3. The project's images from its own Dockerfiles, unchanged.
4. `docker compose up --wait --scale api=2 --scale worker=2` with a `.env` generated
   from `.env.example`, then the checks, then `down --volumes`.
5. Image sizes and idle memory, printed and written to docs/deployment.md.

A check written ahead of its feature reports "not present yet" (counted as skipped);
`--require-all` makes that a failure. Every feature checked today exists, and CI runs
with `--require-all`.
"""

import argparse
import re
import sys
import tempfile
from pathlib import Path

import checks_http
import checks_stack
import measure
from engine import engine
from http_client import Client
from runner import Context, Runner
from shell import CommandFailed, elapsed, log
from stack import Stack, write_env_file
from standins import docker_build, ensure_standins

REPO_DIR = Path(__file__).resolve().parents[2]
SCALED = {"api": 2, "worker": 2}
# On the project's images built here, so that a rebuild removes only its own predecessor.
BUILT_LABEL = "org.support-tickets.compose-test.built"


def base_images(config: dict) -> list[str]:
    """Every public image: those the services run and those the Dockerfiles start from."""
    images = {s["image"] for s in config["services"].values() if "build" not in s}
    for service in config["services"].values():
        if "build" not in service:
            continue
        dockerfile = Path(service["build"]["context"]) / service["build"].get(
            "dockerfile", "Dockerfile"
        )
        stages = set()
        for line in dockerfile.read_text().splitlines():
            match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line.strip(), re.IGNORECASE)
            if match:
                if match[1] not in stages:
                    images.add(match[1])
                if match[2]:
                    stages.add(match[2])
    return sorted(images)


def build_project_images(config: dict, network: str) -> list[str]:
    built = {}
    for service in config["services"].values():
        if "build" in service and service["image"] not in built:
            built[service["image"]] = Path(service["build"]["context"])
    for image, context in built.items():
        log(f"building {image} from {context.relative_to(REPO_DIR)}/Dockerfile")
        docker_build(image, context, label=(BUILT_LABEL, image), network=network)
    return sorted(built)


def run_checks(ctx: Context, runner: Runner) -> None:
    check = runner.check
    if not check("every service reaches healthy", checks_stack.every_service_is_healthy, ctx):
        return
    check("migrate ran exactly once with the replicas scaled", checks_stack.migrate_ran_once, ctx)
    check(
        "the project's containers run as non-root, read-only", checks_stack.runs_unprivileged, ctx
    )
    check("the API image holds only what runs", checks_stack.api_image_holds_only_what_runs, ctx)
    check(
        "WEB_CONCURRENCY= empty in .env: gunicorn's default",
        checks_stack.empty_settings_count_as_unset,
        ctx,
    )
    check("the UI answers on the UI port", checks_http.ui_answers, ctx)
    check("the API, docs and admin answer on the API port", checks_http.api_answers, ctx)
    check("the superuser signs in to the admin", checks_http.superuser_signs_in_to_the_admin, ctx)
    if not check(
        "an agent signs in through the API", checks_http.agent_signs_in_through_the_api, ctx
    ):
        return
    check("401 without credentials, 200 with a token", checks_http.api_token_authenticates, ctx)
    if not check(
        "a ticket created through nginx is classified and listed",
        checks_http.ticket_is_classified_and_listed,
        ctx,
    ):
        return
    check("UI pages carry Django's Content-Security-Policy", checks_http.ui_pages_carry_csp, ctx)
    check("Cache-Control: no-store on the API, long on static", checks_http.caching_headers, ctx)
    check("a PATCH over 1 KB through nginx with gzip", checks_http.large_patch_through_gzip, ctx)
    check("ETag and If-Match through nginx: 412 when stale", checks_http.patch_with_if_match, ctx)
    check("the stream delivers an event within 2 s", checks_http.stream_delivers_an_event, ctx)
    try:
        webhooks = check(
            "a worker delivers a signed webhook", checks_http.worker_delivers_a_webhook, ctx
        )
        check(
            "restart db: the API recovers without restarting", checks_stack.restart_db_recovers, ctx
        )
        check(
            "restart db: 503 JSON with Retry-After meanwhile", checks_stack.outage_answers_503, ctx
        )
        check(
            "stop db 5 s: the API recovers without restarting",
            checks_stack.stopped_db_recovers,
            ctx,
        )
        check(
            "stop db 5 s: 503 JSON with Retry-After meanwhile", checks_stack.outage_answers_503, ctx
        )
        if webhooks:
            check(
                "after the outage a worker delivers again",
                checks_http.worker_delivers_after_the_outage,
                ctx,
            )
    finally:
        if ctx.receiver is not None:
            ctx.receiver.remove()
    check("down then up keeps the data", checks_stack.down_up_keeps_data, ctx)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--require-all",
        action="store_true",
        help="fail the checks of features that are not present yet",
    )
    parser.add_argument(
        "--no-docs", action="store_true", help="do not write the measurements to docs/deployment.md"
    )
    parser.add_argument(
        "--build-network",
        default="default",
        help="network of the builds' RUN steps (default: Docker's bridge)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="compose-test-") as folder, engine(Path(folder)) as ok:
        if not ok:
            return 0
        work_dir = Path(folder)
        env_file = work_dir / "compose.env"
        stack = Stack(REPO_DIR, env_file, write_env_file(REPO_DIR, env_file))
        config = stack.config()
        services = config["services"]
        stack.scale = {name: count for name, count in SCALED.items() if name in services}

        bases = base_images(config)
        ensure_standins(bases, work_dir, network=args.build_network)
        project_images = build_project_images(config, args.build_network)
        log(f"images ready after {elapsed():.0f} s")

        runner = Runner(require_all=args.require_all)
        anonymous = Client(stack.ui_url)
        ctx = Context(stack=stack, services=services, anonymous=anonymous, agent=anonymous)
        markdown = ""
        stack.down(volumes=True)  # what an interrupted earlier run may have left
        try:
            if runner.check("docker compose up --wait with the replicas scaled", stack.up):
                run_checks(ctx, runner)
                if runner.count("failed"):
                    _show_logs(stack)
                markdown = measure.report(stack, project_images, bases, measure.idle_memory(stack))
                print(markdown)
            else:
                _show_logs(stack)
        finally:
            stack.down(volumes=True)
        for note in ctx.notes:
            log(note)
        if markdown and not args.no_docs and runner.count("failed") == 0:
            measure.write_to_docs(REPO_DIR, markdown)
    log(f"finished in {elapsed():.0f} s")
    print(runner.summary())
    return 1 if runner.count("failed") else 0


def _show_logs(stack: Stack) -> None:
    for container in stack.containers():
        state = container["State"]
        if state["Status"] != "running" or state.get("Health", {}).get("Status") != "healthy":
            tail = "\n".join(stack.logs(container).splitlines()[-30:])
            print(f"--- {container['Name']} ({state['Status']}) ---\n{tail}", flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except CommandFailed as failure:
        print(f"test-compose: {failure}", file=sys.stderr)
        sys.exit(1)

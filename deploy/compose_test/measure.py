"""Image sizes and the running stack's memory, printed and written to docs/deployment.md."""

import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from shell import log, run
from stack import Stack, service_of
from standins import recipe_label

MARK_START = "<!-- compose-test:measured:start -->"
MARK_END = "<!-- compose-test:measured:end -->"
UNITS = {"B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "kB": 1e3, "MB": 1e6, "GB": 1e9}
IDLE_GOAL_BYTES = 2**30


def _bytes(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)\s*([A-Za-z]+)", text.strip())
    assert match, f"not a size: {text!r}"
    return float(match[1]) * UNITS[match[2]]


def _mib(size: float) -> str:
    return f"{size / 2**20:.0f} MiB"


def image_sizes(images: list[str]) -> list[tuple[str, int]]:
    sizes = []
    for image in images:
        size = run(["docker", "image", "inspect", "--format", "{{.Size}}", image]).stdout
        sizes.append((image, int(size)))
    return sizes


def idle_memory(stack: Stack, settle_seconds: float = 15) -> list[tuple[str, float]]:
    """`docker stats --no-stream` of every running container, after a quiet moment."""
    time.sleep(settle_seconds)
    running = [c for c in stack.containers() if c["State"]["Status"] == "running"]
    names = {c["Id"][:12]: c["Name"].lstrip("/") for c in running}
    output = run(["docker", "stats", "--no-stream", "--format", "{{json .}}", *names]).stdout
    usage = []
    for line in output.splitlines():
        stats = json.loads(line)
        name = names.get(stats["ID"][:12], stats["Name"])
        usage.append((name, _bytes(stats["MemUsage"].split("/")[0])))
    return sorted(usage)


def report(
    stack: Stack,
    project_images: list[str],
    base_images: list[str],
    memory: list[tuple[str, float]],
) -> str:
    """The measurements as Markdown: what was measured, how, and on what machine."""
    total = sum(size for _, size in memory)
    services = sorted({service_of(c) for c in stack.containers()})
    scale = ", ".join(f"{name}={count}" for name, count in stack.scale.items())
    cores = os.cpu_count() or 1
    lines = [
        f"Measured by `make test-compose` on {datetime.now(UTC):%Y-%m-%d}, on a shared "
        f"{cores}-core machine, every setting at its default (so {2 * cores + 1} gunicorn "
        f"workers per api replica) and `--scale {scale}` (services: "
        f"{', '.join(services)}).",
        "",
        "| image | size |",
        "|---|---|",
    ]
    for image, size in image_sizes(project_images):
        lines.append(f"| `{image}` | {_mib(size)} |")
    for image, size in image_sizes(base_images):
        kind = "stand-in" if recipe_label(image) else "base"
        lines.append(f"| `{image}` ({kind}) | {_mib(size)} |")
    lines += ["", "| container at idle (`docker stats --no-stream`) | memory |", "|---|---|"]
    for name, size in memory:
        lines.append(f"| `{name}` | {_mib(size)} |")
    verdict = "within" if total < IDLE_GOAL_BYTES else "OVER"
    lines.append(f"| **whole stack** | **{_mib(total)}** ({verdict} the 1 GiB goal) |")
    return "\n".join(lines)


def write_to_docs(repo_dir: Path, markdown: str) -> None:
    doc = repo_dir / "docs" / "deployment.md"
    text = doc.read_text()
    if MARK_START not in text or MARK_END not in text:
        log(f"{doc} has no {MARK_START} block; measurements not written")
        return
    head, _, rest = text.partition(MARK_START)
    _, _, tail = rest.partition(MARK_END)
    doc.write_text(f"{head}{MARK_START}\n{markdown}\n{MARK_END}{tail}")
    log(f"measurements written to {doc.relative_to(repo_dir)}")

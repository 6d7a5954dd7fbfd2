"""Local stand-ins for the pinned base images, built from Debian packages.

The test machine reaches Debian's archive but not Docker Hub, so each base image that
the Dockerfiles and the compose file name (`python:3.11-slim-bookworm`, `postgres:17-alpine`...)
is built here from a recipe in standins/<repository>/ and tagged with that exact name.
Every recipe starts from a Debian bookworm root filesystem (debootstrap, `docker import`)
that trusts the host's extra CA certificates. Each stand-in carries a label with the hash
of its recipe: an image with the same hash is reused, and an image of that name without
the label (the real one, pulled by someone) is used as it is and never replaced.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from shell import apt_install, log, run

HERE = Path(__file__).resolve().parent
STANDINS_DIR = HERE / "standins"
RECIPE_LABEL = "org.support-tickets.compose-test.recipe"
BASE_IMAGE = "support-tickets-standin/debian:bookworm"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
DEBOOTSTRAP = ["debootstrap", "--variant=minbase", "--include=ca-certificates", "bookworm"]
HOST_CA_CERTIFICATES = Path("/usr/local/share/ca-certificates")


def docker_build(
    image: str, context: Path, *, label: tuple[str, str], network: str, args: dict | None = None
) -> None:
    """The classic builder: BuildKit would fetch its Dockerfile front end from Docker Hub.

    `label` marks the image as ours: its value is the image's name, then optionally `@`
    and more. The image this build replaces under the same tag is removed when it
    carries that mark too (and nothing else uses it).
    """
    replaced = image_id(image)
    command = ["docker", "build", "--network", network, "--force-rm", "--tag", image]
    command += ["--label", "=".join(label)]
    for name, value in (args or {}).items():
        command += ["--build-arg", f"{name}={value}"]
    run([*command, str(context)], env=_classic_builder_env())
    if replaced and replaced != image_id(image) and _built_as(replaced, label[0]) == image:
        run(["docker", "image", "rm", replaced], check=False, quiet=True)


def _built_as(image: str, label: str) -> str:
    """The name in our `label` on `image`: images built on ours inherit it, under our name."""
    return _labels(image).get(label, "").partition("@")[0]


def _classic_builder_env() -> dict:
    return {**os.environ, "DOCKER_BUILDKIT": "0"}


def image_id(image: str) -> str | None:
    result = run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", image], check=False, quiet=True
    )
    return result.stdout.strip() if result.returncode == 0 else None


def _labels(image: str) -> dict:
    result = run(
        ["docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image],
        check=False,
        quiet=True,
    )
    return (json.loads(result.stdout) or {}) if result.returncode == 0 else {}


def recipe_label(image: str) -> str | None:
    """The recipe hash of the stand-in `image`; "" for an image that is not a stand-in."""
    if image_id(image) is None:
        return None
    if _built_as(image, RECIPE_LABEL) != image:
        return ""
    return _labels(image)[RECIPE_LABEL].partition("@")[2]


def _digest(*parts: bytes | str | Path) -> str:
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            for path in (
                sorted(p for p in part.rglob("*") if p.is_file()) if part.is_dir() else [part]
            ):
                digest.update(str(path.relative_to(part.parent)).encode())
                digest.update(path.read_bytes())
        else:
            digest.update(part.encode() if isinstance(part, str) else part)
    return digest.hexdigest()[:16]


def _host_certificates() -> list[Path]:
    if not HOST_CA_CERTIFICATES.is_dir():
        return []
    return sorted(HOST_CA_CERTIFICATES.rglob("*.crt"))


def _ensure_base(work_dir: Path) -> str:
    recipe = _digest(STANDINS_DIR / "base", " ".join(DEBOOTSTRAP), *_host_certificates())
    previous = recipe_label(BASE_IMAGE)
    if previous == recipe:
        log(f"{BASE_IMAGE}: cached stand-in ({recipe})")
        return recipe
    replaced = image_id(BASE_IMAGE) if previous else None
    if shutil.which("debootstrap") is None:
        apt_install("debootstrap")
    log(f"{BASE_IMAGE}: bootstrapping Debian bookworm from {DEBIAN_MIRROR}")
    root = work_dir / "bookworm-rootfs"
    try:
        run([*DEBOOTSTRAP, str(root), DEBIAN_MIRROR])
        certificates = root / "usr/local/share/ca-certificates"
        certificates.mkdir(parents=True, exist_ok=True)
        for certificate in _host_certificates():
            shutil.copy(certificate, certificates / certificate.name)
        shutil.copy(STANDINS_DIR / "base" / "rootfs-setup.sh", root / "rootfs-setup.sh")
        run(["chroot", str(root), "/bin/sh", "/rootfs-setup.sh"])
        (root / "rootfs-setup.sh").unlink()
        tar = subprocess.Popen(["tar", "-C", str(root), "-c", "."], stdout=subprocess.PIPE)
        run(
            [
                "docker",
                "import",
                "--change",
                'CMD ["bash"]',
                "--change",
                f"LABEL {RECIPE_LABEL}={BASE_IMAGE}@{recipe}",
                "-",
                BASE_IMAGE,
            ],
            stdin=tar.stdout,
        )
        tar.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if replaced:
        run(["docker", "image", "rm", replaced], check=False, quiet=True)
    return recipe


def _host_node(image: str) -> tuple[str, str]:
    """The host's Node.js binary and its version, which must be the image tag's major."""
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        raise RuntimeError(f"the stand-in for {image} needs node and npm on this machine")
    version = run([node, "--version"]).stdout.strip()
    wanted = image.partition(":")[2].split("-")[0].split(".")[0]
    if version.lstrip("v").split(".")[0] != wanted:
        raise RuntimeError(
            f"the stand-in for {image} needs Node.js {wanted}; this one is {version}"
        )
    return str(Path(node).resolve()), version


def _build_standin(image: str, base_recipe: str, work_dir: Path, network: str) -> str:
    repository = image.partition(":")[0].rsplit("/", 1)[-1]
    recipe_dir = STANDINS_DIR / repository
    if not (recipe_dir / "Dockerfile").is_file():
        raise RuntimeError(f"no stand-in recipe for {image} (expected {recipe_dir}/Dockerfile)")
    node, node_version = _host_node(image) if repository == "node" else ("", "")
    recipe = _digest(base_recipe, image, node_version, recipe_dir)
    if recipe_label(image) == recipe:
        return f"{image}: cached stand-in ({recipe})"
    with tempfile.TemporaryDirectory(prefix=f"standin-{repository}-", dir=work_dir) as folder:
        context = Path(folder)
        shutil.copytree(recipe_dir, context, dirs_exist_ok=True)
        if node:
            npm_root = Path(run(["npm", "root", "--global"]).stdout.strip()) / "npm"
            shutil.copy(node, context / "node")
            shutil.copytree(npm_root, context / "npm", symlinks=True)
        label = (RECIPE_LABEL, f"{image}@{recipe}")
        docker_build(image, context, label=label, network=network, args={"BASE": BASE_IMAGE})
    return f"{image}: stand-in built ({recipe})"


def ensure_standins(images: list[str], work_dir: Path, *, network: str) -> None:
    """Make every image of `images` available, building stand-ins where needed."""
    to_build = []
    for image in images:
        if recipe_label(image) == "":
            log(f"{image}: present and not a stand-in; used as it is")
        else:
            to_build.append(image)
    if not to_build:
        return
    base_recipe = _ensure_base(work_dir)
    # Package downloads dominate: a few builds at once finish sooner on two cores.
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [
            pool.submit(_build_standin, image, base_recipe, work_dir, network) for image in to_build
        ]
        for future in futures:
            log(future.result())

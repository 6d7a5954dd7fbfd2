"""The frontend container's nginx configuration, run with this machine's nginx."""

import json
import re
import signal
import threading
import time
import uuid

import httpx
import pytest

from .conftest import CLASSIFY_LIMIT, NGINX_DIR, TEMPLATE_VARIABLES, start_nginx, start_stream

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, nginx_binary, frontend_dist, api_server):
    stream = start_stream(api_server.extra["env"], tmp_path_factory.mktemp("stream") / "log")
    proxy = start_nginx(
        tmp_path_factory.mktemp("nginx"),
        binary=nginx_binary,
        ui_root=frontend_dist,
        upstream=api_server.base_url.removeprefix("http://"),
        stream_upstream=stream.base_url.removeprefix("http://"),
    )
    yield proxy
    if proxy["process"] is not None:
        proxy["process"].stop()
    stream.stop()


def test_the_template_uses_only_its_own_environment_variables():
    # The image substitutes every defined environment variable, so an upper-case name
    # such as $HOSTNAME would be replaced; nginx's own variables are lower-case.
    template = (NGINX_DIR / "templates" / "default.conf.template").read_text()
    code = "\n".join(line for line in template.splitlines() if not line.lstrip().startswith("#"))
    names = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", code))

    assert {name for name in names if not name.islower()} == set(TEMPLATE_VARIABLES)


def test_template_renders_to_a_valid_configuration(nginx):
    assert "${" not in nginx["rendered"]
    assert nginx["check"].returncode == 0, nginx["check"].stderr
    assert "test is successful" in nginx["check"].stderr


@pytest.mark.parametrize("port", ["ui", "api"])
def test_both_ports_serve_the_built_ui(nginx, frontend_dist, port):
    response = httpx.get(f"{nginx[port]}/")

    assert response.status_code == 200
    assert response.content == (frontend_dist / "index.html").read_bytes()
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _policy(header: str) -> dict[str, set[str]]:
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


@pytest.mark.parametrize("path", ["/", "/tickets/42", "/submit"])
def test_ui_pages_carry_the_same_csp_as_the_pages_django_serves(nginx, path):
    # CONTRACT §6: the same policy whether Django or the Compose nginx serves a page.
    from_nginx = httpx.get(f"{nginx['ui']}{path}")
    from_django = httpx.get(f"{nginx['api']}/admin/login/")

    assert from_nginx.status_code == 200
    policy = _policy(from_nginx.headers["Content-Security-Policy"])
    assert policy == _policy(from_django.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == {"'none'"}


def test_client_side_routes_fall_back_to_the_app(nginx, frontend_dist):
    response = httpx.get(f"{nginx['ui']}/tickets/42")

    assert response.status_code == 200
    assert response.content == (frontend_dist / "index.html").read_bytes()


def test_precompressed_assets_are_sent_as_built(nginx, frontend_dist):
    script = next((frontend_dist / "assets").glob("*.js"))
    precompressed = script.with_name(f"{script.name}.gz")
    if not precompressed.is_file():
        pytest.skip("this build wrote no .gz copies")

    response = httpx.get(f"{nginx['ui']}/assets/{script.name}", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    # The file from the build, not one compressed on the fly (which has no length).
    assert int(response.headers["Content-Length"]) == precompressed.stat().st_size
    assert response.headers["Content-Type"] == "application/javascript"
    assert response.content == script.read_bytes()  # httpx decompresses


def test_hashed_assets_are_cached_for_long(nginx, frontend_dist):
    asset = next((frontend_dist / "assets").glob("*.css"))

    response = httpx.get(f"{nginx['ui']}/assets/{asset.name}")

    assert response.status_code == 200
    assert response.content == asset.read_bytes()
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.parametrize("port", ["ui", "api"])
def test_the_api_is_proxied_with_one_request_id(nginx, api_server, agent_headers, port):
    response = httpx.get(f"{nginx[port]}/api/tickets/", headers=agent_headers)

    assert response.status_code == 200
    assert response.json()["count"] >= 0
    request_ids = response.headers.get_list("X-Request-ID")
    assert len(request_ids) == 1
    logged = api_server.wait_for_json(
        lambda r: r["logger"] == "gunicorn.access" and r["request_id"] == request_ids[0]
    )
    assert len(logged) == 1
    # nginx's X-Forwarded-For names the real client, which is us.
    assert logged[0]["client_ip"] == "127.0.0.1"


def test_a_request_id_from_a_balancer_in_front_is_kept(nginx, api_server):
    request_id = uuid.uuid4().hex

    response = httpx.get(f"{nginx['api']}/healthz", headers={"X-Request-ID": request_id})

    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == request_id
    assert api_server.wait_for_json(lambda r: r["request_id"] == request_id)


def test_health_probes_are_proxied(nginx):
    assert httpx.get(f"{nginx['api']}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{nginx['api']}/readyz").status_code == 200


def test_the_admin_and_its_static_files_are_proxied(nginx):
    login = httpx.get(f"{nginx['api']}/admin/login/")
    stylesheet = re.search(r'href="(/static/admin/css/[^"]+\.css)"', login.text)

    assert login.status_code == 200
    assert stylesheet, login.text[:500]
    css = httpx.get(f"{nginx['api']}{stylesheet[1]}")
    assert css.status_code == 200
    assert css.headers["Content-Type"].startswith("text/css")


def test_the_seed_admin_url_without_a_slash_reaches_the_admin(nginx):
    response = httpx.get(f"{nginx['api']}/admin")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("/admin/")


def test_forged_forwarded_for_through_nginx_does_not_reset_the_limit(nginx):
    statuses = [
        httpx.post(
            f"{nginx['ui']}/api/tickets/classify/",
            json={"description": "The app crashes when I log in"},
            headers={"X-Forwarded-For": f"198.51.100.{attempt}"},
            timeout=30,
        ).status_code
        for attempt in range(CLASSIFY_LIMIT + 1)
    ]

    assert statuses == [200] * CLASSIFY_LIMIT + [429]


def test_an_oversized_api_body_is_refused_in_the_error_shape(nginx):
    response = httpx.post(
        f"{nginx['api']}/api/tickets/",
        content=b"x" * (2 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large.", "errors": {}}


def test_the_stream_goes_through_unbuffered_to_its_own_server(nginx, agent_headers):
    # given a browser's stream through nginx
    lines: list[str] = []
    opened = threading.Event()

    def listen():
        with httpx.stream(
            "GET", f"{nginx['ui']}/api/stream/", headers=agent_headers, timeout=10
        ) as response:
            lines.append(f"status {response.status_code}")
            for line in response.iter_lines():
                lines.append(line)
                opened.set()
                if line.startswith("data:"):
                    return

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    assert opened.wait(5), lines  # the first bytes arrive at once: nothing is buffered
    time.sleep(0.5)

    # when a ticket is created through the API's own path
    created = httpx.post(
        f"{nginx['ui']}/api/tickets/",
        json={"title": "Streamed", "description": "Through nginx"},
        headers=agent_headers,
        timeout=10,
    )
    thread.join(5)

    # then the change arrived on the stream
    assert lines[0] == "status 200"
    assert any(
        line.startswith("data:") and json.loads(line[5:])["id"] == created.json()["id"]
        for line in lines
    )


def test_a_graceful_stop_closes_open_streams_within_seconds(
    tmp_path, nginx_binary, frontend_dist, api_server, agent_headers
):
    # given an nginx of its own with a browser's live-updates stream open through it
    stream = start_stream(api_server.extra["env"], tmp_path / "stream.log")
    proxy = start_nginx(
        tmp_path / "nginx",
        binary=nginx_binary,
        ui_root=frontend_dist,
        upstream=api_server.base_url.removeprefix("http://"),
        stream_upstream=stream.base_url.removeprefix("http://"),
    )
    opened, ended = threading.Event(), threading.Event()

    def listen():
        try:
            with httpx.stream(
                "GET", f"{proxy['ui']}/api/stream/", headers=agent_headers, timeout=60
            ) as response:
                opened.set()
                for _ in response.iter_lines():
                    pass
        except httpx.HTTPError:
            pass
        ended.set()

    threading.Thread(target=listen, daemon=True).start()
    try:
        assert opened.wait(10)

        # when nginx is asked to stop gracefully, as `docker stop` asks (SIGQUIT)
        asked = time.monotonic()
        proxy["process"].popen.send_signal(signal.SIGQUIT)
        proxy["process"].popen.wait(timeout=30)
        stopped_after = time.monotonic() - asked
    finally:
        proxy["process"].stop()
        stream.stop()

    # then it closed the stream and exited well within Docker's 10 s stop timeout
    assert stopped_after < 8, f"nginx took {stopped_after:.1f} s to stop"
    assert ended.wait(5)

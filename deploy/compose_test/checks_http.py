"""Checks over HTTP on the published ports, as a browser or an API client meets the stack."""

import base64
import contextlib
import hashlib
import hmac
import http.client
import json
import random
import re
import socket
import string
import threading
import time
from urllib.parse import urlsplit

from http_client import Client, Response
from receiver import Receiver
from runner import Context
from shell import log

BILLING_TEXT = (
    "I was charged twice for my subscription this month and the invoice shows a duplicate "
    "payment. Please refund the extra charge to my credit card."
)


def _word() -> str:
    """A made-up word that no other ticket contains, for searching."""
    return "zq" + "".join(random.choices(string.ascii_lowercase, k=10))


def ui_answers(ctx: Context) -> str:
    client = Client(ctx.stack.ui_url)
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status == 200, f"GET / on the UI port: {page}"
    assert page.header("Content-Type").startswith("text/html"), page.header("Content-Type")
    assert '<div id="root"></div>' in page.text(), page.text()[:500]
    assert page.header("Cache-Control") == "no-cache", page.header("Cache-Control")
    scripts = re.findall(r'src="(/assets/[^"]+\.js)"', page.text())
    assert scripts, "index.html loads no /assets/ script"
    bundle = client.get(scripts[0], headers={"Accept": "*/*"}, accept_gzip=True)
    assert bundle.status == 200, f"GET {scripts[0]}: {bundle.status}"
    cache = {directive.strip() for directive in bundle.header("Cache-Control").split(",")}
    assert {"public", "immutable", "max-age=31536000"} <= cache, bundle.header("Cache-Control")
    assert bundle.header("Content-Encoding") == "gzip", "the bundle was not sent compressed"
    deep_link = client.get("/tickets/1", headers={"Accept": "text/html"})
    assert deep_link.status == 200, f"GET /tickets/1: {deep_link}"
    assert '<div id="root">' in deep_link.text(), "a client-side route did not get the app"
    size = len(bundle.body) // 1024
    return f"{ctx.stack.ui_url}: the app, {scripts[0]} ({size} KB, gzip, a year), deep links"


def api_answers(ctx: Context) -> str:
    client = Client(ctx.stack.api_url)
    for path, kind in [
        ("/readyz", "application/json"),
        ("/healthz", "application/json"),
        ("/api/schema/", "application/vnd.oai.openapi"),
        ("/api/docs/", "text/html"),
        ("/admin/login/", "text/html"),
    ]:
        answer = client.get(path, headers={"Accept": "*/*"})
        assert answer.status == 200, f"GET {path} on the API port: {answer}"
        assert answer.header("Content-Type").startswith(kind), (path, answer.header("Content-Type"))
        assert answer.header("X-Request-ID"), f"{path} has no X-Request-ID"
    admin = client.get("/admin/login/", headers={"Accept": "text/html"}).text()
    stylesheet = re.search(r'href="(/static/admin/css/[^"]+\.css)"', admin)
    assert stylesheet, "the admin page links no stylesheet under /static/"
    css = client.get(stylesheet[1], headers={"Accept": "text/css"})
    assert css.status == 200, f"GET {stylesheet[1]}: {css.status}"
    return f"{ctx.stack.api_url}: /readyz, /healthz, /api/schema/, /api/docs/, /admin/, /static/"


def superuser_signs_in_to_the_admin(ctx: Context) -> str:
    client = Client(ctx.stack.api_url)
    form = client.get("/admin/login/", headers={"Accept": "text/html"})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text())
    assert token, "no CSRF token on the admin's login form"
    password = ctx.stack.settings["DJANGO_SUPERUSER_PASSWORD"]
    answer = client.post(
        "/admin/login/?next=/admin/",
        form={
            "csrfmiddlewaretoken": token[1],
            "username": "admin",
            "password": password,
            "next": "/admin/",
        },
        headers={"Accept": "text/html"},
    )
    assert answer.status == 302, f"admin sign-in: {answer}"
    assert answer.header("Location") == "/admin/", answer.header("Location")
    # The session is in PostgreSQL: any replica knows it.
    for _ in range(4):
        home = client.get("/admin/", headers={"Accept": "text/html"})
        assert home.status == 200, f"GET /admin/ signed in: {home}"
        assert "Site administration" in home.text(), home.text()[:500]
    return "admin signed in at /admin/login/; the session holds across the api replicas"


def agent_signs_in_through_the_api(ctx: Context) -> str:
    """CONTRACT §7: me (401 and the csrftoken cookie), login with X-CSRFToken, me again."""
    client = Client(ctx.stack.ui_url)
    me = client.get("/api/auth/me/")
    assert me.status == 401, f"GET /api/auth/me/ signed out: {me}"
    assert client.cookie("csrftoken"), "GET /api/auth/me/ set no csrftoken cookie"
    password = ctx.stack.settings["DJANGO_SUPERUSER_PASSWORD"]
    login = client.post("/api/auth/login/", json_body={"username": "admin", "password": password})
    assert login.status == 200, f"POST /api/auth/login/: {login}"
    me = client.get("/api/auth/me/")
    assert me.status == 200, f"GET /api/auth/me/ signed in: {me}"
    assert me.json()["username"] == "admin", me
    assert me.json()["role"] == "admin", me
    ctx.agent = client
    return f"signed in as admin ({me.json()['role']}) through nginx on the UI port"


def _is_401_bearer(answer: Response) -> bool:
    return (
        answer.status == 401
        and answer.header("WWW-Authenticate").startswith("Bearer")
        and bool(answer.json().get("detail"))
    )


def api_token_authenticates(ctx: Context) -> str:
    """CONTRACT §7: agent endpoints are 401 without credentials and 200 with a token."""
    client = Client(ctx.stack.api_url)
    for path in ("/api/tickets/", "/api/auth/me/", "/api/stream/"):
        answer = client.get(path, headers={"Accept": "*/*"})
        assert _is_401_bearer(answer), f"GET {path} without credentials: {answer}"
    password = ctx.stack.settings["DJANGO_SUPERUSER_PASSWORD"]
    wrong = client.post(
        "/api/auth/tokens/",
        json_body={"username": "admin", "password": password + "x", "name": "wrong"},
    )
    assert wrong.status == 400, f"a token for a wrong password: {wrong}"
    created = client.post(
        "/api/auth/tokens/",
        json_body={"username": "admin", "password": password, "name": "compose test"},
    )
    assert created.status == 201, f"POST /api/auth/tokens/ with a password: {created}"
    assert not client.cookie("sessionid"), "token creation with a password set a session"
    bearer = {"Authorization": f"Bearer {created.json()['token']}"}
    listed = client.get("/api/tickets/", headers=bearer)
    assert listed.status == 200, f"GET /api/tickets/ with the token: {listed}"
    me = client.get("/api/auth/me/", headers=bearer)
    assert me.status == 200, f"GET /api/auth/me/ with the token: {me}"
    assert me.json()["username"] == "admin", me
    forged = client.get("/api/tickets/", headers={"Authorization": "Bearer not-a-token"})
    assert _is_401_bearer(forged), f"GET /api/tickets/ with a made-up token: {forged}"
    ctx.token = created.json()["token"]
    return (
        "401 with WWW-Authenticate: Bearer without credentials (tickets, me, stream) and "
        "with a made-up token; a token from username and password: 200"
    )


def ticket_is_classified_and_listed(ctx: Context) -> str:
    word = _word()
    created = ctx.anonymous.post(
        "/api/tickets/",
        json_body={"title": f"Charged twice {word}", "description": BILLING_TEXT},
    )
    assert created.status == 201, f"POST /api/tickets/: {created}"
    ticket = created.json()
    suggestion = ticket.get("ai_suggestion")
    assert suggestion, f"the ticket was not classified: {ticket}"
    assert suggestion["provider"] == "local", suggestion
    assert (ticket["category"], ticket["priority"]) == (
        suggestion["category"],
        suggestion["priority"],
    ), ticket
    assert ticket["category"] == "billing", f"a double charge classified as {ticket['category']}"
    ctx.ticket = ticket
    found = ctx.agent.get(f"/api/tickets/?search={word}")
    assert found.status == 200, f"GET /api/tickets/?search=: {found}"
    assert [item["id"] for item in found.json()["results"]] == [ticket["id"]], found.json()
    newest = ctx.agent.get("/api/tickets/?page_size=5").json()["results"]
    assert newest[0]["id"] == ticket["id"], "the new ticket is not first in the list"
    return (
        f"ticket {ticket['id']}: {ticket['category']}/{ticket['priority']} by "
        f"{suggestion['provider']}; found by search and first in the list"
    )


def _policy(header: str) -> dict[str, set[str]]:
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


def ui_pages_carry_csp(ctx: Context) -> str:
    """CONTRACT §6: the same policy on nginx's pages as on Django's, no inline scripts."""
    ui = Client(ctx.stack.ui_url)
    django = Client(ctx.stack.api_url).get("/admin/login/", headers={"Accept": "text/html"})
    expected = _policy(django.header("Content-Security-Policy"))
    assert expected, "Django's admin page carries no Content-Security-Policy"
    for path in ("/", "/submit", "/tickets/1"):
        page = ui.get(path, headers={"Accept": "text/html"})
        header = page.header("Content-Security-Policy")
        assert header, f"GET {path} on the UI port carries no Content-Security-Policy"
        policy = _policy(header)
        assert policy == expected, f"{path}: {header!r} differs from Django's"
        scripts = policy.get("script-src", policy.get("default-src"))
        assert scripts, f"the policy does not restrict scripts: {header}"
        assert "'unsafe-inline'" not in scripts, header
    return f"Content-Security-Policy: {header}"


def caching_headers(ctx: Context) -> str:
    """API answers are never stored; Django's hashed static files are cached for long."""
    seen = {}
    for client, path in [
        (ctx.agent, f"/api/tickets/{ctx.ticket['id']}/"),
        (ctx.agent, "/api/tickets/?page_size=1"),
        (ctx.anonymous, "/api/tickets/"),  # a 401
        (Client(ctx.stack.api_url), "/api/auth/me/"),  # a 401 on the API port
    ]:
        answer = client.get(path)
        cache = answer.header("Cache-Control")
        assert "no-store" in cache, f"GET {path} ({answer.status}): Cache-Control {cache!r}"
        seen[f"{path} ({answer.status})"] = cache
    client = Client(ctx.stack.api_url)
    admin = client.get("/admin/login/", headers={"Accept": "text/html"}).text()
    stylesheet = re.search(r'href="(/static/admin/css/[^"]+\.[0-9a-f]{12}\.css)"', admin)
    assert stylesheet, "the admin links no hashed stylesheet under /static/"
    css = client.get(stylesheet[1], headers={"Accept": "text/css"}, accept_gzip=True)
    assert css.status == 200, f"GET {stylesheet[1]}: {css}"
    cache = {directive.strip() for directive in css.header("Cache-Control").split(",")}
    ages = [int(d.split("=")[1]) for d in cache if d.startswith("max-age=")]
    assert "immutable" in cache, css.header("Cache-Control")
    assert ages, css.header("Cache-Control")
    assert ages[0] >= 31536000, css.header("Cache-Control")
    assert css.header("Content-Encoding") == "gzip", "the stylesheet was not sent compressed"
    seen[stylesheet[1]] = css.header("Cache-Control")
    return "\n".join(f"{path}: Cache-Control: {cache}" for path, cache in seen.items())


def _long_description() -> str:
    line = "Steps: open the invoice page, pick last month, press download; the PDF is empty.\n"
    return (line * 20)[:1600]


def large_patch_through_gzip(ctx: Context) -> str:
    """A PATCH whose body and answer are over 1 KB: nginx compresses the answer."""
    description = _long_description()
    answer = ctx.agent.patch(
        f"/api/tickets/{ctx.ticket['id']}/",
        json_body={"description": description},
        accept_gzip=True,
    )
    assert answer.status == 200, f"PATCH with a {len(description)}-character description: {answer}"
    assert answer.header("Content-Encoding") == "gzip", "the answer was not compressed"
    assert answer.json()["description"] == description
    ctx.ticket = answer.json()
    return f"{len(description)} characters in, {len(answer.raw)} bytes gzip out"


def patch_with_if_match(ctx: Context) -> str:
    """CONTRACT §9: the ETag of a compressed answer (weakened by nginx) is a valid If-Match."""
    path = f"/api/tickets/{ctx.ticket['id']}/"
    current = ctx.agent.get(path, accept_gzip=True)
    etag = current.header("ETag")
    assert re.fullmatch(r'(W/)?"\d+"', etag), f"ETag of a ticket: {etag!r}"
    assert etag.strip('W/"') == str(current.json()["version"]), (etag, current.json()["version"])
    # A real change: a PATCH to the values the ticket already has keeps its version.
    wanted = "critical" if current.json()["priority"] != "critical" else "high"
    updated = ctx.agent.patch(
        path, json_body={"priority": wanted}, headers={"If-Match": etag}, accept_gzip=True
    )
    assert updated.status == 200, f"PATCH with If-Match {etag}: {updated}"
    stale = ctx.agent.patch(path, json_body={"priority": "low"}, headers={"If-Match": etag})
    assert stale.status == 412, f"PATCH with the old If-Match {etag}: {stale}"
    assert stale.json().get("detail"), stale
    assert ctx.agent.get(path).json()["priority"] == wanted, "a stale PATCH changed the ticket"
    ctx.ticket = ctx.agent.get(path).json()
    return f"If-Match {etag} -> 200 ({updated.header('ETag')}); the same again -> 412"


STREAM_DELAY_SECONDS = 2.0


def stream_delivers_an_event(ctx: Context) -> str:
    """CONTRACT §9: /api/stream/ through nginx sends `event: ticket` for a change within 2 s.

    The stream is closed afterwards: an open one would hold nginx's graceful stop (and
    so `docker compose down`) until Docker's stop timeout.
    """
    address = urlsplit(ctx.stack.ui_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=20)
    cookies = "; ".join(f"{c.name}={c.value}" for c in ctx.agent.cookies)
    connection.request(
        "GET", "/api/stream/", headers={"Accept": "text/event-stream", "Cookie": cookies}
    )
    sock = connection.sock
    try:
        return _read_an_event(ctx, connection.getresponse())
    finally:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        connection.close()


def _read_an_event(ctx: Context, stream: http.client.HTTPResponse) -> str:
    assert stream.status == 200, f"GET /api/stream/ through nginx: {stream.status}"
    kind = stream.headers.get("Content-Type", "")
    assert kind.startswith("text/event-stream"), kind
    lines: list[str] = []

    def read() -> None:
        try:
            for raw in stream:
                lines.append(raw.decode().rstrip("\n"))
        except (OSError, ValueError) as error:
            lines.append(f"error {error}")

    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.5)  # the stream's listener is subscribed once the headers are out
    priority = "low" if ctx.ticket["priority"] != "low" else "medium"
    path = f"/api/tickets/{ctx.ticket['id']}/"
    changed = ctx.agent.patch(path, json_body={"priority": priority})
    answered = time.monotonic()
    assert changed.status == 200, changed
    version = changed.json()["version"]
    while time.monotonic() < answered + STREAM_DELAY_SECONDS:
        for event in _events(list(lines)):
            data = json.loads(event["data"]) if event.get("event") == "ticket" else {}
            if data.get("id") == ctx.ticket["id"] and data.get("version") == version:
                delay = time.monotonic() - answered
                assert event.get("id"), f"the event has no id: line: {event}"
                assert data.get("kind") == "updated", data
                ctx.ticket = changed.json()
                return (
                    f"event: ticket, data: {event['data']} through nginx "
                    f"{delay:.2f} s after the PATCH"
                )
        time.sleep(0.05)
    raise AssertionError(
        f"no ticket event for version {version} within {STREAM_DELAY_SECONDS} s of the PATCH; "
        f"the stream said: {lines[:20]}"
    )


def _events(lines: list[str]) -> list[dict[str, str]]:
    """Server-sent events: `field: value` lines, one event per blank-line-ended block."""
    events, event = [], {}
    for line in lines:
        if not line:
            events.append(event)
            event = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            event[name] = value.removeprefix(" ")
    return events


WEBHOOK_SECONDS = 30
# After an outage the workers are restarted and import Django again before taking jobs:
# about 30 s on a busy two-core machine.
WEBHOOK_AFTER_OUTAGE_SECONDS = 90


def _signature_is_valid(secret: str, received) -> bool:
    """Standard Webhooks: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    message_id = received.header("webhook-id").encode()
    signed = b".".join([message_id, received.header("webhook-timestamp").encode(), received.body])
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [s.partition(",")[2] for s in received.header("webhook-signature").split()]
    return any(hmac.compare_digest(expected, s) for s in offered if s)


def _wait_for_delivery(ctx: Context, ticket_id: int, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for received in ctx.receiver.received():
            body = received.json()
            if body.get("type") == "ticket.created" and body["data"]["id"] == ticket_id:
                return received
        time.sleep(0.25)
    raise AssertionError(
        f"no ticket.created for ticket {ticket_id} reached the receiver within {seconds:.0f} s; "
        f"it got {len(ctx.receiver.received())} requests"
    )


def _submit_and_wait_for_its_webhook(
    ctx: Context, seconds: float = WEBHOOK_SECONDS
) -> tuple[dict, object, float]:
    created = ctx.anonymous.post(
        "/api/tickets/",
        json_body={"title": f"Webhook {_word()}", "description": BILLING_TEXT},
    )
    assert created.status == 201, f"POST /api/tickets/: {created}"
    sent = time.monotonic()
    received = _wait_for_delivery(ctx, created.json()["id"], seconds)
    return created.json(), received, time.monotonic() - sent


def worker_delivers_a_webhook(ctx: Context) -> str:
    """CONTRACT §11: a submission enqueues a signed webhook that a worker delivers."""
    api = next(c for c in ctx.stack.containers("api") if c["State"]["Status"] == "running")
    network = next(iter(api["NetworkSettings"]["Networks"]))
    ctx.receiver = Receiver.start(api["Config"]["Image"], network)
    endpoint = ctx.agent.post(
        "/api/webhooks/",
        json_body={
            "url": f"{ctx.receiver.url}/hooks/tickets",
            "events": ["ticket.created"],
            "description": "make test-compose",
        },
    )
    assert endpoint.status == 201, f"POST /api/webhooks/ as admin: {endpoint}"
    ctx.webhook = endpoint.json()
    assert ctx.webhook["secret"].startswith("whsec_"), ctx.webhook
    ticket, received, seconds = _submit_and_wait_for_its_webhook(ctx)
    assert received.path == "/hooks/tickets", received.path
    assert _signature_is_valid(ctx.webhook["secret"], received), received.headers
    assert received.json()["data"]["title"] == ticket["title"], received.json()
    deliveries = ctx.agent.get(f"/api/webhooks/{ctx.webhook['id']}/deliveries/")
    assert deliveries.status == 200, deliveries
    done = [d for d in deliveries.json() if d["event"] == "ticket.created"]
    assert done, f"no ticket.created delivery logged: {deliveries.json()}"
    assert done[0]["status_code"] == 204, done[0]
    assert done[0]["delivered_at"], done[0]
    workers = sorted(c["Name"].lstrip("/") for c in ctx.stack.containers("worker"))
    return (
        f"ticket {ticket['id']}: ticket.created delivered {seconds:.1f} s after the submission, "
        f"signature valid, logged as delivered (204); workers: {', '.join(workers)}"
    )


def worker_delivers_after_the_outage(ctx: Context) -> str:
    """After the database came back the workers take jobs again, by themselves.

    A procrastinate worker stops when its connection to the database drops (its listener
    fails); the compose file's restart policy starts it again, and it waits for the
    database before it takes jobs. Every worker must be running and healthy again.
    """
    assert ctx.receiver is not None, "the webhook check did not run"
    ticket, received, seconds = _submit_and_wait_for_its_webhook(ctx, WEBHOOK_AFTER_OUTAGE_SECONDS)
    assert _signature_is_valid(ctx.webhook["secret"], received), received.headers
    deadline = time.monotonic() + 60
    while True:
        workers = ctx.stack.containers("worker")
        health = {
            c["Name"].lstrip("/"): c["State"].get("Health", {}).get("Status") for c in workers
        }
        if all(status == "healthy" for status in health.values()):
            break
        assert time.monotonic() < deadline, f"workers not healthy again within 60 s: {health}"
        time.sleep(1)
    restarts = {c["Name"].lstrip("/"): c["RestartCount"] for c in workers}
    log(f"worker restarts by the restart policy during the two outages: {restarts}")
    return (
        f"ticket {ticket['id']}: ticket.created delivered {seconds:.1f} s after the submission; "
        f"every worker healthy (restarts by the restart policy: {restarts})"
    )

"""Checks over HTTP on the published ports, as a browser or an API client meets the stack."""

import json
import random
import re
import string
import threading
import time
import urllib.request

from http_client import Client
from runner import Context, NotPresent

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
    if me.status == 404:
        raise NotPresent("API sign-in: GET /api/auth/me/ answers 404")
    assert me.status == 401, f"GET /api/auth/me/ signed out: {me}"
    assert client.cookie("csrftoken"), "GET /api/auth/me/ set no csrftoken cookie"
    password = ctx.stack.settings["DJANGO_SUPERUSER_PASSWORD"]
    login = client.post("/api/auth/login/", json_body={"username": "admin", "password": password})
    assert login.status == 200, f"POST /api/auth/login/: {login}"
    me = client.get("/api/auth/me/")
    assert me.status == 200, f"GET /api/auth/me/ signed in: {me}"
    assert me.json()["username"] == "admin", me
    ctx.agent, ctx.api_sign_in = client, True
    return f"signed in as admin ({me.json()['role']}) through nginx on the UI port"


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


def ui_pages_carry_csp(ctx: Context) -> str:
    page = Client(ctx.stack.ui_url).get("/", headers={"Accept": "text/html"})
    policy = page.header("Content-Security-Policy")
    if not policy:
        raise NotPresent("Content-Security-Policy on the UI's HTML through nginx")
    scripts = re.search(r"script-src ([^;]*)", policy) or re.search(r"default-src ([^;]*)", policy)
    assert scripts, f"the policy does not restrict scripts: {policy}"
    assert "'unsafe-inline'" not in scripts[1], policy
    return f"Content-Security-Policy: {policy}"


def api_answers_are_not_stored(ctx: Context) -> str:
    answer = ctx.agent.get(f"/api/tickets/{ctx.ticket['id']}/")
    cache = answer.header("Cache-Control")
    if "no-store" not in cache:
        raise NotPresent(f"Cache-Control: no-store on API responses (got {cache!r})")
    return f"Cache-Control: {cache}"


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
    if not etag:
        raise NotPresent("ETag on ticket responses")
    # A real change: a PATCH to the values the ticket already has keeps its version.
    wanted = "critical" if current.json()["priority"] != "critical" else "high"
    updated = ctx.agent.patch(
        path, json_body={"priority": wanted}, headers={"If-Match": etag}, accept_gzip=True
    )
    assert updated.status == 200, f"PATCH with If-Match {etag}: {updated}"
    stale = ctx.agent.patch(path, json_body={"priority": "low"}, headers={"If-Match": etag})
    assert stale.status == 412, f"PATCH with the old If-Match {etag}: {stale}"
    assert ctx.agent.get(path).json()["priority"] == wanted, "a stale PATCH changed the ticket"
    ctx.ticket = ctx.agent.get(path).json()
    return f"If-Match {etag} -> 200 ({updated.header('ETag')}); the same again -> 412"


def stream_delivers_an_event(ctx: Context) -> str:
    """CONTRACT §9: /api/stream/ through nginx sends `event: ticket` for a change."""
    if not ctx.has_service("stream"):
        raise NotPresent("the compose file has no `stream` service")
    request = urllib.request.Request(
        f"{ctx.stack.ui_url}/api/stream/", headers={"Accept": "text/event-stream"}
    )
    cookies = "; ".join(f"{c.name}={c.value}" for c in ctx.agent.cookies)
    request.add_header("Cookie", cookies)
    lines: list[str] = []

    def read() -> None:
        try:
            with urllib.request.urlopen(request, timeout=20) as stream:
                lines.append(f"status {stream.status}")
                for raw in stream:
                    lines.append(raw.decode().rstrip("\n"))
        except (TimeoutError, OSError) as error:
            lines.append(f"error {error}")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(1)
    priority = "low" if ctx.ticket["priority"] != "low" else "medium"
    path = f"/api/tickets/{ctx.ticket['id']}/"
    changed = ctx.agent.patch(path, json_body={"priority": priority})
    assert changed.status == 200, changed
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for event in _events(list(lines)):
            if (
                event.get("event") == "ticket"
                and json.loads(event["data"])["id"] == ctx.ticket["id"]
            ):
                return f"event: ticket, data: {event['data']} through nginx"
        time.sleep(0.2)
    raise AssertionError(f"no ticket event within 10 s; the stream said: {lines[:20]}")


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

"""Named checks, their outcomes, and what they share while the stack runs."""

import traceback
from dataclasses import dataclass, field
from typing import Any

from http_client import Client
from shell import CommandFailed, log
from stack import Stack


class NotPresent(Exception):
    """The feature a check is for does not exist in this tree yet.

    Every feature the checks cover exists today, so no check raises it; it stays for
    checks written ahead of their feature. Such a check counts as skipped, or as failed
    with `--require-all` (what CI runs).
    """


@dataclass
class Context:
    """What the checks share: the stack, browser-like clients, the ticket they made."""

    stack: Stack
    services: dict
    anonymous: Client
    # Signed in as the superuser by `agent_signs_in_through_the_api` (CONTRACT §7).
    agent: Client
    ticket: dict = field(default_factory=dict)
    # An API token of the superuser (`api_token_authenticates`).
    token: str = ""
    # The webhook receiver beside the stack (receiver.Receiver) and the endpoint that
    # points at it: {"id", "secret", ...} as `POST /api/webhooks/` answered.
    receiver: Any = None
    webhook: dict = field(default_factory=dict)
    # Failed answers seen while the database restarted (checks_stack.Answer).
    outage: list | None = None
    notes: list[str] = field(default_factory=list)

    def has_service(self, name: str) -> bool:
        return name in self.services

    def project_services(self) -> list[str]:
        """The services that run the project's own images (built here)."""
        return sorted(name for name, service in self.services.items() if "build" in service)


@dataclass
class Result:
    name: str
    outcome: str  # "passed", "failed" or "not present yet"
    detail: str = ""


@dataclass
class Runner:
    require_all: bool = False
    results: list[Result] = field(default_factory=list)

    def check(self, name: str, function, *args) -> bool:
        """Run one check; True when it passed."""
        log(f"check: {name}")
        try:
            detail = function(*args) or ""
        except NotPresent as absent:
            outcome = "failed" if self.require_all else "not present yet"
            self._record(Result(name, outcome, str(absent)))
            return False
        except (AssertionError, CommandFailed) as failure:
            self._record(Result(name, "failed", str(failure) or traceback.format_exc()))
            return False
        except Exception:
            self._record(Result(name, "failed", traceback.format_exc()))
            return False
        self._record(Result(name, "passed", detail))
        return True

    def _record(self, result: Result) -> None:
        self.results.append(result)
        label = {"passed": "ok", "failed": "FAILED", "not present yet": "not present yet"}
        text = f"  {label[result.outcome]}: {result.name}"
        if result.detail:
            text += "\n" + "\n".join(f"      {line}" for line in result.detail.splitlines())
        print(text, flush=True)

    def count(self, outcome: str) -> int:
        return sum(result.outcome == outcome for result in self.results)

    def summary(self) -> str:
        passed, failed = self.count("passed"), self.count("failed")
        absent = self.count("not present yet")
        return f"compose: {passed} passed, {failed} failed, {absent} skipped"

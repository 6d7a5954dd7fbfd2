"""POST a JSON body to an LLM vendor and get its JSON answer back, within a deadline.

httpx's timeouts apply to each phase (connect, each read...), so a server that drips
one byte a second would never trip them. Here the body is read in chunks and the
whole exchange is abandoned as soon as the deadline passes. At most one retry is made,
for 429 and 5xx answers only, and only when the wait plus a useful attempt still fits
in the budget. Every failure is a ClassificationError.
"""

import json
import logging
import time
from collections.abc import Sequence
from email.utils import parsedate_to_datetime

import httpx

from ..corrections import LabelledText
from ..suggestion import Suggestion
from .base import ClassificationError, Provider

logger = logging.getLogger(__name__)

# Largest answer read: a classification is a few hundred bytes.
MAX_RESPONSE_BYTES = 256 * 1024
# Wait before the retry when the server does not say (Retry-After).
DEFAULT_RETRY_WAIT_SECONDS = 0.5
# A retry is only worth making with at least this much budget left after the wait.
MIN_ATTEMPT_SECONDS = 0.5


def _retryable(status: int) -> bool:
    """Worth one retry: request timeout, rate limited, server-side failure (529: overloaded)."""
    return status in (408, 429) or status >= 500


def new_client() -> httpx.Client:
    """One pooled client per provider; it is thread-safe and reused by every call."""
    return httpx.Client(
        limits=httpx.Limits(max_connections=64, max_keepalive_connections=16),
        follow_redirects=False,
    )


def _retry_wait(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return DEFAULT_RETRY_WAIT_SECONDS
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return DEFAULT_RETRY_WAIT_SECONDS


def _remaining(deadline: float) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ClassificationError("The time budget ran out.")
    return remaining


class _Retryable(ClassificationError):
    def __init__(self, message: str, wait: float):
        super().__init__(message)
        self.wait = wait


def _attempt(client: httpx.Client, url: str, *, headers: dict, body: dict, deadline: float):
    timeout = httpx.Timeout(_remaining(deadline))
    try:
        with client.stream("POST", url, json=body, headers=headers, timeout=timeout) as response:
            if _retryable(response.status_code):
                raise _Retryable(f"HTTP {response.status_code}", _retry_wait(response))
            if response.status_code != 200:
                raise ClassificationError(f"HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "")
            if "json" not in content_type.lower():
                raise ClassificationError(f"Unexpected content type {content_type!r}.")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                _remaining(deadline)
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ClassificationError("The answer is too large.")
                chunks.append(chunk)
    except httpx.TimeoutException as error:
        raise ClassificationError(f"Timed out: {type(error).__name__}") from None
    except httpx.HTTPError as error:
        raise ClassificationError(f"HTTP error: {type(error).__name__}: {error}") from None
    try:
        value = json.loads(b"".join(chunks))
    except ValueError:
        raise ClassificationError("The answer is not JSON.") from None
    if not isinstance(value, dict):
        raise ClassificationError("The answer is not a JSON object.")
    return value


def post_json(
    client: httpx.Client, url: str, *, headers: dict, body: dict, deadline: float
) -> dict:
    """The decoded JSON object the server answered with 200, fetched before `deadline`.

    `deadline` is a time.monotonic() value.
    """
    try:
        return _attempt(client, url, headers=headers, body=body, deadline=deadline)
    except _Retryable as failure:
        left = deadline - time.monotonic()
        if left - failure.wait < MIN_ATTEMPT_SECONDS:
            raise ClassificationError(f"{failure}; no time left to retry") from None
        logger.info("LLM call got %s; retrying in %.2f s", failure, failure.wait)
        time.sleep(failure.wait)
    try:
        return _attempt(client, url, headers=headers, body=body, deadline=deadline)
    except _Retryable as failure:
        raise ClassificationError(f"{failure} again after a retry") from None


class JsonApiProvider(Provider):
    """A vendor reached by one JSON POST per classification.

    Subclasses name the endpoint (`default_base_url` + `path`), the `headers`, the
    `request_body`, and how a decoded answer becomes a Suggestion (`suggestion`, raising
    ClassificationError for anything unusable); the call and its deadline live here.
    """

    remote = True
    default_base_url = ""
    default_model = ""
    path = ""

    def __init__(self, *, api_key: str, model: str = "", base_url: str = ""):
        self.api_key = api_key
        self.model = model or self.default_model
        self.url = (base_url or self.default_base_url).rstrip("/") + self.path
        self.client = new_client()

    def headers(self) -> dict:
        raise NotImplementedError

    def request_body(
        self, *, title: str, description: str, examples: Sequence[LabelledText] = ()
    ) -> dict:
        raise NotImplementedError

    def suggestion(self, answer: dict) -> Suggestion:
        raise NotImplementedError

    def classify(
        self,
        *,
        title: str,
        description: str,
        timeout: float,
        examples: Sequence[LabelledText] = (),
    ) -> Suggestion:
        answer = post_json(
            self.client,
            self.url,
            headers=self.headers(),
            body=self.request_body(title=title, description=description, examples=examples),
            deadline=time.monotonic() + timeout,
        )
        return self.suggestion(answer)

"""Typed readers for settings that come from the environment.

An empty value counts as unset. A `.env` file at the repository root is read
when present; the real environment always wins over it.
"""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def load_dotenv(path: Path) -> None:
    """Copy KEY=VALUE lines of `path` into os.environ where not already set.

    As in a shell or docker compose, a later line for the same key wins over an earlier one.
    """
    if os.environ.get("DJANGO_DOTENV", "").lower() in _FALSE or not path.is_file():
        return
    values = {}
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    for key, value in values.items():
        os.environ.setdefault(key, value)


def env_str(name: str, default: str = "") -> str:
    value = os.environ.get(name, "").strip()
    return value if value else default


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name).lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from error
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_float(name: str, default: float, *, minimum: float = 0.0) -> float:
    value = env_str(name)
    if not value:
        return default
    try:
        number = float(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.") from error
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


_RATE = re.compile(r"([0-9]{1,9})/([0-9]{1,6})?([a-z]+)")
_PERIOD_SECONDS = {
    **dict.fromkeys(("s", "sec", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
}


def parse_rate(value: str) -> tuple[int, int]:
    """(requests, seconds) of a rate such as `120/minute`, `5/15m` or `20/12h`.

    Raises ValueError for anything else, a count or period of zero included.
    """
    match = _RATE.fullmatch(value.lower().replace(" ", ""))
    if not match or match[3] not in _PERIOD_SECONDS:
        raise ValueError(value)
    count, multiple = int(match[1]), int(match[2] or 1)
    if count < 1 or multiple < 1:
        raise ValueError(value)
    return count, multiple * _PERIOD_SECONDS[match[3]]


def env_rate(name: str, default: str) -> str | None:
    """A rate limit `<count>/<period>` (period: second, minute, hour, day, or a count
    and a unit such as 15m or 12h), normalized; None for `off`. A typo stops the start."""
    value = env_str(name, default).lower().replace(" ", "")
    if value == "off":
        return None
    try:
        parse_rate(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a rate like 120/minute or 20/15m (per second, minute, hour or "
            f"day, or a count of them: s, m, h, d) or off, not {value!r}."
        ) from None
    return value

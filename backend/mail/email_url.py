"""EMAIL_URL, read into Django's e-mail settings (CONTRACT §11).

    smtp://user:password@host:port      plain SMTP (port 25 by default)
    smtp+tls://user:password@host:port  SMTP upgraded with STARTTLS (port 587 by default)
    smtps://user:password@host:port     SMTP over TLS from the first byte (port 465 by default)
    console://                          print each message on the console (development)

User and password are percent-decoded, so `@`, `:` and `/` in them can be written as %40,
%3A and %2F. Settings only: this module imports nothing of the project.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
# scheme: (default port, STARTTLS, TLS from the start)
_SMTP_SCHEMES = {
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "smtps": (465, False, True),
}


@dataclass(frozen=True)
class EmailSettings:
    EMAIL_BACKEND: str
    EMAIL_HOST: str = "localhost"
    EMAIL_PORT: int = 25
    EMAIL_HOST_USER: str = ""
    EMAIL_HOST_PASSWORD: str = ""
    EMAIL_USE_TLS: bool = False
    EMAIL_USE_SSL: bool = False


def parse_email_url(url: str) -> EmailSettings:
    """The Django settings that `url` stands for; ImproperlyConfigured when it is not one
    of the forms above (the message never repeats the password)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return EmailSettings(EMAIL_BACKEND=CONSOLE_BACKEND)
    if scheme not in _SMTP_SCHEMES:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with smtp://, smtp+tls://, smtps:// or console://, "
            f"not {scheme + '://' if scheme else 'nothing'}."
        )
    default_port, starttls, implicit_tls = _SMTP_SCHEMES[scheme]
    try:
        port = parts.port or default_port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no host, e.g. smtp://mail.example.com:25.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured("EMAIL_URL takes no path or options after the port.")
    return EmailSettings(
        EMAIL_BACKEND=SMTP_BACKEND,
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port,
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_TLS=starttls,
        EMAIL_USE_SSL=implicit_tls,
    )

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mail.email_url import CONSOLE_BACKEND, SMTP_BACKEND, EmailSettings, parse_email_url

BACKEND_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console://", EmailSettings(EMAIL_BACKEND=CONSOLE_BACKEND)),
        (
            "smtp://mail.example.com",
            EmailSettings(EMAIL_BACKEND=SMTP_BACKEND, EMAIL_HOST="mail.example.com", EMAIL_PORT=25),
        ),
        (
            "smtp+tls://ann:p%40ss%3Aw%2Frd@mail.example.com",
            EmailSettings(
                EMAIL_BACKEND=SMTP_BACKEND,
                EMAIL_HOST="mail.example.com",
                EMAIL_PORT=587,
                EMAIL_HOST_USER="ann",
                EMAIL_HOST_PASSWORD="p@ss:w/rd",
                EMAIL_USE_TLS=True,
            ),
        ),
        (
            "smtps://apikey:secret@smtp.example.com:2465",
            EmailSettings(
                EMAIL_BACKEND=SMTP_BACKEND,
                EMAIL_HOST="smtp.example.com",
                EMAIL_PORT=2465,
                EMAIL_HOST_USER="apikey",
                EMAIL_HOST_PASSWORD="secret",
                EMAIL_USE_SSL=True,
            ),
        ),
    ],
)
def test_email_urls_become_django_settings(url, expected):
    assert parse_email_url(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mail.example.com", "must start with smtp://"),
        ("mail.example.com", "not nothing"),
        ("smtp://user:secret@mail.example.com:port", "port that is not a number"),
        ("smtp://", "names no host"),
        ("smtp://mail.example.com/inbox", "no path or options"),
    ],
)
def test_bad_email_urls_are_refused_without_repeating_the_password(url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as refused:
        parse_email_url(url)

    assert "secret" not in str(refused.value)


def _check(**env: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_DOTENV": "off",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "x" * 50,
        "PUBLIC_BASE_URL": "",
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_production_refuses_to_start_with_email_but_no_public_base_url():
    refused = _check(EMAIL_URL="smtp://mail.example.com")
    started = _check(
        EMAIL_URL="smtp://mail.example.com", PUBLIC_BASE_URL="https://help.example.com"
    )

    assert refused.returncode != 0
    assert "PUBLIC_BASE_URL is required when EMAIL_URL is set" in refused.stderr
    assert started.returncode == 0, started.stderr

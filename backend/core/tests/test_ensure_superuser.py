import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _superusers() -> list[str]:
    return list(
        get_user_model().objects.filter(is_superuser=True).values_list("username", flat=True)
    )


def test_debug_mode_creates_admin_when_no_user_exists(settings, capsys):
    settings.DEBUG = True

    call_command("ensure_superuser")

    assert _superusers() == ["admin"]
    assert get_user_model().objects.get(username="admin").check_password("admin")
    assert "admin with password 'admin'" in capsys.readouterr().out


def test_debug_mode_leaves_an_existing_superuser_alone(settings):
    settings.DEBUG = True
    get_user_model().objects.create_superuser("boss", password="s3cret-Pass")

    call_command("ensure_superuser")

    assert _superusers() == ["boss"]


def test_debug_mode_creates_no_admin_when_only_agents_exist(settings):
    # An agent's database is a real team's: no well-known password may appear in it.
    settings.DEBUG = True
    get_user_model().objects.create_user("priya", password="a-long-passphrase")

    call_command("ensure_superuser")

    assert _superusers() == []


def test_production_creates_no_default_admin(settings):
    settings.DEBUG = False

    call_command("ensure_superuser")

    assert _superusers() == []


def test_configured_superuser_is_created_once(settings):
    settings.DEBUG = False
    settings.DJANGO_SUPERUSER_USERNAME = "ops"
    settings.DJANGO_SUPERUSER_PASSWORD = "a-long-passphrase"

    call_command("ensure_superuser")
    call_command("ensure_superuser")

    assert _superusers() == ["ops"]
    assert get_user_model().objects.get(username="ops").check_password("a-long-passphrase")


def test_username_without_password_is_an_error(settings):
    settings.DJANGO_SUPERUSER_USERNAME = "ops"
    settings.DJANGO_SUPERUSER_PASSWORD = ""

    with pytest.raises(CommandError):
        call_command("ensure_superuser")


def test_password_alone_creates_the_admin_account(settings):
    settings.DEBUG = False
    settings.DJANGO_SUPERUSER_USERNAME = ""
    settings.DJANGO_SUPERUSER_PASSWORD = "another-long-passphrase"

    call_command("ensure_superuser")

    assert _superusers() == ["admin"]
    assert get_user_model().objects.get(username="admin").check_password("another-long-passphrase")

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env


@pytest.fixture
def environ(monkeypatch):
    for name in ("X_BOOL", "X_INT", "X_LIST", "X_FLOAT", "X_STR", "DJANGO_DOTENV"):
        # set then delete, so that monkeypatch also removes what load_dotenv adds
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return monkeypatch


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("on", True), ("FALSE", False)])
def test_env_bool_parses_common_spellings(environ, raw, expected):
    environ.setenv("X_BOOL", raw)

    assert env.env_bool("X_BOOL", not expected) is expected


def test_empty_values_count_as_unset(environ):
    environ.setenv("X_BOOL", "")
    environ.setenv("X_STR", "  ")

    assert env.env_bool("X_BOOL", True) is True
    assert env.env_str("X_STR", "fallback") == "fallback"


def test_bad_values_fail_fast_with_the_variable_name(environ):
    environ.setenv("X_BOOL", "maybe")
    environ.setenv("X_INT", "many")
    environ.setenv("X_FLOAT", "-1")

    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env.env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env.env_int("X_INT", 1)
    with pytest.raises(ImproperlyConfigured, match="X_FLOAT"):
        env.env_float("X_FLOAT", 1.0)


def test_env_list_splits_and_trims(environ):
    environ.setenv("X_LIST", " a.example.com, ,b.example.com ")

    assert env.env_list("X_LIST") == ["a.example.com", "b.example.com"]


def test_dotenv_fills_only_unset_variables(environ, tmp_path):
    environ.setenv("X_STR", "from environment")
    environ.setenv("DJANGO_DOTENV", "on")
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nX_STR=from file\nexport X_INT="7"\nnot a line\n')

    env.load_dotenv(dotenv)

    assert env.env_str("X_STR") == "from environment"
    assert env.env_int("X_INT", 0) == 7


def test_dotenv_later_lines_win_like_compose(environ, tmp_path):
    environ.setenv("DJANGO_DOTENV", "on")
    dotenv = tmp_path / ".env"
    dotenv.write_text("X_STR=\nX_STR=appended secret\n")

    env.load_dotenv(dotenv)

    assert env.env_str("X_STR") == "appended secret"

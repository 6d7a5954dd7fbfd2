import pytest


def test_root_serves_the_built_ui_or_says_how_to_build_it(client, settings, tmp_path):
    settings.FRONTEND_DIST_DIR = tmp_path

    missing = client.get("/")
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    built = client.get("/")

    assert missing.status_code == 503
    assert b"npm run build" in missing.content
    assert built.status_code == 200
    assert b"<div id=root>" in b"".join(built.streaming_content)
    assert "no-cache" in built["Cache-Control"]


def test_hashed_ui_assets_are_cached_for_good(client):
    from pathlib import Path

    from django.conf import settings

    dist = Path(settings.FRONTEND_DIST_DIR) / "assets"
    scripts = sorted(dist.glob("index-*.js")) if dist.is_dir() else []
    if not scripts:
        pytest.skip("The web UI is not built (make frontend-build).")

    response = client.get(f"/assets/{scripts[0].name}")

    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/submit", "/tickets/42", "/dashboard", "/team", "/webhooks", "/account"]
)
def test_every_route_of_the_app_serves_it(client, settings, tmp_path, path):
    settings.FRONTEND_DIST_DIR = tmp_path
    (tmp_path / "index.html").write_text("<!doctype html><head></head><div id=root></div>")

    response = client.get(path)

    assert response.status_code == 200
    assert b"<div id=root>" in b"".join(response.streaming_content)


def test_unknown_paths_are_404_not_the_app(client):
    assert client.get("/tickets/abc").status_code == 404
    assert client.get("/nothing-here").status_code == 404


def test_the_portal_page_never_leaks_its_url_through_referer(client, settings, tmp_path):
    settings.FRONTEND_DIST_DIR = tmp_path
    (tmp_path / "index.html").write_text("<!doctype html><head></head><div id=root></div>")

    response = client.get("/portal/abcDEF123_-x")

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_in_debug_mode_the_page_says_how_to_sign_in_while_admin_admin_works(
    client, settings, tmp_path, monkeypatch
):
    from django.contrib.auth import get_user_model

    from accounts import selectors

    settings.DEBUG = True
    settings.FRONTEND_DIST_DIR = tmp_path
    (tmp_path / "index.html").write_text("<!doctype html><head></head><div id=root></div>")
    admin = get_user_model().objects.create_superuser("admin", password="admin")

    monkeypatch.setattr(selectors, "_debug_admin_checked", (float("-inf"), None))
    with_hint = client.get("/").content
    admin.set_password("a-much-better-passphrase")
    admin.save()
    monkeypatch.setattr(selectors, "_debug_admin_checked", (float("-inf"), None))
    without_hint = b"".join(client.get("/").streaming_content)

    assert b'<meta name="debug-admin" content="admin admin">' in with_hint
    assert b"debug-admin" not in without_hint


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/docs/"])
def test_html_pages_carry_a_csp_without_inline_scripts(client, settings, tmp_path, path):
    settings.FRONTEND_DIST_DIR = tmp_path
    (tmp_path / "index.html").write_text("<!doctype html><head></head><div id=root></div>")

    response = client.get(path)

    assert response.status_code == 200
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"


def test_the_api_docs_start_swagger_from_a_script_file_not_inline(client):
    page = client.get("/api/docs/").content.decode()

    assert "<script>" not in page
    assert client.get("/api/docs/?script").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/tickets/", "/api/auth/me/", "/api/tickets/stats/"])
def test_api_answers_are_never_stored_by_caches(client, path):
    assert client.get(path)["Cache-Control"] == "no-store"

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

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

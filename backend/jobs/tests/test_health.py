import time

from jobs import health


def test_alive_while_the_deadline_is_ahead(tmp_path):
    path = tmp_path / "alive"
    health.write_deadline(30, path)

    assert health.problem(path) is None


def test_overdue_and_missing_heartbeats_are_unhealthy(tmp_path):
    path = tmp_path / "alive"
    assert "No worker" in health.problem(path)

    path.write_text(f"{time.time() - 5}\n")
    assert "overdue" in health.problem(path)

    path.write_text("garbage")
    assert "does not hold a time" in health.problem(path)

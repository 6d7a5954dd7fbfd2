from django.db import connection


def _add_job(status: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status) "
            "VALUES ('q', 't', '{}', %s)",
            [status],
        )


def test_the_admin_shows_pending_failed_and_done_jobs(client, admin_user):
    for status in ("todo", "todo", "doing", "failed", "succeeded", "succeeded", "succeeded"):
        _add_job(status)
    client.force_login(admin_user)

    response = client.get("/admin/procrastinate/procrastinatejob/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<li id="jobs-pending"><strong>3</strong> pending' in page
    assert '<li id="jobs-failed"><strong>1</strong> failed' in page
    assert '<li id="jobs-done"><strong>3</strong> done' in page


def test_agents_do_not_see_the_job_queue(client, agent):
    client.force_login(agent)

    response = client.get("/admin/procrastinate/procrastinatejob/")

    assert response.status_code == 302  # to the admin's sign-in

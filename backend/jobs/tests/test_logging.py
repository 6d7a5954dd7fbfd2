import logging

from jobs.logging import HideJobArguments


def test_job_log_lines_keep_the_task_and_id_but_not_the_arguments():
    call = "mail.send_email[3](ticket={'requester': {'email': 'ana@example.com'}}, note='x (y)')"
    record = logging.LogRecord(
        "procrastinate.worker", logging.INFO, __file__, 1, "Starting job %s", (call,), None
    )
    record.job = {"id": 3, "task_name": "mail.send_email", "call_string": call, "task_kwargs": {}}

    HideJobArguments().filter(record)

    assert record.getMessage() == "Starting job mail.send_email[3]"
    assert record.job == {"id": 3, "task_name": "mail.send_email"}


def test_lines_without_a_job_lose_the_arguments_too():
    record = logging.LogRecord(
        "procrastinate.worker.worker",
        logging.INFO,
        __file__,
        1,
        "Waiting for job to finish: worker: t[9](email='ana@example.com') (started 1 s ago)",
        (),
        None,
    )

    HideJobArguments().filter(record)

    assert "ana@example.com" not in record.getMessage()
    assert "t[9]" in record.getMessage()

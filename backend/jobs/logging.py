"""Procrastinate names each job with its arguments in its log lines ("Starting job
mail.send_email[3](email_id=7)"), and the fan-out's arguments hold the ticket: its text
and the requester's address. Logs keep the task and the job id; the arguments stay in
the job table, where the admin shows them."""

import logging
import re

_ARGUMENTS = re.compile(r"(\[\d+\])\(.*\)", re.DOTALL)


class HideJobArguments(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("procrastinate"):
            return True
        job = getattr(record, "job", None)
        message = record.getMessage()
        if isinstance(job, dict):
            call = job.get("call_string")
            if isinstance(call, str):
                message = message.replace(call, f"{job.get('task_name')}[{job.get('id')}]")
            record.job = {k: v for k, v in job.items() if k not in ("task_kwargs", "call_string")}
        record.msg, record.args = _ARGUMENTS.sub(r"\1", message), ()
        return True

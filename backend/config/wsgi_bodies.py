"""Request bodies sent with `Transfer-Encoding: chunked`, for Django.

Gunicorn decodes a chunked body and marks it with `wsgi.input_terminated`, leaving
CONTENT_LENGTH unset; Django reads CONTENT_LENGTH bytes of the input, so it saw an
empty body and a chunked PATCH changed nothing while answering 200. This wrapper
reads such a body (at most one byte more than DATA_UPLOAD_MAX_MEMORY_SIZE, so an
oversized one still meets Django's 413) and hands it on with its length.
"""

import io

from django.conf import settings


def read_chunked_bodies(application):
    def wrapped(environ, start_response):
        if (
            not environ.get("CONTENT_LENGTH")
            and environ.get("wsgi.input_terminated")
            and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        ):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            body = environ["wsgi.input"].read(limit + 1 if limit is not None else -1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return application(environ, start_response)

    return wrapped

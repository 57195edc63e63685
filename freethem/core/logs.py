"""Logging filters (settings.LOGGING)."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Leave out the traceback of a record about a client's bad request (status 4xx).

    Django logs a foreign Host header, a broken multipart body or too many form fields with
    the traceback of the exception it turned into a 400: one to two kilobytes of log that
    anyone can make with one request, and that tell an operator nothing the first line does
    not. Server errors (5xx) keep their tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 0) < 500:
            record.exc_info = None
            record.exc_text = None
        return True

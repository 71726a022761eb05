"""Structured logs: one JSON object a line, and never a client's words.

DESIGN.md rule 1: a client's name appears in no log line. Application code logs ids
only; this formatter also keeps out what libraries might carry. A request's path is
logged as the route it matched ("/clients/<id:pk>/"), never as typed: a path can hold
anything someone put in the address bar, and a survey link's path is its token. An
exception's message (a database error can quote the values of a row) is replaced by
its type, and the traceback keeps file, line and function, not the message.
"""

import json
import logging
import traceback
from datetime import UTC, datetime

from django.urls import Resolver404, resolve

NO_ROUTE = "(a path no page answers)"


def route_of(path: str) -> str:
    """The URL pattern a path matches, instead of the path itself."""
    try:
        return "/" + resolve(path.split("?", 1)[0]).route
    except (Resolver404, ValueError):
        return NO_ROUTE


def _message(record: logging.LogRecord) -> str:
    args = record.args if isinstance(record.args, tuple) else None
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if args and isinstance(path, str):  # django.request, django.security.*
        args = tuple(route_of(path) if arg == path else arg for arg in args)
    elif args and record.name == "django.server":  # runserver: '"GET /path?q HTTP/1.1"'
        method, _, rest = str(args[0]).partition(" ")
        args = (f"{method} {route_of(rest.rsplit(' ', 1)[0])}", *args[1:])
    else:
        return record.getMessage()
    return str(record.msg) % args


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            entry["exception"] = kind.__name__
            entry["traceback"] = [
                f"{frame.filename}:{frame.lineno} in {frame.name}"
                for frame in traceback.extract_tb(tb)
            ]
        return json.dumps(entry, ensure_ascii=False)

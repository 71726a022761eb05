"""Database ids from the outside world: URLs, query strings, form fields.

A number wider than a 64-bit integer overflows the database driver (a 500 on SQLite
and PostgreSQL alike), so ids longer than 18 digits are refused before any query.
"""

from django.urls import register_converter

MAX_DIGITS = 18


class IdConverter:
    """`<id:pk>` in URL patterns: 1 to 18 digits, so no id can overflow a query."""

    regex = "[0-9]{1,%d}" % MAX_DIGITS  # noqa: UP031 (a class attribute Django reads)

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


def parse_id(value: object) -> int | None:
    """An id from a query string or form value, or None when it cannot be one."""
    text = str(value).strip() if value is not None else ""
    if text.isascii() and text.isdigit() and 0 < len(text) <= MAX_DIGITS:
        return int(text)
    return None

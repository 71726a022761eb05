"""What stored sessions hold, for a purge (DESIGN.md rule 9).

A session can carry a client's words: a form kept across the idle timeout, a message
waiting to be shown ("Contact linked to ..."). Whatever a session keeps, a purge finds it
by decoding every stored session and looking at each string in it, so that a new kind of
kept data is covered without changing this module.
"""

from collections.abc import Callable, Iterator

from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session


def strings_in(data: object) -> Iterator[str]:
    """Every string in decoded session data: keys, values, nested lists and dicts."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(key)
            yield from strings_in(value)
    elif isinstance(data, list | tuple | set):
        for item in data:
            yield from strings_in(item)


def forget(mentions: Callable[[str], bool], current: SessionBase | None = None) -> int:
    """Delete every stored session that holds a string `mentions` accepts; return how many.

    Two queries whatever the number of sessions. The request's own session (`current`)
    is cleaned in place instead, so that whoever purges stays signed in: the keys that
    mention are dropped and it is saved in the same transaction, since the end of the
    request would otherwise write them back.
    """
    keep = current.session_key if current is not None else None
    doomed = [
        row.session_key
        for row in Session.objects.exclude(session_key=keep).iterator()
        if any(map(mentions, strings_in(row.get_decoded())))
    ]
    Session.objects.filter(session_key__in=doomed).delete()
    if current is not None:
        dropped = [k for k, v in current.items() if any(map(mentions, strings_in({k: v})))]
        for key in dropped:
            del current[key]
        if dropped and keep:
            current.save()
    return len(doomed)

"""Which records count as services, and what each counts as: the service ledger's registry.

shared/funder_reports.md: every service staff log carries the codes it counts as, with
sensible defaults and editable on the form. A record's `service_codes` holds the codes
staff chose; left empty, the record counts as its kind's default, which the model says
(`default_service_codes()`, so the default lives in one place per kind, next to the
fields it reads). The record registry (crisis_center/records) registers each kind here;
intake/service_ledger.py keeps the ledger rows and connects to every source registered.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models


@dataclass(frozen=True)
class ServiceSource:
    model: type[models.Model]
    date: Callable[[models.Model], date | datetime]
    defaults: Callable[[models.Model], list[str]]
    client_id: Callable[[models.Model], int | None] = lambda obj: obj.client_id
    contact_id: Callable[[models.Model], int | None] = lambda obj: None

    @classmethod
    def of(cls, model: type[models.Model]) -> "ServiceSource":
        """The source a model describes: service_date(), default_service_codes(), and
        served_client_id()/served_contact_id() where the service is not simply the
        record's client's (a referral from an anonymous call, a crisis contact)."""
        extra = {
            name: getattr(model, f"served_{name}")
            for name in ("client_id", "contact_id")
            if hasattr(model, f"served_{name}")
        }
        return cls(
            model=model, date=model.service_date, defaults=model.default_service_codes, **extra
        )


SOURCES: dict[type[models.Model], ServiceSource] = {}
_listeners: list[Callable[[ServiceSource], None]] = []


def register(source: ServiceSource) -> None:
    SOURCES[source.model] = source
    for listener in _listeners:
        listener(source)


def on_register(listener: Callable[[ServiceSource], None]) -> None:
    """Call `listener` for every source, those registered already and those to come
    (the ledger connects its signals so, whichever app's ready() runs first)."""
    _listeners.append(listener)
    for source in list(SOURCES.values()):
        listener(source)


def codes_of(obj: models.Model) -> list[str]:
    """The codes a record counts as: the ones staff chose, or its kind's default."""
    source = SOURCES[type(obj)]
    return list(getattr(obj, "service_codes", None) or source.defaults(obj))


def describe(obj: models.Model) -> str:
    """What a record counts as, for its page: "C2, A4 (the usual for this record)"."""
    codes = ", ".join(codes_of(obj)) or "nothing"
    return codes if getattr(obj, "service_codes", None) else f"{codes} (the usual for this record)"

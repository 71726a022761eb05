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
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import gettext

StrOrPromise = str | Promise


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


# The codes' names, registered by the app that defines the funder's codes (intake):
# staff read "crisis intervention", the codes stay at hand in a tooltip.
_CODE_NAMES: dict[str, StrOrPromise] = {}


def name_codes(choices: type[models.TextChoices]) -> None:
    """Register the words for each code (a label starts with its code: "C2 Hotline...")."""
    _CODE_NAMES.update({c.value: c.label for c in choices})


def _in_words(code: str) -> str:
    label = str(_CODE_NAMES.get(code, code))
    words = label.removeprefix(f"{code} ") if label != code else code
    return words[:1].lower() + words[1:]


def counts_as(obj: models.Model) -> SafeString:
    """What a record counts as for its page, in words, the codes in a tooltip: "Counted
    as hotline/crisis line counseling and referral to ... for the funder report". The
    one wording of every page that says it (contact, referral and record pages)."""
    codes = codes_of(obj)
    if codes:
        words = gettext("Counted as %(services)s for the funder report") % {
            "services": get_text_list([_in_words(c) for c in codes], gettext("and"))
        }
    else:
        words = gettext("Not counted in the funder report")
    usual = "" if getattr(obj, "service_codes", None) else gettext("the usual for this record")
    tip = gettext("Funder service codes: %(codes)s") % {
        "codes": ", ".join(codes) or gettext("none")
    }
    return format_html(
        '<span class="counts-as" title="{}">{}</span>{}',
        tip,
        words,
        format_html(" ({})", usual) if usual else "",
    )

"""Client record kinds: a model on ClientRecord, a form, and one registration line.

    records.register(Kind("medical", MedicalAdvocacy, MedicalAdvocacyForm,
                          "Medical advocacy", "occurred_at"))

in the app's AppConfig.ready() gives the kind everything a client record has: its
create, detail and edit pages (crisis_center/records/urls.py, under today's names
f"{slug}_create", f"{slug}_detail", f"{slug}_edit") loaded through the policy's one door
and writing the access log; the one form and detail templates; an entry on the client
timeline; its rows in the service ledger when the model counts as a service; its time
in the service-hours report when it is a direct service (TimeGiven); its rows in the
access matrix (tests/test_access_matrix.py reads KINDS); and, through its foreign
key to the client, the purge (intake/purge.py finds it) and history (ClientRecord).

A kind whose pages cannot be the shared ones (a two-step flow, a page under another
record) registers with views=False and keeps its own views, saying why where it
registers; it still joins the timeline and the ledger here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext

from crisis_center import ledger, service_hours, timeline


@dataclass(frozen=True)
class Kind:
    slug: str  # URL names f"{slug}_create", f"{slug}_detail", f"{slug}_edit"; timeline kind
    model: type[models.Model]
    form: type[forms.BaseModelForm] | None  # None only for a kind with views=False
    title: str
    date_field: str  # where the record sits on the client timeline
    path: str = ""  # the URL segment, when it is not the slug ("releases", "referred-by")
    # What a person must be allowed to do to write one (crisis_center.permissions):
    # "log_records" needs the 40-hour training, "log_counseling" the 20 hours more.
    capability: str = "log_records"
    editable: bool = True
    views: bool = True  # False: the kind keeps pages of its own
    select_related: tuple[str, ...] = ()  # what its pages and timeline entry show, in one go
    saved: str = ""  # the message after adding one; f"{title} saved." unless given
    form_template: str = "records/form.html"
    detail_template: str = "records/detail.html"
    timeline_template: str = "records/timeline_entry.html"
    timeline_versions: bool = False  # one timeline entry per saved version (history rows)
    # The write of a valid form, save(form, by), for a record saved with rows of its own
    # (an incident and its offenders), all or nothing; record_save of the form's record
    # when not given.
    save: Callable[[forms.BaseModelForm, models.Model], models.Model] | None = None

    @property
    def counseling(self) -> bool:
        return self.capability == "log_counseling"

    @property
    def url_path(self) -> str:
        return self.path or self.slug

    @property
    def done(self) -> str:
        return self.saved or gettext("%(title)s saved.") % {"title": self.title}

    def url_names(self) -> list[str]:
        """The pages the registry gives this kind (none for a kind with its own views)."""
        pages = ("create", "detail", "edit") if self.editable else ("create", "detail")
        return [f"{self.slug}_{page}" for page in pages] if self.views else []


KINDS: dict[str, Kind] = {}


def _has_field(model: type[models.Model], name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _counts_as_service(model: type[models.Model]) -> bool:
    """A kind is a service when it says what it counts as, or lets staff say it."""
    from crisis_center.records.models import ClientRecord

    defaults = getattr(model, "default_service_codes", None)
    return _has_field(model, "service_codes") or defaults not in (
        None,
        ClientRecord.default_service_codes,
    )


def _gives_time(model: type[models.Model]) -> bool:
    """A direct service with its length and giver joins the service-hours report."""
    from crisis_center.records.models import TimeGiven

    return issubclass(model, TimeGiven)


def _timeline_source(kind: Kind) -> timeline.TimelineSource:
    if kind.timeline_versions:
        return timeline.TimelineSource(
            kind=kind.slug,
            model=lambda: kind.model.history.model,  # made at startup, after this runs
            date_field=kind.date_field,
            template=kind.timeline_template,
            select_related=("history_user",),
        )
    author = ("created_by",) if _has_field(kind.model, "created_by") else ()
    return timeline.TimelineSource(
        kind=kind.slug,
        model=lambda: kind.model,
        date_field=kind.date_field,
        template=kind.timeline_template,
        select_related=(*author, *kind.select_related),
    )


def register(kind: Kind) -> Kind:
    """Add a record kind: its pages, timeline entry and ledger rows follow from this."""
    if kind.slug in KINDS:
        raise ImproperlyConfigured(f"Two record kinds are named {kind.slug}.")
    if kind.views and kind.form is None:
        raise ImproperlyConfigured(f"Record kind {kind.slug}: the shared pages need a form.")
    KINDS[kind.slug] = kind
    timeline.register(_timeline_source(kind))
    if _counts_as_service(kind.model):
        ledger.register(ledger.ServiceSource.of(kind.model))
    if _gives_time(kind.model):
        service_hours.register(
            service_hours.Source(
                kind.title, service_hours.Tally(lambda: kind.model.objects, kind.date_field)
            )
        )
    return kind

"""The center's own settings: its name and details, and the optional fields it does not
collect (NNEDV's guidance for victim-service databases: a center decides not to collect
a field at all). One row, edited by administrators on the center settings page.

`current()` reads the row once per request (the middleware below opens a memo for each
request), so a page that asks many times costs one query, and every gunicorn worker sees
a change on its next request: no cache to go stale.
"""

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models
from django.http import HttpRequest, HttpResponse
from simple_history.models import HistoricalRecords

DEFAULT_NAME = "Crisis center"


@dataclass(frozen=True)
class Collectible:
    """An optional field a center may decide not to collect. `key` is stored in
    CenterSettings.not_collected; `fields` are the model fields it covers."""

    key: str
    label: str
    model: str  # app_label.ModelName
    fields: tuple[str, ...]
    group: str  # the heading it is listed under on the settings page


# The optional fields of client-facing records. Required fields (the pseudonym, a
# contact's channel and time) are never listed: a record cannot be kept without them.
COLLECTIBLE: tuple[Collectible, ...] = (
    Collectible("client.legal_name", "Legal name", "intake.Client", ("legal_name",), "Client"),
    Collectible(
        "client.date_of_birth", "Date of birth", "intake.Client", ("date_of_birth",), "Client"
    ),
    Collectible("client.race", "Race and ethnicity", "intake.Client", (), "Client"),
    Collectible(
        "client.gender",
        "Gender identity",
        "intake.Client",
        ("gender", "gender_in_own_words"),
        "Client",
    ),
    Collectible(
        "client.languages",
        "Languages",
        "intake.Client",
        ("languages", "interpreter_needed"),
        "Client",
    ),
    Collectible(
        "client.referral_source",
        "Referral source",
        "intake.Client",
        ("referral_source", "referral_source_detail"),
        "Client",
    ),
)
BY_KEY = {field.key: field for field in COLLECTIBLE}


class CenterSettings(models.Model):
    """The one row of the center's settings (pk 1, made by the first read)."""

    name = models.CharField(
        "center name",
        max_length=100,
        default=DEFAULT_NAME,
        help_text="Shown in the header of every page, on resource cards and in report titles.",
    )
    hotline = models.CharField(
        "hotline number",
        max_length=40,
        blank=True,
        help_text="Printed on resource cards and at the foot of the feedback survey.",
    )
    address = models.TextField(
        "address for the survey's footer",
        blank=True,
        max_length=300,
        help_text="Leave it empty to show no address to clients.",
    )
    not_collected = models.JSONField(
        default=list,
        blank=True,
        help_text="Keys of the optional fields the center does not collect.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "center settings"
        verbose_name_plural = "center settings"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # one row, whatever a form sends
        super().save(*args, **kwargs)

    def collects(self, key: str) -> bool:
        BY_KEY[key]  # an unknown key is a programming error, not "collected"
        return key not in self.not_collected

    @classmethod
    def load(cls) -> "CenterSettings":
        found = cls.objects.filter(pk=1).first()
        return found if found is not None else cls(pk=1)


_memo: ContextVar[dict | None] = ContextVar("center_settings_memo", default=None)


def current() -> CenterSettings:
    """The center's settings: read once per request, or fresh outside one."""
    memo = _memo.get()
    if memo is None:
        return CenterSettings.load()
    if "settings" not in memo:
        memo["settings"] = CenterSettings.load()
    return memo["settings"]


def collects(key: str) -> bool:
    return current().collects(key)


def forget() -> None:
    """After a save of the settings, the rest of this request reads them again."""
    memo = _memo.get()
    if memo is not None:
        memo.pop("settings", None)


class CenterSettingsMiddleware:
    """Opens the per-request memo that `current()` fills on first use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def remembered(key: str, load: Callable[[], object]) -> object:
    """What `load` returns, read once per request as the settings are (another row the
    center keeps, such as its local choices), or fresh outside a request."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def forget_remembered(key: str) -> None:
    """After a save, the rest of this request reads `key` again."""
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)

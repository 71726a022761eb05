"""One-time tokens on create forms: a form page saves at most one record.

Every create form carries a hidden `form_token`, new each time the page is drawn. The
save that uses it takes the token (crisis_center.models.FormToken) in the same
transaction as the record, so the same form sent again (the browser's Back then Save, a
double click, "Send again" after an error page whose save had in fact gone through)
creates nothing: the answer says it was already saved, links to the record if the user
may still open it, and offers what was sent to save as a new record.

A post without a token (a page drawn before tokens existed, a script) is saved as
before: refusing it would lose what someone typed on a page they had open.
"""

import re
import secrets
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from crisis_center.models import FormToken
from crisis_center.policy import ClientScopedQuerySet

FIELD = "form_token"
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) makes
# Set on the request by a second post of a form: True when the page may link to the
# record saved the first time (crisis_center.middleware.AlreadySavedMiddleware).
ALREADY_SAVED = "form_already_saved"
SENT_AGAIN = gettext_lazy(
    "This form was already saved: nothing new was created. To add another record, "
    "change what needs changing and save."
)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class TokenInput(forms.TextInput):
    """The token rides in a data attribute; js/form-token.js puts it into the input.

    After Back, the browser draws the form page afresh (pages are never cached) and
    puts back into it what was typed, and the value a script set in a text input too,
    but not a value the page came with, nor a hidden input's: those would be the fresh
    page's new token, and Save would make a second record. So the token is set by the
    script, in a text input with the `hidden` attribute. Without scripts a form has no
    token and is saved as before.
    """

    is_hidden = True  # drawn with the form's hidden fields, without a label

    def __init__(self) -> None:
        super().__init__(attrs={"hidden": True})

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, None, attrs)
        context["widget"]["attrs"]["data-form-token"] = value or ""
        return context

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        script = format_html('<script src="{}" defer></script>', static("js/form-token.js"))
        return super().render(name, value, attrs, renderer) + script


class TokenField(forms.CharField):
    """Never an error. Anything but a token (hostile input, a mangled page) counts as
    no token, so the form is saved as typed."""

    widget = TokenInput

    def __init__(self) -> None:
        super().__init__(required=False, initial=new_token)

    def clean(self, value) -> str:
        return value if isinstance(value, str) and TOKEN.fullmatch(value) else ""


class OneTimeToken:
    """ModelForm mixin: a form that creates a record gets a token; an edit form none
    (a stale edit is the `version` check's business)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields[FIELD] = TokenField()

    def full_clean(self) -> None:
        """Sent again, a form the record it made now conflicts with (a second membership
        of one agency, say) comes back saying so, with a new token: saved after a
        change, it is a new record. One lookup, on refused posts only."""
        super().full_clean()
        token = self.cleaned_data.get(FIELD) if self.is_bound else ""
        if self._errors and token and FormToken.objects.filter(token=token).exists():
            self.add_error(None, SENT_AGAIN)
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = new_token()


class TokenUsedElsewhere(Exception):
    """The token was taken by a save of another kind of record: a tampered post."""


def save_once(request: HttpRequest, form, save: Callable[[], object]) -> None:
    """Run `save` for a valid form, once per token.

    The token is taken before the save and named after it, all in the request's
    transaction: a save that fails takes it back with everything else. Sent again, the
    form saves nothing; its instance becomes the record saved the first time, so the
    view goes on exactly as after that save, and the request is marked for
    AlreadySavedMiddleware to answer.
    """
    token = form.cleaned_data.get(FIELD, "")
    if not token:
        save()
        return
    refused = None
    with transaction.atomic(savepoint=False):
        if not FormToken.objects.reserve(token, request.user):
            _already_saved(request, form, token)
            return
        try:
            save()
        except ValidationError as error:  # the form shows it; the token is free again
            refused = error
            FormToken.objects.filter(token=token).delete()
        else:
            FormToken.objects.filter(token=token).update(
                content_type=ContentType.objects.get_for_model(form.instance),
                object_id=form.instance.pk,
            )
    if refused is not None:
        raise refused


def _already_saved(request: HttpRequest, form, token: str) -> None:
    model = type(form.instance)
    used = FormToken.objects.filter(token=token).values_list("content_type_id", "object_id")
    content_type_id, object_id = used.first() or (None, None)
    if object_id is None or content_type_id != ContentType.objects.get_for_model(model).pk:
        raise TokenUsedElsewhere
    records = model._default_manager.all()
    if isinstance(records, ClientScopedQuerySet):
        records = records.visible_to(request.user)
    setattr(request, ALREADY_SAVED, records.filter(pk=object_id).exists())
    form.instance.pk = object_id
    form.instance._state.adding = False


def resend_fields(request: HttpRequest, *, new_token: str | None = None) -> list[tuple[str, str]]:
    """What the request posted, to send again from a page drawn for this response only
    (never stored anywhere): files cannot be, the CSRF token is the page's own, and the
    form token is kept (a retry that must not save twice) or replaced (save as new)."""
    fields = []
    for name, values in request.POST.lists():
        if name == "csrfmiddlewaretoken":
            continue
        is_token = name == FIELD or name.endswith(f"-{FIELD}")
        for value in values:
            fields.append((name, new_token if is_token and new_token else value))
    return fields


def already_saved_page(request: HttpRequest, *, link: str | None) -> HttpResponse:
    """The answer to a form sent a second time: nothing new was saved; a link to the
    record if the user may open it, and what was sent, ready to save as a new record.
    A record the user may no longer open gets neither: not even its fields come back."""
    for _message in messages.get_messages(request):
        pass  # the view's "saved" message is about the first post, not this one
    context = {
        "link": link,
        "fields": resend_fields(request, new_token=new_token()) if link else [],
        "files": bool(request.FILES),
        "messages": (),
    }
    return render(request, "already_saved.html", context)


@receiver(user_logged_in, dispatch_uid="form_tokens_prune")
def prune(**kwargs) -> None:
    """Tokens are kept a week (FormToken.KEPT); each sign-in deletes older ones, one
    DELETE on an index, so nothing needs a timer of its own."""
    FormToken.objects.expired().delete()

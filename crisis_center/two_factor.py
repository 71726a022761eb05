"""Two-factor login (DESIGN.md rule 10): TOTP with recovery codes, through django-otp.

After the password, a user with no authenticator is enrolled (a QR code drawn on the
server as SVG, so no image service ever sees the secret) and gets ten single-use
recovery codes; a user with one gives the six-digit code. Until then, with
TWO_FACTOR_REQUIRED, every other page redirects to this step.
"""

import secrets
from base64 import b32encode
from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from crisis_center.qr import qr_svg

RECOVERY_CODES = 10


class RequireTwoFactorMiddleware:
    """Signed in but without a second factor this session: only these paths are open."""

    open_paths = ("/accounts/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(self.open_paths)
        ):
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.path})}")
        return self.get_response(request)


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _safe_next(request: HttpRequest) -> str:
    """The page to go on to, if it is on this site (Django's own test, which knows that
    browsers read `/\\evil.example` as another host); else the start page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    on_this_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if on_this_site else "/"


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Verify with a code, or enrol the first authenticator."""
    user = request.user
    if user.is_verified():
        return redirect(_safe_next(request))
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if not confirmed:
        return _enrol(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", gettext("That code is not right, or it was already used."))
    return render(
        request, "registration/two_factor.html", {"form": form, "next": _safe_next(request)}
    )


def _enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save()
            codes = _new_recovery_codes(user)
            otp_login(request, device)
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        form.add_error(
            "token", gettext("That code is not right. Check the time on your phone and try again.")
        )
    context = {
        "form": form,
        "qr": qr_svg(device.config_url, title=gettext("QR code for your authenticator app")),
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "next": _safe_next(request),
    }
    return render(request, "registration/two_factor_enrol.html", context)


def _new_recovery_codes(user) -> list[str]:
    """Ten single-use codes, shown once, for a lost phone."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from freethem.core.models import EnrolmentInvitation
from freethem.core.services import (
    invitation_check,
    signin_failure_record,
    signin_is_locked,
    signin_success_record,
)

# One message for a wrong password, a wrong code and a non-staff account, so a guess learns
# nothing about which part was right.
LOGIN_FAILED = _("Wrong username, password or code. Check them and try again.")
CODE_WRONG = _("That code is wrong or has expired. Enter the code your app shows now.")
CODE_WAIT = _("Too many wrong codes. Wait a few seconds, then enter the code your app shows.")
SIGNIN_PAUSED = _(
    "Sign-in to this account is paused after too many failed attempts. Wait a while (at most an "
    "hour), then try again. If the attempts were not yours, tell an organiser."
)

code_field_kwargs = {
    "label": _("Code from your authenticator app"),
    "max_length": 8,
    "widget": forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
}


class StaffLoginForm(AuthenticationForm):
    """Password and, for a user with an authenticator, its current code, in one step."""

    code = forms.CharField(required=False, **code_field_kwargs)
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": LOGIN_FAILED}

    def __init__(self, request: HttpRequest | None = None, *args: object, **kwargs: object) -> None:
        super().__init__(request, *args, **kwargs)
        self.device: Device | None = None
        self.fields["code"].help_text = _(
            "Leave empty if you have not set up an app yet: you will need the invitation an "
            "organiser gave you."
        )

    def clean(self) -> dict[str, Any]:
        # Guesses are counted per username from every address (django-axes counts per address).
        # A paused username is refused before its password is checked, even the right one.
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # the empty field says what is missing
        if signin_is_locked(username=username):
            raise forms.ValidationError(SIGNIN_PAUSED, code="signin_paused")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            signin_failure_record(username=username)
            raise
        signin_success_record(username=username)
        return cleaned

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise self.get_invalid_login_error()
        if not user_has_device(user):
            return  # the view sends this user to enrol an authenticator
        self.device = match_token(user, self.cleaned_data.get("code", "").strip())
        if self.device is None:
            # Count a wrong code as a failed login, so the lockout covers code guessing too.
            user_login_failed.send(
                sender=type(self),
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise self.get_invalid_login_error()


class EnrolForm(forms.Form):
    code = forms.CharField(**code_field_kwargs)

    def __init__(self, *args: object, device: TOTPDevice, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        allowed, _reason = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(CODE_WAIT, code="code_wait")
        if not self.device.verify_token(code):
            raise forms.ValidationError(CODE_WRONG, code="code_wrong")
        return code


# An invitation token as invitation_issue makes it (secrets.token_urlsafe(32)).
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")


def token_from(text: str) -> str:
    """The token in a pasted invitation link, or the token typed alone; "" if there is none."""
    last = text.strip().split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return last if TOKEN.fullmatch(last) else ""


class InvitationForm(forms.Form):
    """The invitation link (or its last part) that lets a staff user set up an authenticator."""

    invitation = forms.CharField(
        label=_("Invitation link"),
        max_length=500,
        help_text=_("Paste the whole link an organiser gave you, or type its last part."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "dir": "ltr",
            }
        ),
    )

    def __init__(self, *args: object, user: AbstractBaseUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_invitation(self) -> EnrolmentInvitation:
        token = token_from(self.cleaned_data["invitation"])
        found = EnrolmentInvitation.objects.filter(
            token_hash=EnrolmentInvitation.hash_token(token)
        ).first()
        return invitation_check(invitation=found if token else None, user=self.user)

import math

import django_otp
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm


class SignInForm(LoginForm):
    """Wagtail's admin sign-in, with fields a password manager recognises and fills.

    Wagtail's own form leaves the autocomplete tokens out (and its template
    says autocomplete="off" on the form); a field's own token overrides the
    form's, so an editor's password manager may fill both fields, and paste
    works as anywhere (WCAG 2.2, 3.3.8 Accessible Authentication).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class TokenForm(forms.Form):
    """A code from the editor's authenticator app, checked against one TOTP device.

    django-otp refuses a code it has already accepted and slows down guessing
    per device (1, 2, 4, 8 ... seconds after successive wrong codes), whichever
    address the guesses come from. ``wrong_code`` tells the view that a real
    guess failed, so that it can count it against the django-axes lockout too.
    """

    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def __init__(self, *args, user, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = device
        self.wrong_code = False

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isascii() and token.isdigit() and len(token) == self.device.digits):
            raise forms.ValidationError(
                _("Enter the 6-digit code from your authenticator app, digits only."),
                code="format",
            )
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            seconds = math.ceil((details["locked_until"] - timezone.now()).total_seconds())
            seconds = max(seconds, 1)
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes. Wait %(seconds)d second, then enter the current code.",
                    "Too many wrong codes. Wait %(seconds)d seconds, then enter the current code.",
                    seconds,
                )
                % {"seconds": seconds},
                code="throttled",
            )
        verified = django_otp.verify_token(self.user, self.device.persistent_id, token)
        if verified is None:
            self.wrong_code = True
            raise forms.ValidationError(
                _(
                    "This code is not right. Enter the code your app shows now; if it is "
                    "refused again, check that your phone's clock is set automatically."
                ),
                code="wrong",
            )
        self.device = verified
        return token

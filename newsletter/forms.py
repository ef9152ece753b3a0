from django import forms
from django.utils.translation import gettext_lazy as _


class SendTestForm(forms.Form):
    recipient = forms.EmailField(
        label=_("Send to"),
        help_text=_("One e-mail address. The test goes to this address only."),
        max_length=254,
    )

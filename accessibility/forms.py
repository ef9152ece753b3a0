"""The feedback form of an accessibility statement: report a barrier, ask for an accessible version.

It posts without a CSRF token from the cached statement page, like the
registration and subscription forms; accessibility/views.py says what
protects it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from safetext.single_line import single_line

BARRIER = "barrier"
ACCESSIBLE_FORMAT = "accessible-format"
OTHER = "other"

KIND_CHOICES = [
    (BARRIER, _("I want to report a barrier")),
    (ACCESSIBLE_FORMAT, _("I need content in an accessible form")),
    (OTHER, _("Something else about accessibility")),
]

MESSAGE_LENGTH = 5000

# What the admin's submission listing and its CSV show, in this order.
DATA_FIELDS = [
    ("kind", _("Request")),
    ("where", _("Page or content concerned")),
    ("message", _("Message")),
    ("name", _("Name")),
    ("email", _("E-mail")),
    ("language", _("Language")),
]


def kind_label(value):
    return dict(KIND_CHOICES).get(value, value)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=KIND_CHOICES,
        initial=BARRIER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what your message is about.")},
    )
    where = forms.CharField(
        label=_("Page or content concerned"),
        required=False,
        max_length=500,
        help_text=_("For example the address of the page, or the name of the document."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please describe the barrier or what you need.")},
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We confirm receipt to this address and answer you there."),
        error_messages={
            "required": _("Please give your e-mail address, so that we can answer you."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are stored and used to answer me."),
        error_messages={"required": _("Please agree, so that we may answer you.")},
    )

    def __init__(self, *args, page=None, user=None, **kwargs):
        # FormMixin.get_form passes the page and the user; this form needs neither.
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_where(self):
        return single_line(self.cleaned_data["where"]).strip()

    def clean_name(self):
        return single_line(self.cleaned_data["name"]).strip()

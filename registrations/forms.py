"""The registration form: who comes, in which language they want mails, and the event's questions.

Like the subscription form it posts without a CSRF token, so that the event
page stays in the page cache; the honeypot, the rate limit and the seat rules
protect the endpoint (registrations/views.py).
"""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.public_forms import honeypot_context
from safetext.single_line import MESSAGE as SINGLE_LINE_MESSAGE
from safetext.single_line import is_single_line

CONSENT_TEXT = _(
    "I agree that my details are stored so that the organisers can plan the event and write to "
    "me about it. They are deleted after the event, as the privacy page says."
)

QUESTION_PREFIX = "q_"


class SingleLineField(forms.CharField):
    def validate(self, value):
        super().validate(value)
        if value and not is_single_line(value):
            raise forms.ValidationError(SINGLE_LINE_MESSAGE)


class RegistrationForm(forms.Form):
    name = SingleLineField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address."),
        },
    )
    organisation = SingleLineField(
        label=_("Organisation or association"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    town = SingleLineField(
        label=_("Town"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a language.")},
    )
    access_needs = forms.CharField(
        label=_("Access needs"),
        help_text=_("For example a wheelchair space or interpreting. Optional."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree, so that we may register you.")},
    )
    source = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, questions=(), **kwargs):
        kwargs.setdefault("auto_id", "register-%s")
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for block in self.questions:
            name = QUESTION_PREFIX + block.id
            value = block.value
            required_message = {"required": _("Please answer this question.")}
            if block.block_type == "choice":
                choices = [(str(index), text) for index, text in enumerate(value["choices"])]
                field = forms.ChoiceField(
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={
                        **required_message,
                        "invalid_choice": _("Please choose one of the answers."),
                    },
                )
            else:
                field = forms.CharField(
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    error_messages=required_message,
                )
            field.label = value["label"]
            field.help_text = value["help_text"]
            field.required = bool(value["required"])
            self.fields[name] = field

    def question_fields(self):
        return [self[QUESTION_PREFIX + block.id] for block in self.questions]

    def answers(self):
        """{block id: text or the choice's position}, the same key in both languages."""
        result = {}
        for block in self.questions:
            value = self.cleaned_data.get(QUESTION_PREFIX + block.id)
            if value in (None, ""):
                continue
            result[block.id] = int(value) if block.block_type == "choice" else value
        return result


def form_context(page, form=None, privacy_url=""):
    """What the box on the event page needs."""
    if form is None:
        form = RegistrationForm(
            questions=page.registration_questions,
            initial={"language": page.locale.language_code, "source": page.get_url() or ""},
        )
    return {
        "registration_form": form,
        "registration_action": reverse("registrations:register", args=[page.pk]),
        **honeypot_context(),
        "privacy_url": privacy_url,
    }

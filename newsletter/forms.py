from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter.send_limits import SEND_TEST_LIMIT


class SendTestForm(forms.Form):
    """A choice of the addresses a test may go to, not a free address field."""

    recipient = forms.ChoiceField(
        label=_("Send to"),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "Tests go only to your own address or to one of this site's test addresses."
            )
        },
    )

    def __init__(self, *args, addresses, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recipient"]
        field.choices = [(address, address) for address in addresses]
        field.help_text = _(
            "Your own address, or one of the test addresses the site's administrators set. "
            "At most %(limit)s tests an hour."
        ) % {"limit": SEND_TEST_LIMIT}


class SendToReadersForm(forms.Form):
    """The confirmation of a send. ``marker`` is the state the editor saw, so a second
    confirm of the same page (or a stale one) sends nothing."""

    missing = forms.ChoiceField(
        label=_("Readers whose version is not published"),
        choices=[
            ("wait", _("Wait: send them nothing now, and send them later from this page")),
            ("other", _("Send them the other language now")),
        ],
        initial="wait",
        required=False,
        widget=forms.RadioSelect,
    )
    marker = forms.CharField(widget=forms.HiddenInput, max_length=40)


class UnknownDeliveryForm(forms.Form):
    delivery = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(choices=[("resend", "resend"), ("drop", "drop")])


class PushCampaignForm(forms.Form):
    """Which tool, which versions; ``confirm`` is set by the confirmation step."""

    provider = forms.ChoiceField(
        label=_("Newsletter tool"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("That newsletter tool is not configured.")},
    )
    versions = forms.MultipleChoiceField(
        label=_("Versions"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one version."),
            "invalid_choice": _("That version is not published."),
        },
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # One per confirmation page: a confirm posted twice (a reload) pushes once.
    push_token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, providers, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.key, p.label) for p in providers]
        self.fields["versions"].choices = versions

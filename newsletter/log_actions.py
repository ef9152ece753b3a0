"""How the audit log shows a test send, in the page history and the site history report."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter


class SendTestFormatter(LogFormatter):
    label = _("Send test")

    def format_message(self, log_entry):
        data = log_entry.data
        if data.get("outcome") == "sent":
            return _("Test sent to %(recipient)s") % {"recipient": data.get("recipient", "")}
        return _("Test to %(recipient)s not sent (%(error)s)") % {
            "recipient": data.get("recipient", ""),
            "error": data.get("error", ""),
        }

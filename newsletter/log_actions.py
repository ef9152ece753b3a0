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


class PushCampaignFormatter(LogFormatter):
    label = _("Push to newsletter tool")

    def format_message(self, log_entry):
        data = log_entry.data
        params = {
            "provider": data.get("provider", ""),
            "version": data.get("version", ""),
            "id": data.get("campaign_id", ""),
        }
        if data.get("outcome") == "pushed":
            return _("Version %(version)s pushed to %(provider)s as draft campaign %(id)s") % params
        return _("Version %(version)s not pushed to %(provider)s") % params

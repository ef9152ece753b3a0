"""Brevo: ``POST /v3/emailCampaigns`` with the ``api-key`` header.

Brevo's API takes no plain text for a campaign; Brevo makes it from the HTML.
"""

from django.utils.translation import gettext as _

from newsletter.providers.base import Campaign, Provider, ProviderError


class Brevo(Provider):
    key = "brevo"
    label = "Brevo"
    unsubscribe_tag = "{{ unsubscribe }}"
    settings_hint = "BREVO_API_KEY"

    @property
    def configured(self):
        return bool(self.config.get("api_key"))

    def list_setting(self, version):
        return f"BREVO_LIST_IDS_{version.key.upper()}"

    def list_ids(self, version):
        ids = super().list_ids(version)
        if not all(i.isdigit() for i in ids):
            raise ProviderError(
                _("Brevo list ids are numbers: check %(setting)s.")
                % {"setting": self.list_setting(version)}
            )
        return [int(i) for i in ids]

    def push(self, version):
        config = self.config
        if not config.get("sender_email"):
            raise ProviderError(
                _("Set BREVO_SENDER_EMAIL (a sender verified in Brevo) in the site's environment.")
            )
        body = {
            "name": version.name,
            "subject": version.subject,
            "previewText": version.preheader,
            "sender": {"name": config.get("sender_name") or "", "email": config["sender_email"]},
            "htmlContent": version.html_with(self.unsubscribe_tag),
            "recipients": {"listIds": self.list_ids(version)},
        }
        data = self.request(
            "POST",
            f"{config['api_url'].rstrip('/')}/emailCampaigns",
            json=body,
            headers={"api-key": config["api_key"], "accept": "application/json"},
        )
        campaign_id = data.get("id") if isinstance(data, dict) else None
        if type(campaign_id) not in (int, str) or not campaign_id:
            raise self.malformed()
        return Campaign(
            id=str(campaign_id),
            url=f"{config['app_url'].rstrip('/')}/camp/classic/{campaign_id}/setup",
        )

"""Mailchimp Marketing API: ``POST /3.0/campaigns``, then ``PUT /3.0/campaigns/{id}/content``.

The key ends in its data centre (``…-us21``), which names the API's host.
"""

from django.utils.translation import gettext as _

from newsletter.providers.base import Campaign, Provider, ProviderError


def data_center(api_key):
    return api_key.rpartition("-")[2] if "-" in api_key else ""


class Mailchimp(Provider):
    key = "mailchimp"
    label = "Mailchimp"
    unsubscribe_tag = "*|UNSUB|*"
    settings_hint = "MAILCHIMP_API_KEY"

    @property
    def configured(self):
        return bool(self.config.get("api_key"))

    def list_setting(self, version):
        return f"MAILCHIMP_LIST_ID_{version.key.upper()}"

    def api_url(self):
        config = self.config
        if config.get("api_url"):
            return config["api_url"].rstrip("/")
        dc = data_center(config["api_key"])
        if not dc.isalnum():
            raise ProviderError(
                _(
                    "MAILCHIMP_API_KEY has no data centre at its end (like “-us21”): copy the "
                    "whole key from Mailchimp."
                )
            )
        return f"https://{dc}.api.mailchimp.com/3.0"

    def push(self, version):
        config = self.config
        auth = ("twinsite", config["api_key"])
        base = self.api_url()
        ids = self.list_ids(version)
        data = self.request(
            "POST",
            f"{base}/campaigns",
            auth=auth,
            json={
                "type": "regular",
                "recipients": {"list_id": ids[0]},
                "settings": {
                    "subject_line": version.subject,
                    "preview_text": version.preheader,
                    "title": version.name,
                    "from_name": config.get("from_name") or "",
                    "reply_to": config.get("reply_to") or "",
                },
            },
        )
        campaign_id = data.get("id") if isinstance(data, dict) else None
        web_id = data.get("web_id") if isinstance(data, dict) else None
        if not isinstance(campaign_id, str) or not campaign_id:
            raise self.malformed()
        try:
            self.request(
                "PUT",
                f"{base}/campaigns/{campaign_id}/content",
                auth=auth,
                json={
                    "html": version.html_with(self.unsubscribe_tag),
                    "plain_text": version.text_with(self.unsubscribe_tag),
                },
            )
        except ProviderError as error:
            raise ProviderError(
                _(
                    "Mailchimp created the campaign %(id)s but did not take its content: "
                    "%(error)s Delete that campaign in Mailchimp before pushing again."
                )
                % {"id": campaign_id, "error": error.message},
                status=error.status,
            ) from error
        if web_id is None:
            url = f"https://{data_center(config['api_key'])}.admin.mailchimp.com/campaigns/"
        else:
            url = (
                f"https://{data_center(config['api_key'])}.admin.mailchimp.com"
                f"/campaigns/edit?id={web_id}"
            )
        return Campaign(id=campaign_id, url=url)

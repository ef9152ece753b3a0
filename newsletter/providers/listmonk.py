"""listmonk (self-hosted): ``POST <url>/api/campaigns`` with an API user and its token.

listmonk has no preheader field: the preheader is in the HTML, as in every mail of the site.
"""

from django.utils.translation import gettext as _

from newsletter.providers.base import Campaign, Provider, ProviderError


class Listmonk(Provider):
    key = "listmonk"
    label = "listmonk"
    unsubscribe_tag = "{{ UnsubscribeURL }}"
    settings_hint = "LISTMONK_USER / LISTMONK_TOKEN"

    @property
    def configured(self):
        config = self.config
        return bool(config.get("url") and config.get("user") and config.get("token"))

    def list_setting(self, version):
        return f"LISTMONK_LIST_IDS_{version.key.upper()}"

    def push(self, version):
        config = self.config
        ids = super().list_ids(version)
        if not all(i.isdigit() for i in ids):
            raise ProviderError(
                _("listmonk list ids are numbers: check %(setting)s.")
                % {"setting": self.list_setting(version)}
            )
        base = config["url"].rstrip("/")
        data = self.request(
            "POST",
            f"{base}/api/campaigns",
            auth=(config["user"], config["token"]),
            json={
                "name": version.name,
                "subject": version.subject,
                "lists": [int(i) for i in ids],
                "type": "regular",
                "content_type": "html",
                "body": version.html_with(self.unsubscribe_tag),
                "altbody": version.text_with(self.unsubscribe_tag),
            },
        )
        inner = data.get("data") if isinstance(data, dict) else None
        campaign_id = inner.get("id") if isinstance(inner, dict) else None
        if not isinstance(campaign_id, int) or isinstance(campaign_id, bool):
            raise self.malformed()
        return Campaign(id=str(campaign_id), url=f"{base}/admin/campaigns/{campaign_id}")

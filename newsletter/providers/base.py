"""The common interface of the newsletter tools, and their HTTP with its failures."""

import json
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.utils.translation import gettext as _

# Stands for the reader's unsubscribe link; each tool puts its own merge tag there.
UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/reader/"


@dataclass
class PushVersion:
    """One language version of an issue, as a campaign takes it."""

    key: str  # "de", "fr" or "both"
    label: str  # "German version", shown to the editor
    name: str  # the campaign's name in the tool
    subject: str
    preheader: str
    html: str
    text: str

    def html_with(self, unsubscribe):
        return self.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe)

    def text_with(self, unsubscribe):
        return self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe)


@dataclass
class Campaign:
    id: str
    url: str


class ProviderError(Exception):
    """A push that did not work, with a message for the editor in the admin language."""

    def __init__(self, message, *, status=None):
        super().__init__(message)
        self.message = message
        self.status = status


class Provider:
    key = ""
    label = ""
    unsubscribe_tag = ""
    settings_hint = ""  # the environment variables that configure it

    @property
    def config(self):
        return settings.NEWSLETTER_PROVIDERS.get(self.key, {})

    @property
    def configured(self):
        raise NotImplementedError

    def list_ids(self, version):
        lists = self.config.get("lists", {})
        ids = [str(i).strip() for i in (lists.get(version.key) or lists.get("") or []) if i]
        if not ids:
            raise ProviderError(
                _(
                    "No %(provider)s list is set for the %(version)s: set %(setting)s in the "
                    "site's environment."
                )
                % {
                    "provider": self.label,
                    "version": version.label,
                    "setting": self.list_setting(version),
                }
            )
        return ids

    def list_setting(self, version):
        raise NotImplementedError

    def push(self, version):
        """Create a draft campaign of ``version``; return its ``Campaign``."""
        raise NotImplementedError

    # HTTP

    def request(self, method, url, **kwargs):
        """The tool's JSON answer to one request; every failure as a ``ProviderError``."""
        try:
            response = requests.request(
                method, url, timeout=settings.NEWSLETTER_PROVIDER_TIMEOUT, **kwargs
            )
        except requests.Timeout:
            raise ProviderError(
                _("%(provider)s did not answer in time. Please try again in a few minutes.")
                % {"provider": self.label}
            ) from None
        except requests.RequestException:
            raise ProviderError(
                _(
                    "%(provider)s cannot be reached. Please try again later; if it keeps "
                    "failing, check the address of %(provider)s in the site's settings."
                )
                % {"provider": self.label}
            ) from None
        status = response.status_code
        if status in (401, 403):
            raise ProviderError(
                _(
                    "%(provider)s refused the API key (HTTP %(status)s). Check %(setting)s "
                    "in the site's environment: it must be valid and allowed to create campaigns."
                )
                % {"provider": self.label, "status": status, "setting": self.settings_hint},
                status=status,
            )
        if status == 429:
            seconds = retry_after(response.headers.get("Retry-After"))
            if seconds:
                message = _(
                    "%(provider)s is limiting requests (HTTP 429). Please try again in "
                    "%(seconds)s seconds."
                ) % {"provider": self.label, "seconds": seconds}
            else:
                message = _(
                    "%(provider)s is limiting requests (HTTP 429). Please try again in a "
                    "few minutes."
                ) % {"provider": self.label}
            raise ProviderError(message, status=status)
        if status >= 500:
            raise ProviderError(
                _(
                    "%(provider)s has a problem of its own (HTTP %(status)s). Nothing was "
                    "created. Please try again later."
                )
                % {"provider": self.label, "status": status},
                status=status,
            )
        if status >= 400:
            raise ProviderError(
                _("%(provider)s did not accept the campaign (HTTP %(status)s): %(detail)s")
                % {"provider": self.label, "status": status, "detail": error_detail(response)},
                status=status,
            )
        try:
            return response.json() if response.content else {}
        except ValueError:
            raise self.malformed() from None

    def malformed(self):
        return ProviderError(
            _(
                "%(provider)s answered in a way the site does not understand. Look in "
                "%(provider)s whether the campaign was created before pushing again."
            )
            % {"provider": self.label}
        )


def retry_after(value):
    """Seconds from a Retry-After header (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        return max(0, round(parsedate_to_datetime(value).timestamp() - time.time()))
    except (TypeError, ValueError):
        return None


def error_detail(response, limit=300):
    """The tool's own words about a refusal (Brevo, Mailchimp and listmonk each name them)."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        parts = [data.get(key) for key in ("title", "detail", "message", "code")]
        text = " – ".join(str(part) for part in parts if isinstance(part, str | int) and part)
        if not text:
            text = json.dumps(data)[:limit]
    else:
        text = response.text
    text = " ".join(text.split())
    return text[:limit] or str(response.status_code)

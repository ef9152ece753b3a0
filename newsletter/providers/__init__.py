"""Pushing an issue as a draft campaign to the agency's own newsletter tool.

One small module per tool, each a ``Provider`` with ``push(version) ->
Campaign``; every failure is one ``ProviderError`` whose message an editor can
act on. Campaigns stay drafts: no module calls a send or schedule endpoint.
"""

from newsletter.providers.base import Campaign, Provider, ProviderError, PushVersion
from newsletter.providers.brevo import Brevo
from newsletter.providers.listmonk import Listmonk
from newsletter.providers.mailchimp import Mailchimp

PROVIDERS = {provider.key: provider for provider in (Brevo, Mailchimp, Listmonk)}


def configured_providers():
    """The tools whose credentials are set, in a fixed order."""
    return [cls() for cls in PROVIDERS.values() if cls().configured]


def get_provider(key):
    cls = PROVIDERS.get(key)
    provider = cls() if cls else None
    return provider if provider is not None and provider.configured else None


__all__ = [
    "Campaign",
    "Provider",
    "ProviderError",
    "PushVersion",
    "configured_providers",
    "get_provider",
]

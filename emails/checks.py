"""A DKIM key that cannot be used should stop the site at start-up, not each mail at send time."""

import re

from django.conf import settings
from django.core.checks import Error, register

from emails.signing import SigningKeyError, configured, dkim_domain, load_private_key

SELECTOR = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*$")


@register()
def check_dkim(app_configs, **kwargs):
    if not configured():
        return []
    errors = []
    if settings.DKIM_PRIVATE_KEY and settings.DKIM_PRIVATE_KEY_FILE:
        errors.append(
            Error(
                "DKIM_PRIVATE_KEY and DKIM_PRIVATE_KEY_FILE are both set.",
                hint="Keep one: the path of the PEM file, or the PEM itself.",
                id="emails.E001",
            )
        )
    else:
        try:
            load_private_key()
        except SigningKeyError as error:
            errors.append(
                Error(
                    str(error),
                    hint="Generate one with `dknewkey --ktype rsa <selector>` "
                    "(docs/operations.md, 'Signing mail with DKIM').",
                    id="emails.E002",
                )
            )
    if not SELECTOR.match(settings.DKIM_SELECTOR):
        errors.append(
            Error(
                f"DKIM_SELECTOR {settings.DKIM_SELECTOR!r} is not a DNS label.",
                hint="The name before ._domainkey in the TXT record, e.g. twinsite2025.",
                id="emails.E003",
            )
        )
    if "." not in dkim_domain():
        errors.append(
            Error(
                f"DKIM signing domain {dkim_domain()!r} is not a domain.",
                hint="Set DKIM_DOMAIN, or give DEFAULT_FROM_EMAIL an address with a domain.",
                id="emails.E004",
            )
        )
    return errors

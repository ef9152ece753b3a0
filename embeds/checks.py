"""A misspelt EMBED_FRAME_ANCESTORS would silently break or widen the cards' policy."""

import re

from django.conf import settings
from django.core.checks import Error, register

# What CSP's frame-ancestors accepts that makes sense here: an origin, with an
# optional "*." for subdomains and an optional port, or 'self'.
SOURCE = re.compile(r"^(https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?/?|'self')$")


@register()
def check_frame_ancestors(app_configs, **kwargs):
    return [
        Error(
            f"EMBED_FRAME_ANCESTORS: {origin!r} is not an origin such as https://verein.example.org.",
            id="embeds.E001",
        )
        for origin in (value.strip() for value in settings.EMBED_FRAME_ANCESTORS)
        if origin and not SOURCE.match(origin)
    ]

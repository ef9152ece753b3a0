"""django-csp's middleware, choosing the site's policy for each response.

- Public pages get ``CONTENT_SECURITY_POLICY``: scripts, styles and fonts from
  this origin only, nothing inline, no page may frame them.
- The Wagtail and Django admins get ``ADMIN_CONTENT_SECURITY_POLICY``, which
  allows the inline styles Wagtail's admin writes (settings/base.py says what
  it needs and why).
- A response that brings its own policy keeps it: the embed card
  (``embeds.routes``), e-mail renderings (``emails.email_policy``) and
  Wagtail's document downloads.

Two adjustments apply to every policy. When the media storage serves files
from another origin (S3 or a CDN), that origin may provide images. And
``frame-ancestors`` agrees with X-Frame-Options: browsers obey CSP over
X-Frame-Options, so a view that relaxes only X-Frame-Options would stay
unframable. Wagtail does exactly that for the editor's live preview panel
(``X-Frame-Options: SAMEORIGIN``), and that panel must keep working: where a
response says SAMEORIGIN, its policy says 'self'.

The preview's page is rendered through the whole middleware stack once more
inside the preview view, under the page's own URL, so it already carries the
public policy when it gets here; only its ``frame-ancestors`` is rewritten.
"""

import contextlib
import functools
from urllib.parse import urlsplit

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse


def with_frame_ancestors(policy, sources):
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    framing = f"frame-ancestors {sources}"
    rewritten = [
        framing if part.split()[0].lower() == "frame-ancestors" else part for part in directives
    ]
    if framing not in rewritten:
        rewritten.append(framing)
    return "; ".join(rewritten)


@functools.cache
def media_origin():
    """The origin media files are served from, when it is not this site's."""
    parts = urlsplit(storages["default"].url("csp-origin"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


@receiver(setting_changed)
def forget_media_origin(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_URL"):
        media_origin.cache_clear()


def admin_prefixes():
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        with contextlib.suppress(NoReverseMatch):
            prefixes.append(reverse(name))
    return tuple(prefixes)


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(admin_prefixes()):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        origin = media_origin()
        if origin:
            parts.update = {**(parts.update or {})}
            parts.update["img-src"] = [*parts.update.get("img-src", []), origin]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and HEADER in response:
            response[HEADER] = with_frame_ancestors(response[HEADER], SELF)
        return response

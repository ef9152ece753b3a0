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

import functools
from urllib.parse import urlsplit

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver

from twinsite.admin_errors import url_prefix


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
    if setting in ("STORAGES", "MEDIA_URL", "DEBUG") or "CONTENT_SECURITY_POLICY" in setting:
        standard_policy.cache_clear()


def admin_prefixes():
    return tuple(
        prefix for prefix in (url_prefix("wagtailadmin_home"), url_prefix("admin:index")) if prefix
    )


# What a view or decorator may set on a response to change its policy (django-csp).
RESPONSE_POLICY_ATTRIBUTES = (
    "_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro",
)  # fmt: skip


@functools.cache
def standard_policy(admin):
    """The header of a response that brings nothing of its own, built once per process.

    The same as django-csp builds on every response from the same settings:
    none of its parts depends on the request, as long as no nonce was asked for.
    """
    config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"] if admin else None
    update = {"img-src": [media_origin()]} if media_origin() else None
    return build_policy(config=config, update=update)


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
        if self.is_standard(request, response):
            policy = standard_policy(request.path_info.startswith(admin_prefixes()))
            if policy and HEADER not in response:
                response[HEADER] = policy
            # As django-csp does: a nonce asked for after the header is written is an error.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        else:
            response = super().process_response(request, response)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and HEADER in response:
            response[HEADER] = with_frame_ancestors(response[HEADER], SELF)
        return response

    @staticmethod
    def is_standard(request, response):
        """No nonce, nothing set on the response, no report-only policy, no excluded path."""
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        return (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in RESPONSE_POLICY_ATTRIBUTES)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not policy.get("EXCLUDE_URL_PREFIXES")
            and not (settings.DEBUG and response.status_code in (404, 500))
            and HEADER_REPORT_ONLY not in response
        )

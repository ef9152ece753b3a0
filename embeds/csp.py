"""django-csp's middleware, with ``frame-ancestors`` agreeing with X-Frame-Options.

The site-wide policy says ``frame-ancestors 'none'``: no page may be framed.
Browsers obey CSP over X-Frame-Options, so a view that relaxes only
X-Frame-Options would stay unframable. Wagtail does exactly that for the
editor's live preview panel (``X-Frame-Options: SAMEORIGIN``), and that panel
must keep working: where a response says SAMEORIGIN, its policy says 'self'.

The preview's page is rendered through the whole middleware stack once more
inside the preview view, so it already carries a policy when it gets here;
only its ``frame-ancestors`` is rewritten, which keeps any nonce it holds.
Embed cards set their own whole policy (``embeds.routes``).
"""

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware


def with_frame_ancestors(policy, sources):
    directives = [part.strip() for part in policy.split(";") if part.strip()]
    framing = f"frame-ancestors {sources}"
    rewritten = [
        framing if part.split()[0].lower() == "frame-ancestors" else part for part in directives
    ]
    if framing not in rewritten:
        rewritten.append(framing)
    return "; ".join(rewritten)


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and HEADER in response:
            response[HEADER] = with_frame_ancestors(response[HEADER], SELF)
        return response

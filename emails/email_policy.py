"""The Content-Security-Policy of e-mail HTML when a browser shows it.

Mail programs ignore style sheets, so the e-mail renderings carry their
styles inline, in ``<style>`` blocks and ``style`` attributes; the public
policy would strip them. These responses (the ``email/`` routes and the
admin's newsletter previews) allow inline styles and the video providers'
thumbnails, and otherwise keep the public policy: they run no script.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpResponse


def email_policy():
    return {
        "style-src": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *settings.VIDEO_THUMBNAIL_ORIGINS],
    }


def _html(html):
    return HttpResponse(html, content_type="text/html; charset=utf-8")


def email_html_response(html):
    """A response showing e-mail HTML in a browser, under the e-mail policy."""
    return csp_replace(email_policy())(_html)(html)

"""What a page needs to travel as an e-mail.

The ``email/`` and ``email.txt`` routes go through Wagtail's serve view, so
unpublished pages give 404 and private pages ask for their password or
login as the page itself does. Every content page is an e-mail of its own
(``PageEmailMixin``), and so is a newsletter issue, which composes its own.
For content pages, the admin also has two "Newsletter" preview modes and
the "Newsletter" panel in the promote tab.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from emails.email_policy import email_html_response
from emails.panels import PageEmailPanel
from emails.rendering import FORMATS, page_email

# The admin's preview modes, each showing the draft as one e-mail format.
PREVIEW_MODES = {
    "newsletter-teaser": ("teaser", gettext_lazy("Newsletter (teaser)")),
    "newsletter-full": ("full", gettext_lazy("Newsletter (full)")),
}


class EmailRoutesMixin(RoutablePageMixin):
    """``email/`` and ``email.txt``: the page's e-mail as HTML and as its plain-text twin.

    A page type gives its e-mail, as ``EmailParts``, from ``render_email``.
    ``email_formats`` are the values of ``format`` a visitor may ask for, the
    first by default; a page type with one e-mail has none, and ``format``
    is not read.
    """

    email_formats = ()

    def render_email(self, request=None, fmt=None):
        raise NotImplementedError

    def _requested_email(self, request):
        """The e-mail the request asks for, or None when its ``format`` is not one we have."""
        if not self.email_formats:
            return self.render_email(request)
        fmt = request.GET.get("format", self.email_formats[0])
        return self.render_email(request, fmt) if fmt in self.email_formats else None

    def _bad_format(self):
        with translation.override(self.locale.language_code):
            message = gettext('Unknown format. Use "teaser" or "full".')
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    def get_cached_paths(self):
        """The e-mail renderings change with the page, so a frontend cache purges them too."""
        return [
            *super().get_cached_paths(),
            "email/",
            *(f"email/?format={fmt}" for fmt in self.email_formats),
            # Served without the slash (see seo_tags.subpage_url), as files are.
            "email.txt",
            *(f"email.txt?format={fmt}" for fmt in self.email_formats),
        ]

    @path("email/", name="email")
    def email_html(self, request):
        """E-mail-safe HTML of this page, to paste into a newsletter tool."""
        email = self._requested_email(request)
        if email is None:
            return self._bad_format()
        response = email_html_response(email.html)
        response["Content-Language"] = email.lang
        return response

    @path("email.txt/", name="email_txt")
    def email_text(self, request):
        """The plain-text twin of ``email/``."""
        email = self._requested_email(request)
        if email is None:
            return self._bad_format()
        response = HttpResponse(email.text, content_type="text/plain; charset=utf-8")
        response["Content-Language"] = email.lang
        return response


class PageEmailMixin(EmailRoutesMixin):
    """A content page as an e-mail, a teaser or the whole page, with its admin previews.

    The admin's e-mail downloads (``emails.views``) and their buttons in the
    page listing are for these pages.
    """

    email_formats = FORMATS
    promote_panels = [*Page.promote_panels, PageEmailPanel()]

    def render_email(self, request=None, fmt="teaser"):
        return page_email(self, request, fmt=fmt)

    @property
    def preview_modes(self):
        """The page's own preview first, then the newsletter formats."""
        return [
            *super().preview_modes,
            *((mode, label) for mode, (_, label) in PREVIEW_MODES.items()),
        ]

    def serve_preview(self, request, mode_name):
        if mode_name in PREVIEW_MODES:
            email = self.render_email(request, PREVIEW_MODES[mode_name][0])
            return email_html_response(email.html)
        return super().serve_preview(request, mode_name)

"""What every content page needs to travel as an e-mail.

The ``email/`` and ``email.txt`` routes go through Wagtail's serve view, so
unpublished pages give 404 and private pages ask for their password or
login as the page itself does. In the admin: two "Newsletter" preview modes
and the "Newsletter" panel in the promote tab.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
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
    promote_panels = [*Page.promote_panels, PageEmailPanel()]

    @property
    def preview_modes(self):
        """The page's own preview first, then the newsletter formats."""
        return [
            *super().preview_modes,
            *((mode, label) for mode, (_, label) in PREVIEW_MODES.items()),
        ]

    def serve_preview(self, request, mode_name):
        if mode_name in PREVIEW_MODES:
            email = page_email(self, request, fmt=PREVIEW_MODES[mode_name][0])
            return email_html_response(email.html)
        return super().serve_preview(request, mode_name)

    def _email_format(self, request):
        """The ``format`` asked for, or None when it is not one we have."""
        fmt = request.GET.get("format", "teaser")
        return fmt if fmt in FORMATS else None

    def _bad_format(self):
        with translation.override(self.locale.language_code):
            message = gettext('Unknown format. Use "teaser" or "full".')
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    def get_cached_paths(self):
        """The e-mail renderings change with the page, so a frontend cache purges them too."""
        return [
            *super().get_cached_paths(),
            "email/",
            *(f"email/?format={fmt}" for fmt in FORMATS),
            # Served without the slash (see seo_tags.subpage_url), as files are.
            "email.txt",
            *(f"email.txt?format={fmt}" for fmt in FORMATS),
        ]

    @path("email/", name="email")
    def email_html(self, request):
        """E-mail-safe HTML of this page, to paste into a newsletter tool."""
        fmt = self._email_format(request)
        if fmt is None:
            return self._bad_format()
        email = page_email(self, request, fmt=fmt)
        response = email_html_response(email.html)
        response["Content-Language"] = email.lang
        return response

    @re_path(r"^email\.txt/$", name="email_txt")
    def email_text(self, request):
        """The plain-text twin of ``email/``."""
        fmt = self._email_format(request)
        if fmt is None:
            return self._bad_format()
        email = page_email(self, request, fmt=fmt)
        response = HttpResponse(email.text, content_type="text/plain; charset=utf-8")
        response["Content-Language"] = email.lang
        return response

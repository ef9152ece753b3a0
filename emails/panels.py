"""The page editor's "Newsletter" panel: the page's e-mail addresses, copy and downloads.

It renders the draft being edited, so the size warning and the copied HTML
match what the editor sees in the "Newsletter" preview modes.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from emails.rendering import EMAIL_SIZE_LIMIT, FORMATS, page_email, page_url

FORMAT_LABELS = {"teaser": _("Teaser"), "full": _("Full page")}


def public_email_urls(page, request, fmt):
    """The public ``email/`` and ``email.txt`` addresses of a live page in ``fmt``.

    Built like the links inside the mail, from the host the editor uses.
    """
    if not page.live:
        return None
    url = page_url(page, request)
    return {
        "html": f"{url}email/?format={fmt}",
        "text": f"{url.rstrip('/')}/email.txt?format={fmt}",
    }


class PageEmailPanel(Panel):
    """Read-only; it shows the page in e-mail form and claims no form field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Newsletter"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "emails/admin/page_email_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            formats = []
            for fmt in FORMATS:
                email = page_email(page, self.request, fmt=fmt)
                formats.append(
                    {
                        "name": fmt,
                        "label": FORMAT_LABELS[fmt],
                        "email": email,
                        "public": public_email_urls(page, self.request, fmt),
                        "html_download": reverse(
                            "newsletter_page_email", args=(page.pk, fmt, "html")
                        ),
                        "eml_download": reverse(
                            "newsletter_page_email", args=(page.pk, fmt, "eml")
                        ),
                    }
                )
            full = formats[-1]["email"]
            context.update(
                formats=formats,
                too_large=full.too_large,
                size_kb=full.size_kb,
                limit_kb=EMAIL_SIZE_LIMIT // 1024,
                live=page.live,
            )
            return context

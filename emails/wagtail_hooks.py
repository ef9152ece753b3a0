"""Admin hooks for pages in e-mail form: the download URLs and the page listing's buttons.

The page editor's "Newsletter" panel offers the same downloads; the buttons
reach editors who work on a page in wagtail-localize's translation editor,
which shows no panels.
"""

from django.urls import re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from emails.routes import PageEmailMixin
from emails.views import page_email_download

LISTING_BUTTONS = [
    ("teaser", _("E-mail HTML (teaser)")),
    ("full", _("E-mail HTML (full page)")),
]


@hooks.register("register_admin_urls")
def register_page_email_urls():
    return [
        re_path(
            r"^newsletter/pages/(?P<page_id>\d+)/email-(?P<fmt>teaser|full)\.(?P<extension>html|eml)$",
            page_email_download,
            name="newsletter_page_email",
        )
    ]


@hooks.register("register_page_listing_more_buttons")
def page_email_buttons(page, user, view_name=None, next_url=None):
    if not issubclass(page.specific_class, PageEmailMixin):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    for priority, (fmt, label) in enumerate(LISTING_BUTTONS, start=40):
        yield Button(
            label,
            reverse("newsletter_page_email", args=[page.pk, fmt, "html"]),
            icon_name="mail",
            priority=priority,
            attrs={"download": ""},
        )

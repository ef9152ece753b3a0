"""The admin's "Send test" for a newsletter issue."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import PageLogEntry

from newsletter.forms import SendTestForm
from newsletter.models import NewsletterIssuePage
from newsletter.send_limits import (
    SEND_TEST_ACTION,
    SEND_TEST_LIMIT,
    allowed_recipients,
    log_send,
    over_limit,
)
from newsletter.sending import SendError, send_test

RECENT_SENDS = 5  # shown on the form, newest first; the page history has them all


def user_can_send_test(user, page):
    """Whoever may edit the issue may test it; Wagtail's page permissions decide that."""
    return page.permissions_for_user(user).can_edit()


class SendTestView(WagtailAdminTemplateMixin, FormView):
    form_class = SendTestForm
    template_name = "newsletter/admin/send_test.html"
    page_title = _("Send test")
    header_icon = "mail"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(NewsletterIssuePage, pk=page_id)
        if not user_can_send_test(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    @cached_property
    def issue(self):
        """The draft the editor is working on: a test shows what will go out next."""
        return self.page.get_latest_revision_as_object()

    @cached_property
    def composition(self):
        return self.issue.compose()

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return []

    @cached_property
    def addresses(self):
        return allowed_recipients(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "addresses": self.addresses}

    def get_initial(self):
        return {"recipient": self.addresses[0]} if self.addresses else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            issue=self.issue,
            notices=[str(notice) for notice in self.composition.notices],
            email=self.issue.render_email(self.request),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            recent_sends=PageLogEntry.objects.filter(page=self.page, action=SEND_TEST_ACTION)
            .select_related("user")
            .order_by("-timestamp", "-pk")[:RECENT_SENDS],
        )
        return context

    def form_valid(self, form):
        recipient = form.cleaned_data["recipient"]
        if over_limit(self.request):
            form.add_error(
                None,
                gettext(
                    "You have reached the limit of %(limit)s tests an hour. Please try again later."
                )
                % {"limit": SEND_TEST_LIMIT},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        subject = self.composition.subject
        try:
            parts = send_test(self.issue, recipient, self.request)
        except SendError as error:
            log_send(self.page, self.request.user, recipient, subject, error)
            form.add_error(None, str(error))
            return self.form_invalid(form)
        log_send(self.page, self.request.user, recipient, subject)
        message = gettext("Test of “%(title)s” sent to %(recipient)s.") % {
            "title": parts.subject,
            "recipient": recipient,
        }
        messages.success(self.request, message)
        return redirect("wagtailadmin_pages:edit", self.page.pk)


def issue_buttons(page, user, view_name=None, next_url=None):
    """The issue's own actions, in its header and the listing's "More" menu."""
    if issubclass(page.specific_class, NewsletterIssuePage) and user_can_send_test(user, page):
        yield Button(
            _("Send test"),
            reverse("newsletter_send_test", args=[page.pk]),
            icon_name="mail",
            priority=35,
        )
        yield Button(
            _("Send to readers"),
            reverse("newsletter_send_to_readers", args=[page.pk]),
            icon_name="mail",
            priority=36,
        )
        yield Button(
            _("Push to newsletter tool"),
            reverse("newsletter_push_campaign", args=[page.pk]),
            icon_name="mail",
            priority=37,
        )


class IssueAdminViewMixin:
    """An admin view of one issue (send to readers, push to a tool), under "Send test"'s rule."""

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(
            NewsletterIssuePage.objects.select_related("locale"), pk=page_id
        )
        # The same rule as "Send test": whoever may edit the issue; the other town's team may not.
        if not user_can_send_test(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return []

"""The admin's "Send to readers" of an issue: the plan, the confirmation, the progress."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletter import delivery as sending
from newsletter.admin_views import IssueAdminViewMixin
from newsletter.forms import SendToReadersForm, UnknownDeliveryForm
from newsletter.models import Delivery, IssueSend

VERSION_NAMES = dict(Delivery.Version.choices)
PROGRESS_STATES = ["queued", "sending", "sent", "failed", "refused", "unknown", "dropped"]
# Still changing without the editor doing anything: the page follows these by itself.
IN_FLIGHT = ("queued", "sending", "failed")
# Seconds between two looks at the progress (newsletter/static/newsletter/send-progress.js).
POLL_SECONDS = 5


def progress_context(send):
    """The progress table and the addresses that did not get it, for the page and its fragment."""
    if send is None:
        return {"send": None, "progress": None, "problems": [], "in_flight": False}
    counts = sending.progress(send)
    progress = [
        {"name": VERSION_NAMES[version], "counts": [counts[version][s] for s in PROGRESS_STATES]}
        for version in Delivery.Version.values
        if any(counts[version].values())
    ]
    return {
        "send": send,
        "progress": progress,
        "progress_states": [dict(Delivery.State.choices)[s] for s in PROGRESS_STATES],
        "problems": sending.recent_problems(send),
        "in_flight": any(counts[v][s] for v in counts for s in IN_FLIGHT),
        "poll_seconds": POLL_SECONDS,
    }


class SendToReadersView(IssueAdminViewMixin, WagtailAdminTemplateMixin, FormView):
    form_class = SendToReadersForm
    template_name = "newsletter/admin/send_to_readers.html"
    page_title = _("Send to readers")
    header_icon = "mail"

    @cached_property
    def send(self):
        return IssueSend.objects.filter(issue=self.page).first()

    @cached_property
    def pages(self):
        return sending.version_pages(self.page)

    @cached_property
    def plan(self):
        return sending.plan(self.page, self.pages)

    def marker(self):
        """What the editor confirms: the send and how many deliveries it had when they looked."""
        if self.send is None:
            return "new"
        return f"{self.send.pk}:{Delivery.objects.filter(send=self.send).count()}"

    def get_initial(self):
        return {"missing": "wait", "marker": self.marker()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = [
            {
                "name": VERSION_NAMES[entry.version],
                "readers": entry.readers,
                "live": entry.live,
                "other": VERSION_NAMES.get(entry.other) if entry.other else None,
            }
            for entry in self.plan
        ]
        context.update(
            page=self.page,
            live=self.page.live,
            plan=plan,
            to_send=sum(entry.readers for entry in self.plan if entry.live),
            missing=[entry for entry in plan if entry["readers"] and not entry["live"]],
            list_name=self.page.locale.get_display_name(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            progress_url=reverse("newsletter_send_progress", args=[self.page.pk]),
            **progress_context(self.send),
        )
        return context

    def get(self, request, *args, **kwargs):
        sending.recover_stale()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if "delivery" in request.POST:
            return self.unknown_delivery()
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        here = redirect("newsletter_send_to_readers", self.page.pk)
        if not self.page.live:
            messages.error(self.request, gettext("Publish the issue before sending it."))
            return here
        if form.cleaned_data["marker"] != self.marker():
            messages.warning(
                self.request,
                gettext("This issue has already been sent: nothing was sent again."),
            )
            return here
        count = sending.queue_issue(
            self.page, self.request.user, missing=form.cleaned_data["missing"] or sending.WAIT
        )
        if count:
            messages.success(
                self.request,
                gettext("“%(title)s” is on its way to %(count)s readers.")
                % {"title": self.page.title, "count": count},
            )
        else:
            messages.warning(self.request, gettext("There is no reader to send this issue to."))
        return here

    def unknown_delivery(self):
        here = redirect("newsletter_send_to_readers", self.page.pk)
        form = UnknownDeliveryForm(self.request.POST)
        done = False
        if form.is_valid() and self.send is not None:
            action = (
                sending.resend_unknown
                if form.cleaned_data["action"] == "resend"
                else sending.drop_unknown
            )
            done = action(self.send, form.cleaned_data["delivery"])
        if done:
            messages.success(self.request, gettext("Done."))
        else:
            messages.error(
                self.request, gettext("That delivery is not waiting for a decision any more.")
            )
        return here


class SendProgressView(IssueAdminViewMixin, TemplateView):
    """Only the progress of the send page, which the page's script fetches while mail is on its way.

    Without script the page shows the same on every reload. A delivery left in
    "sending" by a stopped worker is turned "unknown" here too, as the page does,
    so that the page stops following a send that nothing moves any more; the
    update runs only when there is one, so that following a send does not write.
    """

    template_name = "newsletter/admin/send_progress.html"

    def dispatch(self, request, *args, **kwargs):
        # A fragment answers 403, not with Wagtail's redirect to the dashboard and its message.
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return HttpResponseForbidden()

    def get_context_data(self, **kwargs):
        send = IssueSend.objects.filter(issue=self.page).first()
        if send is not None and sending.stale().filter(send=send).exists():
            sending.recover_stale()
        return {
            **super().get_context_data(**kwargs),
            **progress_context(send),
            "progress_url": self.request.path,
        }

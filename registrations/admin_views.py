"""The organisers' side of registrations: each event's list, its waiting list, exports, check-in.

Every view finds the list in the URL and answers 404 to anyone who may
edit neither language version of its event (``registrations.organisers``);
the listing leaves those lists out. Moving someone up and cancelling for
them change seats, so they go through ``registrations.booking`` under its
lock, after a confirmation page whose button posts with the CSRF token; the
person is told by mail, in their language, by the mail worker.

Question labels are the ones of the event's version in the organiser's admin
language where there is one: the answers of both versions share a column
(an answer is kept under its question's block id).
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

from emails.rendering import site_base_url
from registrations import booking
from registrations.models import Availability, Registration
from registrations.organisers import is_page_editor, lists_for
from safetext.spreadsheet_cells import TextCellsExportMixin

S = Registration.Status
MOVE_UP_ACTION = "registrations.move_up"
CANCEL_ACTION = "registrations.cancel_on_behalf"


@dataclass
class Question:
    id: str
    label: str
    choices: list = field(default_factory=list)

    def answer(self, value):
        """The answer as the organiser reads it: a choice's text in their language."""
        if value in (None, ""):
            return ""
        if self.choices and isinstance(value, int) and 0 <= value < len(self.choices):
            return self.choices[value]
        return str(value)


def questions_of(registration_list, answers=()):
    """The event's questions, labelled in the admin language where that version exists.

    A question only one version has (added since the last sync) still gets its
    column, and so does an answer whose question was removed from the page.
    """
    family = list(
        Page.objects.filter(translation_key=registration_list.translation_key)
        .select_related("locale")
        .specific()
    )
    language = get_language()
    family.sort(
        key=lambda page: (
            page.locale.language_code != language,
            page.pk != registration_list.source_page_id,
            page.pk,
        )
    )
    questions = {}
    for page in family:
        for block in getattr(page, "registration_questions", None) or []:
            if block.id not in questions:
                value = block.value
                choices = list(value.get("choices") or []) if block.block_type == "choice" else []
                questions[block.id] = Question(block.id, value["label"], choices)
    for answer_id in sorted({key for given in answers for key in given}):
        if answer_id not in questions:
            label = _("Question no longer on the page (%(id)s)") % {"id": answer_id[:8]}
            questions[answer_id] = Question(answer_id, label)
    return list(questions.values())


@dataclass
class Row:
    registration: Registration
    answers: list
    place: int | None = None


class OrganiserMixin:
    """The list named in the URL, if the user organises it; else 404."""

    def dispatch(self, request, *args, **kwargs):
        self.registration_list = get_object_or_404(lists_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def list_url(self):
        return reverse("registration_admin:list", args=[self.registration_list.pk])

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("registration_admin:index"), "label": _("Registrations")},
            {"url": self.list_url(), "label": self.registration_list.title},
        ]


def counts(registration_list):
    """Confirmed, waiting, cancelled and seats left of a list annotated by ``lists_for``."""
    availability = Availability.of(registration_list)
    return {
        "confirmed": registration_list.confirmed_count,
        "waiting": registration_list.waiting_count,
        "cancelled": registration_list.cancelled_count,
        "seats_left": availability.seats_left,
    }


class IndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every list the user organises, newest event first, counted in one query."""

    template_name = "registrations/admin/index.html"
    page_title = gettext_lazy("Registrations")
    header_icon = "clipboard-list"

    def dispatch(self, request, *args, **kwargs):
        if not is_page_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lists"] = [
            (registration_list, counts(registration_list))
            for registration_list in lists_for(self.request.user)
        ]
        return context


EXPORT_ORDER = Case(
    When(status=S.CONFIRMED, then=Value(0)),
    When(status=S.WAITING, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class ListView(
    OrganiserMixin,
    TextCellsExportMixin,
    SpreadsheetExportMixin,
    WagtailAdminTemplateMixin,
    TemplateView,
):
    """One event's registrations: seats, the waiting list in its order, the cancelled; exports."""

    template_name = "registrations/admin/list.html"
    header_icon = "clipboard-list"
    header_more_buttons = []  # the export buttons are on the page itself

    def get_page_title(self):
        return self.registration_list.title

    def registrations(self):
        return list(self.registration_list.registrations.order_by(EXPORT_ORDER, "pk"))

    def get(self, request, *args, **kwargs):
        self.all_registrations = registrations = self.registrations()
        self.questions = questions_of(
            self.registration_list, [registration.answers for registration in registrations]
        )
        if self.is_export:
            return self.export(registrations, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def rows(self, registrations):
        groups = {S.CONFIRMED: [], S.WAITING: [], S.CANCELLED: []}
        for registration in registrations:
            answers = [
                question.answer(registration.answers.get(question.id))
                for question in self.questions
            ]
            group = groups[registration.status]
            place = len(group) + 1 if registration.status == S.WAITING else None
            group.append(Row(registration, answers, place))
        return groups

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = self.rows(self.all_registrations)
        context.update(
            registration_list=self.registration_list,
            counts=counts(self.registration_list),
            questions=self.questions,
            confirmed=groups[S.CONFIRMED],
            waiting=groups[S.WAITING],
            cancelled=groups[S.CANCELLED],
            csv_url=self.get_export_url(self.FORMAT_CSV),
            xlsx_url=self.get_export_url(self.FORMAT_XLSX),
            check_in_url=reverse("registration_admin:check_in", args=[self.registration_list.pk]),
        )
        return context

    # The spreadsheet: one row per registration, the seats first, then the waiting list.

    def export(self, registrations, export_format):
        fixed = {
            "status": _("Status"),
            "place": _("Place on the waiting list"),
            "name": _("Name"),
            "email": _("E-mail address"),
            "organisation": _("Organisation or association"),
            "town": _("Town"),
            "language": _("Language of the mails"),
            "access_needs": _("Access needs"),
        }
        dates = {
            "created_at": _("Registered at"),
            "moved_up_at": _("Moved up at"),
            "cancelled_at": _("Cancelled at"),
            "cancelled_by": _("Cancelled by"),
        }
        self.export_headings = {
            **fixed,
            **{f"q:{question.id}": question.label for question in self.questions},
            **dates,
        }
        self.list_export = list(self.export_headings)
        self.export_rows = {}
        for row in [row for group in self.rows(registrations).values() for row in group]:
            self.export_rows[row.registration.pk] = row
        return self.as_spreadsheet(registrations, export_format)

    def to_row_dict(self, item):
        row = self.export_rows[item.pk]

        def local(moment):
            return timezone.make_naive(moment).replace(microsecond=0) if moment else None

        values = {
            "status": item.get_status_display(),
            "place": row.place,
            "name": item.name,
            "email": item.email,
            "organisation": item.organisation,
            "town": item.town,
            "language": item.get_language_display(),
            "access_needs": item.access_needs,
            **{
                f"q:{question.id}": answer
                for question, answer in zip(self.questions, row.answers, strict=True)
            },
            "created_at": local(item.created_at),
            "moved_up_at": local(item.moved_up_at),
            "cancelled_at": local(item.cancelled_at),
            "cancelled_by": item.get_cancelled_by_display(),
        }
        return {name: values[name] for name in self.list_export}

    def write_csv_response(self, queryset):
        # Written here rather than streamed, so that headings and values are in the admin language;
        # the byte order mark makes Excel read the file as UTF-8 (umlauts, accents).
        content = "\ufeff".encode() + b"".join(self.stream_csv(queryset))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_filename(self):
        slug = slugify(self.registration_list.title)[:60] or str(self.registration_list.pk)
        return f"{_('registrations')}-{slug}"


class CheckInView(OrganiserMixin, TemplateView):
    """A page to print for the door: who has a seat, by name, with a box to tick."""

    template_name = "registrations/admin/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registration_list"] = self.registration_list
        context["counts"] = counts(self.registration_list)
        context["people"] = sorted(
            self.registration_list.registrations.filter(status=S.CONFIRMED),
            key=lambda registration: (registration.name.casefold(), registration.pk),
        )
        context["starts_at"] = timezone.localtime(self.registration_list.starts_at)
        context["list_url"] = self.list_url()
        return context


class ActionView(OrganiserMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then do: only the POST of the confirmation page's button changes anything."""

    template_name = "registrations/admin/confirm.html"
    header_icon = "clipboard-list"
    statuses = ()
    log_action = ""

    def get_registration(self):
        return get_object_or_404(
            Registration,
            pk=self.kwargs["registration_pk"],
            registration_list=self.registration_list,
            anonymised_at__isnull=True,
        )

    def get(self, request, *args, **kwargs):
        self.registration = self.get_registration()
        if self.registration.status not in self.statuses:
            messages.warning(request, self.not_possible_message())
            return redirect(self.list_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.registration = self.get_registration()
        if self.registration.status not in self.statuses or not self.act():
            messages.warning(request, self.not_possible_message())
            return redirect(self.list_url())
        log(
            self.registration_list,
            self.log_action,
            user=request.user,
            data={"registration": self.registration.pk},
        )
        messages.success(request, self.done_message())
        return redirect(self.list_url())

    def get_page_title(self):
        return self.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            registration=self.registration,
            question=self.question(),
            button=self.button,
            list_url=self.list_url(),
        )
        return context


class MoveUpView(ActionView):
    statuses = (S.WAITING,)
    log_action = MOVE_UP_ACTION
    title = gettext_lazy("Give a seat")
    button = gettext_lazy("Yes, give a seat")

    def question(self):
        return _(
            "Give %(name)s a seat for %(event)s? They are told by mail, in their language. "
            "This is possible beyond the number of seats set on the page."
        ) % {"name": self.registration.name, "event": self.registration_list.title}

    def act(self):
        return booking.move_up(self.registration, base_url=site_base_url())

    def done_message(self):
        return _("%(name)s has a seat now and is told by mail.") % {"name": self.registration.name}

    def not_possible_message(self):
        return _("%(name)s is not on the waiting list (any more): nothing was changed.") % {
            "name": self.registration.name
        }


class CancelView(ActionView):
    statuses = (S.CONFIRMED, S.WAITING)
    log_action = CANCEL_ACTION
    title = gettext_lazy("Cancel a registration")
    button = gettext_lazy("Yes, cancel the registration")

    def question(self):
        return _(
            "Cancel the registration of %(name)s for %(event)s on their behalf? They are told "
            "by mail, in their language. A freed seat goes to the first person waiting."
        ) % {"name": self.registration.name, "event": self.registration_list.title}

    def act(self):
        return booking.cancel(
            self.registration, by=Registration.CancelledBy.ORGANISER, base_url=site_base_url()
        )

    def done_message(self):
        return _("The registration of %(name)s was cancelled; they are told by mail.") % {
            "name": self.registration.name
        }

    def not_possible_message(self):
        return _("The registration of %(name)s was cancelled already: nothing was changed.") % {
            "name": self.registration.name
        }


class MoveUpFormatter(LogFormatter):
    label = gettext_lazy("Give a seat from the waiting list")

    def format_message(self, log_entry):
        return _("An organiser gave a person on the waiting list a seat.")


class CancelFormatter(LogFormatter):
    label = gettext_lazy("Cancel a registration on someone's behalf")

    def format_message(self, log_entry):
        return _("An organiser cancelled a registration on the person's behalf.")


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return is_page_editor(request.user)


class RegistrationViewSet(ViewSet):
    """/admin/registrations/: the menu item and the views of the organisers."""

    name = "registrations"
    url_namespace = "registration_admin"  # "registrations" names the public endpoints
    icon = "clipboard-list"
    menu_label = gettext_lazy("Registrations")
    menu_order = 260
    add_to_admin_menu = True
    menu_item_class = OrganiserMenuItem

    def get_urlpatterns(self):
        return [
            path("", IndexView.as_view(), name="index"),
            path("<int:pk>/", ListView.as_view(), name="list"),
            path("<int:pk>/check-in/", CheckInView.as_view(), name="check_in"),
            path("<int:pk>/<int:registration_pk>/move-up/", MoveUpView.as_view(), name="move_up"),
            path("<int:pk>/<int:registration_pk>/cancel/", CancelView.as_view(), name="cancel"),
        ]

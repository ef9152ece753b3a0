"""The editors' side of the readers: listing, export, import and erasing, each team its own list.

Every view here sees only the readers of the lists the user's team writes
(``subscribers.permissions``): the listing and the export leave the other
town's readers out, and their addresses (details, language, erase) answer 404.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale

from safetext.spreadsheet_cells import TextCellsExportMixin
from subscribers import importing
from subscribers.erasure import ERASE_LABEL, erase
from subscribers.models import Consent, Subscriber
from subscribers.permissions import own_list_ids
from translation.permissions import language_name

SESSION_KEY = "subscribers_import"


def own_lists(user):
    return Locale.objects.filter(pk__in=own_list_ids(user)).order_by("language_code")


class OwnListMixin:
    """Only the readers of the user's own lists exist: any other is a 404."""

    def get_object(self, *args, **kwargs):
        subscriber = super().get_object(*args, **kwargs)
        if subscriber.locale_id not in own_list_ids(self.request.user):
            raise Http404
        return subscriber


def latest_consent(field):
    return Subquery(
        Consent.objects.filter(subscriber=OuterRef("pk")).order_by("-given_at").values(field)[:1]
    )


class SubscriberFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=Subscriber.Language.choices,
        empty_label=gettext_lazy("All"),
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        choices=Subscriber.State.choices,
        empty_label=gettext_lazy("All"),
    )
    created = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Subscribed"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Subscriber
        fields = ["language", "state", "created"]


class SubscriberIndexView(TextCellsExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(locale_id__in=own_list_ids(self.request.user))
            .select_related("locale")
            .annotate(
                consent_text=latest_consent("text"),
                consent_given_at=latest_consent("given_at"),
                consent_source=latest_consent("source"),
            )
        )

    def get_page_title(self):
        lists = own_lists(self.request.user)
        if len(lists) == 1:
            language = language_name(lists[0])
            return _("Subscribers of the site in %(language)s") % {"language": language}
        return super().get_page_title()

    @property
    def add_item_label(self):
        return _("Import a list")

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    def get_filename(self):
        return "subscribers"


class SubscriberInspectView(OwnListMixin, generic.InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consents"] = self.object.consents.all()
        return context


class SubscriberEditView(OwnListMixin, generic.EditView):
    pass


class SubscriberHistoryView(OwnListMixin, generic.HistoryView):
    pass


class EraseView(OwnListMixin, generic.DeleteView):
    page_title = gettext_lazy("Erase")
    success_message = gettext_lazy("The subscriber was erased. Only a hash of the address is kept.")

    @property
    def confirmation_message(self):
        return _(
            "Erase %(email)s on request (GDPR Art. 17)? The address, its consent records and "
            "the address in the history are deleted for good. Only a hash stays, so that an "
            "import skips the address; the reader may still subscribe again on the site."
        ) % {"email": self.object.email}

    def get_success_message(self):
        return str(self.success_message)

    def get_usage_url(self):
        return None

    def delete_action(self):
        erase(self.object, self.request.user)


class EraseFormatter(LogFormatter):
    label = ERASE_LABEL

    def format_message(self, log_entry):
        return _(
            "A subscriber of the %(list)s list was erased on request (GDPR Art. 17); "
            "only a hash of the address is kept."
        ) % {"list": log_entry.data.get("list", "")}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns “email” and “language” (de, fr or both), and “date” of consent if you "
            "have it; separated by commas or semicolons, in UTF-8."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=255,
        help_text=gettext_lazy(
            "Where the readers gave their consent, for example “Liste Workshop Hildesheim 2025”."
        ),
    )
    locale = forms.ModelChoiceField(label=gettext_lazy("List"), queryset=Locale.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        lists = own_lists(user)
        self.fields["locale"].queryset = lists
        self.fields["locale"].label_from_instance = language_name
        self.only_list = lists[0] if len(lists) == 1 else None
        if self.only_list:
            # A team has one list: nothing to choose.
            self.fields["locale"].required = False
            self.fields["locale"].widget = forms.HiddenInput()

    def clean_locale(self):
        return self.only_list or self.cleaned_data["locale"]

    def clean_source(self):
        return " ".join(self.cleaned_data["source"].split())


class ImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload, preview, confirm: nothing is written before the editor confirms the preview."""

    model = Subscriber
    permission_required = "add"
    template_name = "subscribers/admin/import.html"
    page_title = gettext_lazy("Import subscribers")
    header_icon = "mail"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Subscriber._meta.verbose_name_plural),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm(user=request.user)))

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        locale = form.cleaned_data["locale"]
        try:
            rows = importing.read_rows(form.cleaned_data["file"].read(), locale)
        except importing.BadFile as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        to_add = [row for row in rows if not row.reason]
        for row in to_add:
            row.language_label = Subscriber.Language(row.language).label
        request.session[SESSION_KEY] = {
            "locale": locale.pk,
            "source": form.cleaned_data["source"],
            "rows": [[row.email, row.language, row.consent_date] for row in to_add],
        }
        return self.render_to_response(
            self.get_context_data(
                preview=True,
                locale=locale,
                list_name=language_name(locale),
                source=form.cleaned_data["source"],
                to_add=to_add,
                skipped=[row for row in rows if row.reason],
            )
        )

    def confirm(self, request):
        pending = request.session.pop(SESSION_KEY, None)
        if not pending or pending["locale"] not in own_list_ids(request.user):
            messages.error(request, _("Nothing to import: please upload the file again."))
            return redirect(request.path)
        locale = Locale.objects.get(pk=pending["locale"])
        rows = [
            importing.Row(line=0, email=email, language=language, consent_date=date)
            for email, language, date in pending["rows"]
        ]
        added = importing.add_readers(rows, locale, pending["source"])
        messages.success(
            request,
            ngettext(
                "%(count)s subscriber imported into the %(list)s list.",
                "%(count)s subscribers imported into the %(list)s list.",
                added,
            )
            % {"count": added, "list": language_name(locale)},
        )
        return redirect(self.index_url_name)


def list_name(subscriber):
    return language_name(subscriber.locale)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    url_namespace = "subscriber_admin"  # "subscribers" names the public pages
    icon = "mail"
    menu_label = gettext_lazy("Subscribers")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_template_name = "subscribers/admin/inspect.html"
    add_to_reference_index = False
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    delete_view_class = EraseView
    inspect_view_class = SubscriberInspectView
    history_view_class = SubscriberHistoryView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    ordering = ["-created"]
    list_per_page = 50
    form_fields = ["language"]
    list_display = [
        "email",
        Column("language", label=gettext_lazy("Language"), accessor="get_language_display"),
        Column("state", label=gettext_lazy("State"), accessor="get_state_display"),
        Column("locale", label=gettext_lazy("List"), accessor=list_name),
        DateColumn("created", label=gettext_lazy("Subscribed")),
        DateColumn("confirmed_at", label=gettext_lazy("Confirmed at")),
    ]
    list_export = [
        "email",
        "get_language_display",
        "get_state_display",
        "locale.language_code",
        "created",
        "confirmed_at",
        "unsubscribed_at",
        "stopped_at",
        "consent_text",
        "consent_given_at",
        "consent_source",
    ]
    export_headings = {
        "email": gettext_lazy("E-mail address"),
        "get_language_display": gettext_lazy("Language"),
        "get_state_display": gettext_lazy("State"),
        "locale.language_code": gettext_lazy("List"),
        "created": gettext_lazy("Subscribed"),
        "confirmed_at": gettext_lazy("Confirmed at"),
        "unsubscribed_at": gettext_lazy("Unsubscribed at"),
        "stopped_at": gettext_lazy("Stopped at"),
        "consent_text": gettext_lazy("Consent text"),
        "consent_given_at": gettext_lazy("Consent given at"),
        "consent_source": gettext_lazy("Consent source"),
    }
    inspect_view_fields = [
        "email",
        "language",
        "state",
        "locale",
        "created",
        "confirmed_at",
        "unsubscribed_at",
        "stopped_at",
        "stop_reason",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # The listing's "add" button leads to the import: readers are added by import only.
        kwargs = {"add_url_name": self.get_url_name("import"), **kwargs}
        return super().get_common_view_kwargs(**kwargs)

    @property
    def import_view(self):
        return ImportView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        patterns = [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add", "usage"}
        ]
        return [*patterns, path("import/", self.import_view, name="import")]

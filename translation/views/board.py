"""The translation status board: every page and record, in every language.

A Wagtail report (``ReportView``), so it has the admin's listing, filters,
pagination and CSV/XLSX export; titles editors wrote stay text in the CSV
(``safetext.spreadsheet_cells``). Its rows come from ``translation.status``
rather than from a queryset.
"""

from collections import Counter, OrderedDict
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.machine_translators import get_machine_translator

from safetext.spreadsheet_cells import TextCellsExportMixin
from translation.bulk_machine import create_value, is_selectable
from translation.permissions import user_can_write_locale, writable_locale_ids
from translation.status import (
    NEEDS_VERSION,
    PAGES,
    TARGET_STATUSES,
    Status,
    build_board,
    section_choices,
    sections_for,
)

BOARD_PERMISSION = "wagtail_localize.submit_translation"


def user_can_see_board(user):
    """Anyone who may ask wagtail-localize for a translation may see where they stand.

    Both town teams have that permission; the board itself then offers each
    user actions only in the languages they write.
    """
    return (
        user.is_active
        and user.has_perm("wagtailadmin.access_admin")
        and user.has_perm(BOARD_PERMISSION)
    )


def board_url(**filters):
    """The board's address with the given filters (lists become repeated parameters)."""
    url = reverse("translation_status:board")
    params = {key: value for key, value in filters.items() if value}
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def edit_url(version):
    if version.is_page:
        return reverse("wagtailadmin_pages:edit", args=[version.pk])
    return reverse(version.model.snippet_viewset.get_url_name("edit"), args=[quote(version.pk)])


def translate_url(row):
    if row.kind == PAGES:
        return reverse("wagtail_localize:submit_page_translation", args=[row.source.pk])
    meta = row.model._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, quote(row.source.pk)],
    )


@dataclass
class Action:
    label: str
    url: str
    aria_label: str
    primary: bool = False


def user_can_write(user, row, locale):
    """May ``user`` write ``row``'s object in ``locale``? (Team languages, then model rights.)"""
    if not user_can_write_locale(user, locale):
        return False
    return row.kind == PAGES or user_can_edit_snippet_type(user, row.model)


def request_actions(user, row, cell, names):
    """In a language the user does not write: ask its team for a missing or outdated version."""
    if (
        (cell.status in NEEDS_VERSION or cell.status == Status.OUTDATED)
        and cell.request is None
        and user_can_write(user, row, row.source.locale_id)
    ):
        if row.kind == PAGES:
            url = reverse("translation_requests:page", args=[row.source.pk])
        else:
            meta = row.model._meta
            url = reverse(
                "translation_requests:snippet",
                args=[meta.app_label, meta.model_name, quote(row.source.pk)],
            )
        return [
            Action(
                gettext("Request"),
                url,
                gettext("Request a version of “%(title)s” (%(language)s)") % names,
            )
        ]
    return []


def cell_actions(user, row, cell, next_url):
    """What ``user`` may do from this cell: only in a language they write."""
    names = {"title": row.title, "language": cell.locale.get_display_name()}
    if not user_can_write(user, row, cell.locale):
        return request_actions(user, row, cell, names)
    actions = []
    if cell.request is not None:
        actions.append(
            Action(
                gettext("Decline"),
                reverse("translation_requests:decline", args=[cell.request.pk]),
                gettext("Decline the request for “%(title)s” (%(language)s)") % names,
            )
        )
    if cell.status in (Status.MISSING, Status.ALIAS):
        actions.append(
            Action(
                gettext("Translate"),
                translate_url(row),
                gettext("Translate “%(title)s” (%(language)s)") % names,
                primary=True,
            )
        )
    if cell.status == Status.OUTDATED and cell.source_id:
        url = reverse("wagtail_localize:update_translations", args=[cell.source_id])
        actions.append(
            Action(
                gettext("Sync"),
                f"{url}?{urlencode({'next': next_url})}",
                gettext("Sync “%(title)s” (%(language)s)") % names,
                primary=True,
            )
        )
    if cell.unreviewed and cell.translation_id:
        url = reverse("translation_review", args=[cell.translation_id])
        actions.append(
            Action(
                pgettext("board action", "Review"),
                f"{url}?show=machine-unreviewed",
                gettext("Review the machine translation of “%(title)s” (%(language)s)") % names,
            )
        )
    if cell.version is not None:
        actions.append(
            Action(
                gettext("Edit"),
                edit_url(cell.version),
                gettext("Edit “%(title)s” (%(language)s)") % names,
            )
        )
    return actions


LEGEND = [
    (Status.SOURCE, _("The language the page or record was written in, and is translated from.")),
    (Status.MISSING, _("There is no version in this language yet.")),
    (
        Status.ALIAS,
        _("The page in this language is only an alias: it shows the original, untranslated."),
    ),
    (
        Status.OUTDATED,
        _(
            "The original changed after the translation was last synced (or, for a translation "
            "made without wagtail-localize, after the translation last changed)."
        ),
    ),
    (
        Status.IN_PROGRESS,
        _(
            "Not every text of the original is translated yet (the share is shown), or the "
            "translation or the last sync is not yet published into this version."
        ),
    ),
    (Status.DRAFT, _("Translated, but the newest version is not published.")),
    (Status.UP_TO_DATE, _("Translated, published and in step with the original.")),
]


# Filters ---------------------------------------------------------------------


def locale_choices():
    return list(get_content_languages().items())


class BoardFilterSet(WagtailFilterSet):
    """The board's filter form, with Wagtail's drawer and active-filter pills.

    The board is a list of rows, not a queryset: the view applies the cleaned
    values itself, so the filters below never filter anything on their own.
    """

    section = django_filters.ChoiceFilter(
        label=_("Section"), choices=section_choices, empty_label=_("All")
    )
    locale = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=locale_choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[(status.value, status.label) for status in TARGET_STATUSES],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, Locale.objects.none(), request=request, prefix=prefix)


# Table -----------------------------------------------------------------------


class StatusColumn(BaseColumn):
    """One language: the status tag, with the actions the user may take there."""

    cell_template_name = "translation/board_status_cell.html"

    def __init__(self, locale, view):
        super().__init__(f"locale_{locale.language_code}", label=locale.get_display_name())
        self.locale = locale
        self.view = view

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        cell = instance.cell(self.locale.pk)
        context["cell"] = cell
        context["actions"] = cell_actions(
            self.view.request.user, instance, cell, self.view.next_url
        )
        if self.view.may_machine_translate(instance, cell):
            # A translation to fill, or a version to create first (create_value).
            if cell.translation_id:
                context["machine_name"], context["machine_value"] = (
                    "translation",
                    cell.translation_id,
                )
            else:
                context["machine_name"] = "create"
                context["machine_value"] = create_value(instance, cell)
            context["machine_select"] = gettext(
                "Select “%(title)s” (%(language)s) for machine translation"
            ) % {"title": instance.title, "language": cell.locale.get_display_name()}
        return context


class StatusBoardView(TextCellsExportMixin, ReportView):
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"
    template_name = "translation/board.html"
    results_template_name = "translation/board_results.html"
    index_url_name = "translation_status:board"
    index_results_url_name = "translation_status:board_results"
    filterset_class = BoardFilterSet
    paginate_by = 50
    export_filename = "translation-status"
    legend = LEGEND

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_board(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filter_values(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    @cached_property
    def board(self):
        return build_board(sections_for(self.filter_values.get("section")))

    @cached_property
    def locale(self):
        code = self.filter_values.get("locale")
        return next((loc for loc in self.board.locales if loc.language_code == code), None)

    @cached_property
    def shown_locales(self):
        return [self.locale] if self.locale else self.board.locales

    @cached_property
    def next_url(self):
        """Where wagtail-localize's sync returns to: the board, as filtered now."""
        params = self.request.GET.copy()
        for technical in ("_w_filter_fragment", "export"):
            params.pop(technical, None)
        url = reverse(self.index_url_name)
        return f"{url}?{params.urlencode()}" if params else url

    def get_queryset(self):
        return self.board.rows

    # Machine translation of the selected rows (translation/bulk_machine.py)

    @cached_property
    def machine_translator(self):
        return get_machine_translator()

    @cached_property
    def machine_locale_ids(self):
        if self.machine_translator is None:
            return set()
        return writable_locale_ids(self.request.user)

    def may_machine_translate(self, row, cell):
        return (
            cell.locale.pk in self.machine_locale_ids
            and user_can_write(self.request.user, row, cell.locale)
            and is_selectable(cell)
        )

    def machine_selectable(self):
        """Whether any listed row offers a checkbox (then the board shows the button)."""
        return any(
            self.may_machine_translate(row, cell)
            for row in self.object_list
            for cell in row.cells
            if cell.locale in self.shown_locales
        )

    def filter_queryset(self, rows):
        return self.board.filter(
            self.locale.pk if self.locale else None, self.filter_values.get("status") or ()
        )

    # The table

    def source_url(self, row):
        if user_can_write(self.request.user, row, row.source.locale_id):
            return edit_url(row.source)
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Title"), get_url=self.source_url),
            Column("section", label=_("Section"), accessor="section.label"),
            Column("original", label=_("Original language"), accessor=self.original_language),
        ] + [StatusColumn(locale, self) for locale in self.shown_locales]

    def original_language(self, row):
        cell = row.cell(row.source.locale_id)
        return cell.locale.get_display_name() if cell else ""

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "caption": _("Translation status by language")}

    # The spreadsheet

    @cached_property
    def list_export(self):
        fields = ["title", "section", "original"]
        for locale in self.shown_locales:
            fields += [f"status_{locale.language_code}", f"percent_{locale.language_code}"]
        return fields

    @cached_property
    def export_headings(self):
        headings = {
            "title": gettext("Title"),
            "section": gettext("Section"),
            "original": gettext("Original language"),
        }
        for locale in self.shown_locales:
            names = {"language": locale.get_display_name()}
            headings[f"status_{locale.language_code}"] = gettext("%(language)s: status") % names
            headings[f"percent_{locale.language_code}"] = (
                gettext("%(language)s: share translated (%%)") % names
            )
        return headings

    def to_row_dict(self, item):
        values = OrderedDict(
            [
                ("title", item.title),
                ("section", item.section.label),
                ("original", self.original_language(item)),
            ]
        )
        for locale in self.shown_locales:
            cell = item.cell(locale.pk)
            values[f"status_{locale.language_code}"] = cell.label
            values[f"percent_{locale.language_code}"] = "" if cell.percent is None else cell.percent
        return values

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["status_totals"] = self.status_totals()
        if self.machine_locale_ids:
            context["machine_translator"] = self.machine_translator
            context["machine_selectable"] = self.machine_selectable()
        return context

    def status_totals(self):
        """How many cells of the listed rows have each status, in the languages shown."""
        totals = Counter(
            cell.status
            for row in self.object_list
            for cell in row.cells
            if cell.status != Status.SOURCE and cell.locale in self.shown_locales
        )
        return [(status, totals[status]) for status in TARGET_STATUSES if totals[status]]


class StatusBoardMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_board(request.user)


def status_board_menu_item():
    return StatusBoardMenuItem(
        _("Translation status"),
        reverse("translation_status:board"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=850,
    )


urlpatterns = [
    path("", StatusBoardView.as_view(), name="board"),
    path("results/", StatusBoardView.as_view(results_only=True), name="board_results"),
]

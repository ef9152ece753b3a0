"""The admin's listing of a form page's submissions, whose CSV keeps every answer text.

Visitors write these cells, so none may run as a formula when an editor opens
the export (``safetext.spreadsheet_cells``). ``FormPage.get_submissions_list_view_class``,
Wagtail's place for a custom listing, returns this view.
"""

from wagtail.contrib.forms.views import SubmissionsListView as WagtailSubmissionsListView

from safetext.spreadsheet_cells import TextCellsExportMixin


class SubmissionsListView(TextCellsExportMixin, WagtailSubmissionsListView):
    pass

"""The admin's listing of a statement's feedback, whose CSV keeps every answer as text.

As for the form pages (home/form_submissions.py): visitors write these cells,
so none may run as a formula when an editor opens the export.
"""

from wagtail.contrib.forms.views import SubmissionsListView as WagtailSubmissionsListView

from safetext.spreadsheet_cells import TextCellsExportMixin


class SubmissionsListView(TextCellsExportMixin, WagtailSubmissionsListView):
    pass

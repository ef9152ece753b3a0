"""The bilingual reading view: both versions side by side, block by block."""

import re

import pytest
from django.utils.html import escape

from exhibitions.models import ExhibitionPage
from partnership.models import DelegationReportPage, WorkshopPage

pytestmark = pytest.mark.django_db


def cells(html):
    return re.findall(r'<div role="cell" lang="(\w+)">', html)


def test_report_side_by_side_with_blocks_aligned(client, demo):
    french = DelegationReportPage.objects.live().get(locale=demo.fr)
    german = french.get_translation(demo.de)
    page = client.get(french.url).text
    link = re.search(r'<a href="([^"]+)" class="language-switcher__both">', page)[1]
    assert link == f"{french.url}bilingual/"

    response = client.get(link)
    assert response.status_code == 200
    html = response.text
    assert '<meta name="robots" content="noindex">' in html
    assert escape(french.title) in html and escape(german.title) in html
    # Left in the page's language, right in the other, in every row.
    languages = cells(html)
    assert languages[0::2] == ["fr"] * (len(languages) // 2)
    assert languages[1::2] == ["de"] * (len(languages) // 2)
    # Each programme day meets its own translation, dated in its column's language.
    assert html.index("lundi 6 octobre 2025") < html.index("Montag, 6. Oktober 2025")
    assert html.index("Montag, 6. Oktober 2025") < html.index("mardi 7 octobre 2025")
    rows = len(languages) // 2
    assert rows == 1 + 1 + 1 + len(french.programme) + 2 + len(french.body)


@pytest.mark.parametrize("model", [WorkshopPage, ExhibitionPage])
def test_every_translated_content_page_has_the_view(client, demo, model):
    page = model.objects.live().filter(locale=demo.de).first()
    response = client.get(f"{page.url}bilingual/")
    assert response.status_code == 200
    assert '<html lang="de">' in response.text


def test_a_page_without_translation_has_no_reading_view(client, demo):
    german_only = next(
        page
        for page in DelegationReportPage.objects.live().filter(locale=demo.de)
        if not page.has_translation(demo.fr)
    )
    assert "language-switcher__both" not in client.get(german_only.url).text
    assert client.get(f"{german_only.url}bilingual/").status_code == 404


def test_a_block_not_yet_translated_is_marked(client, demo):
    german = DelegationReportPage.objects.live().get(locale=demo.de, start_date__year=2025)
    german.body.append(("heading", {"text": "Ein neuer Abschnitt", "level": "h2"}))
    german.save_revision().publish()
    html = client.get(f"{german.url}bilingual/").text
    assert "Ein neuer Abschnitt" in html
    assert "Pas encore traduit" in html  # said in the column's language

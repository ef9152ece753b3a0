"""The translation status board and its dashboard panel.

The statuses are followed through a real wagtail-localize round trip driven
through the admin views, and read back as editors see them: in the rendered
board (German admin for the superuser and Naumburg, French for Les Ulis) and
in its CSV export.
"""

import csv
import datetime
import html
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.models import SiteIdentity, StandardPage
from partnership.models import DelegationReportIndexPage, DelegationReportPage, PartnerCity
from tests.factories import DelegationReportPageFactory, PartnerCityFactory, UserFactory
from translation.status import build_board

pytestmark = pytest.mark.django_db

BOARD = "/admin/translation-status/"
# The demo's German report that was never translated, and a French workshop.
UNTRANSLATED = "Wie alles begann: der Deutsch-Französische Tag 2022 und 2023"
FRENCH_ORIGINAL = "Ensemble contre la solitude : accueillir et accompagner les bénévoles"
# The board titles a row in the admin language where that version exists.
FRENCH_ORIGINAL_IN_GERMAN = (
    "Gemeinsam gegen Einsamkeit: Freiwillige willkommen heißen und begleiten"
)


def text_of(response):
    """The page's visible text, tags stripped and spaces collapsed."""
    body = re.sub(r"<(script|template)\b.*?</\1>", " ", response.text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def csv_rows(client, **params):
    response = client.get(BOARD, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def csv_row(client, title, **params):
    return next(row for row in csv_rows(client, **params) if row["Titel"] == title)


def row_html(response, title):
    """The board's table row for ``title``."""
    for row in re.findall(r"<tr>.*?</tr>", response.text, flags=re.S):
        if title in html.unescape(row):
            return row
    raise AssertionError(f"no row for {title!r}")


def french_cell(client, title):
    """What the board shows in the French column for ``title``, e.g. ``In Arbeit 50 %``."""
    row = csv_row(client, title)
    status = row["Français: Status"]
    share = row["Français: Anteil übersetzt (%)"]
    return f"{status} {share} %" if status == "In Arbeit" else status


def twin_cities(demo):
    """Two German partner cities with French versions, so that a translation can be published."""
    french = PartnerCity.objects.filter(locale=demo.fr).values("translation_key")
    return list(PartnerCity.objects.filter(locale=demo.de, translation_key__in=french)[:2])


def german_report(demo, title="Bürgerreise 2026", **fields):
    from_city, to_city = twin_cities(demo)
    page = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de),
        title=title,
        summary="Eine Delegation besucht die Partnerstadt.",
        aim="<p>Voneinander lernen.</p>",
        from_city=from_city,
        to_city=to_city,
        **fields,
    )
    page.save_revision().publish()
    return page


def translate_strings(client, translation, count=None):
    """Translate ``count`` (default: all remaining) strings through wagtail-localize's API."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale, translation_of__in=segments.values("string")
        ).values_list("translation_of_id", "context_id")
    )
    todo = [s for s in segments.order_by("order") if (s.string_id, s.context_id) not in done]
    for segment in todo[:count]:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
        response = client.put(
            url,
            f"value=FR+{segment.id}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201)


def publish_from_editor(client, url, capture):
    with capture(execute=True):
        response = client.post(url, {"action": "publish"})
    assert response.status_code == 302


# The statuses, step by step ------------------------------------------------------


def test_every_status_along_a_page_translation(
    demo, admin_client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    german = german_report(demo)
    title = german.title

    # A new German page: the French version is missing; German is the original.
    row = csv_row(admin_client, title)
    assert row["Deutsch: Status"] == "Original"
    assert row["Originalsprache"] == "Deutsch"
    assert row["Bereich"] == "Delegationsberichte"
    assert french_cell(admin_client, title) == "Fehlt"

    # Submitted for translation: in progress, nothing translated yet.
    with capture(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[german.id]),
            {"locales": [demo.fr.id]},
        )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )
    total = StringSegment.objects.filter(source=translation.source).count()
    assert total >= 2
    assert french_cell(admin_client, title) == "In Arbeit 0 %"

    # Half of the strings translated through the translation editor's API.
    half = total // 2
    translate_strings(admin_client, translation, half)
    share = half * 100 // total
    assert french_cell(admin_client, title) == f"In Arbeit {share} %"
    board = admin_client.get(BOARD, {"section": "partnership.delegationreportpage"})
    assert f"In Arbeit {share} %" in text_of(board)

    # Everything translated in the editor, but not yet published into the page.
    translate_strings(admin_client, translation)
    assert french_cell(admin_client, title) == "In Arbeit 100 %"
    french = german.get_translation(demo.fr)

    # Published from the translation editor: up to date.
    publish_from_editor(admin_client, reverse("wagtailadmin_pages:edit", args=[french.id]), capture)
    assert french_cell(admin_client, title) == "Aktuell"
    assert csv_row(admin_client, title)["Français: Anteil übersetzt (%)"] == "100"

    # The German editors change a date and republish: the French version is outdated.
    german = DelegationReportPage.objects.get(pk=german.pk)
    german.start_date = datetime.date(2025, 10, 7)
    german.save_revision().publish()
    assert french_cell(admin_client, title) == "Veraltet"
    board = admin_client.get(BOARD, {"locale": "fr", "status": "outdated"})
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert sync_url in board.text

    # Synced (and published) through wagtail-localize: up to date again.
    with capture(execute=True):
        response = admin_client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert french_cell(admin_client, title) == "Aktuell"
    assert DelegationReportPage.objects.get(pk=french.pk).start_date == datetime.date(2025, 10, 7)

    # The French version is unpublished: a draft.
    DelegationReportPage.objects.get(pk=french.pk).unpublish()
    assert french_cell(admin_client, title) == "Entwurf"


def test_a_changed_text_needs_a_sync_then_its_translation(
    demo, admin_client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    german = german_report(demo, title="Jugendaustausch")
    with capture(execute=True):
        admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[german.id]),
            {"locales": [demo.fr.id]},
        )
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )
    translate_strings(admin_client, translation)
    french = german.get_translation(demo.fr)
    publish_from_editor(admin_client, reverse("wagtailadmin_pages:edit", args=[french.id]), capture)
    assert french_cell(admin_client, "Jugendaustausch") == "Aktuell"

    german = DelegationReportPage.objects.get(pk=german.pk)
    german.summary = "Eine neue Zusammenfassung."
    german.save_revision().publish()
    assert french_cell(admin_client, "Jugendaustausch") == "Veraltet"

    # Synced without publishing: the new text is untranslated and the French
    # page does not have the sync yet.
    sync_url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert admin_client.post(sync_url, {}).status_code == 302
    total = StringSegment.objects.filter(source=translation.source).count()
    assert (
        french_cell(admin_client, "Jugendaustausch") == f"In Arbeit {(total - 1) * 100 // total} %"
    )

    translate_strings(admin_client, translation)
    assert french_cell(admin_client, "Jugendaustausch") == "In Arbeit 100 %"
    publish_from_editor(admin_client, reverse("wagtailadmin_pages:edit", args=[french.id]), capture)
    assert french_cell(admin_client, "Jugendaustausch") == "Aktuell"


def german_standard_page(demo, title):
    page = demo.home_de.add_child(instance=StandardPage(title=title, intro="Einleitung."))
    page.save_revision().publish()
    return page


def test_an_alias_counts_as_untranslated(demo, admin_client):
    german = german_standard_page(demo, "Gemeinsamer Stand")
    german.copy_for_translation(demo.fr, alias=True)
    assert french_cell(admin_client, "Gemeinsamer Stand") == "Alias"
    row = row_html(admin_client.get(BOARD), "Gemeinsamer Stand")
    assert reverse("wagtail_localize:submit_page_translation", args=[german.id]) in row


def test_a_translation_made_without_wagtail_localize(demo, admin_client):
    german = german_standard_page(demo, "Handarbeit")
    french = german.copy_for_translation(demo.fr)
    assert french_cell(admin_client, "Handarbeit") == "Entwurf"

    french.title = "Fait main"
    french.save_revision().publish()
    assert french_cell(admin_client, "Handarbeit") == "Aktuell"

    # The original is published again after the French version: outdated, and
    # there is nothing for wagtail-localize to sync.
    StandardPage.objects.get(pk=german.pk).save_revision().publish()
    assert french_cell(admin_client, "Handarbeit") == "Veraltet"
    row = row_html(admin_client.get(BOARD), "Handarbeit")
    assert "update/" not in row
    assert reverse("wagtailadmin_pages:edit", args=[french.id]) in row


def test_a_snippet_from_missing_to_outdated(demo, admin_client):
    city = PartnerCityFactory(locale=demo.de, name="Bad Kösen", country="DE")
    city.save_revision()
    assert french_cell(admin_client, "Bad Kösen") == "Fehlt"
    submit = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["partnership", "partnercity", city.pk],
    )
    assert submit in row_html(admin_client.get(BOARD), "Bad Kösen")

    assert admin_client.post(submit, {"locales": [demo.fr.id]}).status_code == 302
    assert french_cell(admin_client, "Bad Kösen").startswith("In Arbeit 0")

    translation = Translation.objects.get(source__object_id=city.translation_key)
    translate_strings(admin_client, translation)
    french = city.get_translation(demo.fr)
    edit = reverse("wagtailsnippets_partnership_partnercity:edit", args=[french.pk])
    assert admin_client.post(edit, {"action": "publish"}).status_code == 302
    assert french_cell(admin_client, "Bad Kösen") == "Aktuell"

    # An edit of the German record (a new revision) makes the French one outdated.
    city.region = "Sachsen-Anhalt"
    city.save()
    city.save_revision()
    assert french_cell(admin_client, "Bad Kösen") == "Veraltet"


def test_a_snippet_without_revisions_is_dated_by_its_history(demo, admin_client):
    """The site identity keeps no revisions: its last edit comes from Wagtail's history."""
    identity = SiteIdentity.objects.get(locale=demo.de)
    title = str(identity)
    assert french_cell(admin_client, title) == "Aktuell"

    edit = reverse("wagtailsnippets_home_siteidentity:edit", args=[identity.pk])
    form = admin_client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["contact_heading"] = "Schreiben Sie uns"
    assert admin_client.post(edit, data).status_code == 302
    assert french_cell(admin_client, title) == "Veraltet"


# Filters, export, permissions ----------------------------------------------------


def titles(response):
    return {
        html.unescape(title).strip()
        for title in re.findall(
            r'<td class="title">\s*<div class="title-wrapper">\s*(?:<a[^>]*>)?\s*([^<]+?)\s*<',
            response.text,
        )
    }


def test_filters_by_section_locale_and_status(demo, admin_client):
    everything = titles(admin_client.get(BOARD))
    assert {UNTRANSLATED, FRENCH_ORIGINAL_IN_GERMAN, "Les Ulis", "Naumburg (Saale)"} <= everything

    reports = titles(admin_client.get(BOARD, {"section": "partnership.delegationreportpage"}))
    assert UNTRANSLATED in reports
    assert FRENCH_ORIGINAL_IN_GERMAN not in reports
    assert "Les Ulis" not in reports
    assert "Delegationsreisen" in reports, "the index page belongs to its section"

    cities = titles(admin_client.get(BOARD, {"section": "partnership.partnercity"}))
    assert cities == {"Les Ulis", "Naumburg (Saale)"}
    records = titles(admin_client.get(BOARD, {"section": "snippets"}))
    assert "Les Ulis" in records and UNTRANSLATED not in records
    other = titles(admin_client.get(BOARD, {"section": "other-pages"}))
    assert {"Kontakt", "Datenschutz", "Naumburg und Les Ulis"} <= other

    missing = titles(admin_client.get(BOARD, {"status": "missing"}))
    assert UNTRANSLATED in missing
    assert FRENCH_ORIGINAL_IN_GERMAN not in missing

    # Into French: only what is not French to begin with, in a French column only.
    french = admin_client.get(BOARD, {"locale": "fr"})
    assert UNTRANSLATED in titles(french)
    assert FRENCH_ORIGINAL_IN_GERMAN not in titles(french)
    headers = re.findall(r"<th[^>]*>\s*([^<]+?)\s*</th>", french.text)
    assert "Français" in headers and "Deutsch" not in headers
    assert titles(admin_client.get(BOARD, {"locale": "de", "status": "missing"})) == set()
    assert titles(admin_client.get(BOARD, {"locale": "fr", "status": "missing"})) == {UNTRANSLATED}

    results = admin_client.get(BOARD + "results/", {"locale": "fr", "status": "missing"})
    assert results.status_code == 200
    assert titles(results) == {UNTRANSLATED}

    assert admin_client.get(BOARD, {"status": "nonsense"}).status_code == 200


def test_csv_export(demo, admin_client):
    rows = csv_rows(admin_client)
    assert list(rows[0]) == [
        "Titel",
        "Bereich",
        "Originalsprache",
        "Deutsch: Status",
        "Deutsch: Anteil übersetzt (%)",
        "Français: Status",
        "Français: Anteil übersetzt (%)",
    ]
    by_title = {row["Titel"]: row for row in rows}
    assert by_title[UNTRANSLATED]["Français: Status"] == "Fehlt"
    assert by_title[UNTRANSLATED]["Français: Anteil übersetzt (%)"] == ""
    assert by_title[FRENCH_ORIGINAL_IN_GERMAN]["Français: Status"] == "Original"
    assert by_title[FRENCH_ORIGINAL_IN_GERMAN]["Deutsch: Status"] == "Aktuell"
    assert by_title[FRENCH_ORIGINAL_IN_GERMAN]["Deutsch: Anteil übersetzt (%)"] == "100"
    assert by_title["Les Ulis"]["Bereich"] == "Partnerstädte"
    assert len(rows) == len(build_board().rows)

    xlsx = admin_client.get(BOARD, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")

    # The export follows the filters.
    french = csv_rows(admin_client, locale="fr", status="missing")
    assert [row["Titel"] for row in french] == [UNTRANSLATED]
    assert "Deutsch: Status" not in french[0]


def test_actions_follow_the_languages_each_user_writes(demo, login):
    untranslated = DelegationReportPage.objects.get(title=UNTRANSLATED)
    submit = reverse("wagtail_localize:submit_page_translation", args=[untranslated.id])
    edit_german = reverse("wagtailadmin_pages:edit", args=[untranslated.id])
    workshop = Page.objects.get(title=FRENCH_ORIGINAL)
    workshop_de = workshop.get_translation(demo.de)
    edit_workshop_fr = reverse("wagtailadmin_pages:edit", args=[workshop.id])
    edit_workshop_de = reverse("wagtailadmin_pages:edit", args=[workshop_de.id])
    city = PartnerCity.objects.get(locale=demo.fr, name="Les Ulis")
    edit_city_fr = reverse("wagtailsnippets_partnership_partnercity:edit", args=[city.pk])

    naumburg = login("naumburg").get(BOARD)
    assert naumburg.status_code == 200
    row = row_html(naumburg, UNTRANSLATED)
    assert submit not in row, "Naumburg does not write French"
    assert edit_german in row
    row = row_html(naumburg, FRENCH_ORIGINAL_IN_GERMAN)
    assert edit_workshop_de in row and edit_workshop_fr not in row
    assert FRENCH_ORIGINAL not in text_of(naumburg), "titled in Naumburg's language"
    assert edit_city_fr not in naumburg.text
    assert "Übersetzen" not in text_of(naumburg)

    lesulis = login("lesulis").get(BOARD)
    assert lesulis.status_code == 200
    row = row_html(lesulis, UNTRANSLATED)
    assert submit in row
    assert f'href="{edit_german}"' not in row, "the German title is not a link for Les Ulis"
    assert "Traduire" in text_of(lesulis)
    row = row_html(lesulis, FRENCH_ORIGINAL)
    assert edit_workshop_fr in row and edit_workshop_de not in row
    assert "Wie alles begann" in text_of(lesulis), "no French version: the original's title"
    assert edit_city_fr in lesulis.text
    assert "Manquante" in text_of(lesulis), "the board speaks French to Les Ulis"

    admin = login("admin").get(BOARD)
    row = row_html(admin, UNTRANSLATED)
    assert submit in row and edit_german in row
    row = row_html(admin, FRENCH_ORIGINAL_IN_GERMAN)
    assert edit_workshop_fr in row and edit_workshop_de in row


def test_sync_is_offered_to_the_team_of_the_outdated_language(demo, login):
    german = german_report(demo, title="Synchronisiert")
    admin = login("admin")
    admin.post(
        reverse("wagtail_localize:submit_page_translation", args=[german.id]),
        {"locales": [demo.fr.id]},
    )
    source_id = Translation.objects.get(source__object_id=german.translation_key).source_id
    DelegationReportPage.objects.get(pk=german.pk).save_revision().publish()
    sync = reverse("wagtail_localize:update_translations", args=[source_id])

    assert sync in row_html(login("lesulis").get(BOARD), "Synchronisiert")
    assert sync not in row_html(login("naumburg").get(BOARD), "Synchronisiert")
    row = row_html(admin.get(BOARD, {"locale": "fr"}), "Synchronisiert")
    link = html.unescape(re.search(rf'href="({re.escape(sync)}[^"]*)"', row)[1])
    assert parse_qs(urlsplit(link).query)["next"] == [f"{BOARD}?locale=fr"]


def test_who_sees_the_board(demo, login):
    for username in ("naumburg", "lesulis", "admin"):
        dashboard = login(username).get(reverse("wagtailadmin_home"))
        assert '"url": "/admin/translation-status/"' in dashboard.text, username

    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client = Client()
    client.force_login(outsider)
    refused = client.get(BOARD)  # Wagtail turns the refusal into a redirect with a message
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "/admin/translation-status/" not in dashboard.text


# The dashboard panel ---------------------------------------------------------------


def test_dashboard_panel_in_each_editors_language(demo, login):
    naumburg = text_of(login("naumburg").get(reverse("wagtailadmin_home")))
    assert "Übersetzungsstand" in naumburg
    assert "Alles ist auf Deutsch übersetzt und aktuell." in naumburg
    assert "Französisch" not in naumburg

    lesulis = login("lesulis").get(reverse("wagtailadmin_home"))
    assert "État des traductions" in text_of(lesulis)
    assert "1 page a besoin d'une version en français" in text_of(lesulis)
    link = f"{BOARD}?locale=fr&section=pages&status=alias&status=missing"
    assert f'href="{html.escape(link)}"' in lesulis.text
    assert titles(login("lesulis").get(link)) == {UNTRANSLATED}

    # A French page without a German version, and an outdated German translation.
    french_index = DelegationReportIndexPage.objects.get(locale=demo.fr)
    from_city, to_city = twin_cities(demo)
    DelegationReportPageFactory(
        parent=french_index,
        title="Visite à Naumburg",
        from_city=from_city.get_translation(demo.fr),
        to_city=to_city.get_translation(demo.fr),
    ).save_revision().publish()
    Page.objects.get(title=FRENCH_ORIGINAL).specific.save_revision().publish()
    naumburg = text_of(login("naumburg").get(reverse("wagtailadmin_home")))
    assert "1 Seite braucht eine Fassung auf Deutsch" in naumburg
    assert "1 Fassung auf Deutsch ist veraltet" in naumburg


def test_superusers_see_every_language_on_the_dashboard(demo, login):
    admin = text_of(login("admin").get(reverse("wagtailadmin_home")))
    assert "1 Seite braucht eine Fassung auf Französisch" in admin
    assert "Alles ist auf Deutsch übersetzt und aktuell." in admin


def css_rule(css, selector):
    """The declarations of one rule of a minified stylesheet."""
    found = re.search(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", css)
    assert found, selector
    return dict(part.split(":", 1) for part in found[1].split(";") if part)


def test_dashboard_panel_text_is_as_far_from_the_border_as_in_wagtails_panels(demo, login):
    """The text sits in Wagtail's own spacing classes, as far in as the rows of its panels."""
    dashboard = login("naumburg").get(reverse("wagtailadmin_home")).text
    panel = re.search(
        r'<div id="translation-status-content" class="w-panel__content">\s*'
        r'<div class="([^"]+)">(.*?)</div>\s*</div>\s*</section>',
        dashboard,
        flags=re.S,
    )
    assert panel, "all of the panel's text is in one box"
    assert "Alles ist auf Deutsch übersetzt und aktuell." in " ".join(panel[2].split())
    last = re.findall(r'<p class="([^"]+)">', panel[2])[-1]
    # Wagtail builds its stylesheet with only the classes it uses itself: these must be there.
    css = Path(finders.find("wagtailadmin/css/core.css")).read_text()
    rows = css_rule(css, ".listing--dashboard td:first-child,.listing--dashboard th:first-child")
    sides = {}
    for name in panel[1].split():
        sides.update(css_rule(css, f".{name}"))
    assert sides["padding-inline-start"] == rows["padding-inline-start"]
    assert sides["padding-inline-end"] == rows["padding-inline-start"]
    below = {}
    for name in last.split():
        below.update(css_rule(css, f".{name}"))
    header = css_rule(css, ".w-panel--dashboard .w-panel__header")
    assert below["margin-bottom"] == header["padding"]


# A fixed number of queries -------------------------------------------------------


def board_queries(client, params):
    client.get(BOARD, params)  # warm the content type and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BOARD, params)
    assert response.status_code == 200
    return len(queries)


def add_reports(demo, count):
    from_city, to_city = twin_cities(demo)
    parent = DelegationReportIndexPage.objects.get(locale=demo.de)
    first = parent.get_children().count()
    for number in range(first, first + count):
        DelegationReportPageFactory(
            parent=parent, title=f"Bericht {number:03}", from_city=from_city, to_city=to_city
        )


@pytest.mark.parametrize("params", [{}, {"locale": "fr", "status": "missing"}, {"export": "csv"}])
def test_the_query_count_does_not_grow_with_the_pages(demo, login, params):
    client = login("lesulis")
    add_reports(demo, 10)
    with_ten = board_queries(client, params)
    add_reports(demo, 190)
    with_two_hundred = board_queries(client, params)
    # 23 for a page of the board and 17 for the CSV when this was written:
    # session, user, permissions and the admin's menu, plus the board's 12.
    assert with_ten == with_two_hundred


def test_the_board_itself_runs_twelve_queries(demo):
    """Locales, pages, six snippet models, their history, sources, translations, requests."""
    build_board()  # warm the content type cache
    add_reports(demo, 10)
    with CaptureQueriesContext(connection) as ten:
        build_board()
    add_reports(demo, 190)
    with CaptureQueriesContext(connection) as two_hundred:
        board = build_board()
    assert len(ten) == len(two_hundred) == 12
    assert sum(row.title.startswith("Bericht ") for row in board.rows) == 200

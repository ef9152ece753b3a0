"""Machine translation of several pages and records at once, from the status board.

The editors tick rows on the board and post the board's own form; the job runs
in the real ``db_worker`` of the ``translation`` queue, against the local fake
DeepL (``conftest.py``), and the editors read the job's page in their admin
language.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from accessibility.models import AccessibilityStatementPage
from home.models import StandardPage
from partnership.models import DelegationReportIndexPage, PartnerCity
from tests.factories import DelegationReportPageFactory, PartnerCityFactory
from tests.subscribers.helpers import run_mail_worker
from translation.models import MachineTranslationItem, MachineTranslationJob, SegmentReview

pytestmark = pytest.mark.django_db

BOARD = "/admin/translation-status/"
START = "/admin/translation-status/machine-translate/"
JOBS = "/admin/translation-status/machine-translation/"


def text_of(response):
    body = re.sub(r"<(script|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def run_worker(monkeypatch):
    return run_mail_worker(monkeypatch, queue="translation")


def cities(demo, locale):
    """Two partner cities in ``locale`` that exist in the other language too."""
    other = demo.fr if locale == demo.de else demo.de
    keys = PartnerCity.objects.filter(locale=other).values("translation_key")
    return list(PartnerCity.objects.filter(locale=locale, translation_key__in=keys)[:2])


def report(demo, title, locale=None):
    locale = locale or demo.de
    from_city, to_city = cities(demo, locale)
    page = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=locale),
        title=title,
        summary=f"Zusammenfassung: {title}.",
        aim="<p>Voneinander lernen.</p>",
        from_city=from_city,
        to_city=to_city,
    )
    page.save_revision().publish()
    return page


def submit(admin_client, instance, locale):
    """Submit ``instance`` for translation into ``locale`` through wagtail-localize's form."""
    if isinstance(instance, Page):
        url = reverse("wagtail_localize:submit_page_translation", args=[instance.pk])
    else:
        meta = instance._meta
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, instance.pk],
        )
    assert admin_client.post(url, {"locales": [locale.pk]}).status_code == 302
    return Translation.objects.get(source__object_id=instance.translation_key, target_locale=locale)


def checkboxes(response):
    """The translation ids the board offers for machine translation."""
    return [int(v) for v in re.findall(r'name="translation" value="(\d+)"', response.text)]


def edit_of(translation):
    """The editor of the translated version: for a synced translation, the translation editor."""
    target = translation.get_target_instance()
    if isinstance(target, Page):
        return reverse("wagtailadmin_pages:edit", args=[target.pk])
    meta = target._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[target.pk])


def machine_texts(translation):
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )


def segments(translation):
    """The texts a machine may translate: all but the slug."""
    return StringSegment.objects.filter(source=translation.source).exclude(context__path="slug")


def start(client, capture, ids):
    with capture(execute=True):
        return client.post(START, {"translation": [str(i) for i in ids]})


@pytest.fixture
def three_french_drafts(demo, admin_client):
    """Two German reports and a German partner city, submitted for French, nothing translated."""
    first = report(demo, "Bürgerreise nach Les Ulis")
    second = report(demo, "Besuch der Vereine")
    city = PartnerCityFactory(locale=demo.de, name="Hildesheim", description="Eine Stadt.")
    return [submit(admin_client, obj, demo.fr) for obj in (first, second, city)]


def test_the_french_team_translates_two_pages_and_a_record_in_one_go(
    demo, login, deepl, three_french_drafts, django_capture_on_commit_callbacks, monkeypatch
):
    first, second, city = three_french_drafts
    french_page = first.get_target_instance()
    live_title = Page.objects.get(pk=french_page.pk).title
    revisions = french_page.revisions.count()
    client = login("lesulis")
    # A person's translation is never overwritten.
    summary = segments(first).get(context__path="summary")
    typed = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[first.pk, summary.pk]),
        "value=R%C3%A9sum%C3%A9+%C3%A9crit+%C3%A0+la+main",
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code in (200, 201)

    board = client.get(BOARD, {"locale": "fr"})
    assert board.status_code == 200
    offered = checkboxes(board)
    assert {first.pk, second.pk, city.pk} <= set(offered)
    assert "Traduire automatiquement la sélection" in text_of(board)
    assert 'form="tw-machine-form"' in board.text
    assert (
        "Sélectionner « Bürgerreise nach Les Ulis » (Français) pour la traduction automatique"
        in text_of(board)
    )

    response = start(client, django_capture_on_commit_callbacks, [first.pk, second.pk, city.pk])
    job = MachineTranslationJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("translation_status:machine_job", args=[job.pk])
    assert job.target_locale == demo.fr and job.requested_by.username == "lesulis"
    assert job.service == "DeepL"

    waiting = text_of(client.get(response.url))
    assert "Traduction automatique en français" in waiting
    assert "0 éléments sur 3 traités pour l’instant." in waiting
    assert waiting.count("En attente de son tour.") == 3
    assert "job_progress.js" in client.get(response.url).text
    assert not deepl.translate_requests  # nothing happens inside the request

    run_worker(monkeypatch)

    page = client.get(response.url)
    shown = text_of(page)
    assert "Rapport" in shown
    assert "Traduits : 3 éléments." in shown
    assert "Échecs : 0 élément." in shown
    assert "Rien n’a été publié." in shown
    assert "job_progress.js" not in page.text
    for translation in (first, second, city):
        count = machine_texts(translation).count()
        assert count
        expected = segments(translation).count() - (1 if translation == first else 0)
        assert count == expected
        assert f"{count} textes traduits avec DeepL." in shown or (
            count == 1 and "1 texte traduit avec DeepL." in shown
        )
        assert edit_of(translation) in page.text
    assert machine_texts(city).filter(data="[FR] Hildesheim").exists()
    kept = StringTranslation.objects.get(
        translation_of=summary.string, locale=demo.fr, context=summary.context
    )
    assert kept.data == "Résumé écrit à la main"
    assert kept.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL
    # Machine text, not reviewed, never sent as a slug, and nothing published.
    assert not SegmentReview.objects.exists()
    assert not machine_texts(first).filter(context__path="slug").exists()
    french_page.refresh_from_db()
    assert french_page.title == live_title
    assert french_page.revisions.count() == revisions
    # The board now counts the unreviewed machine texts.
    board = text_of(client.get(BOARD, {"locale": "fr"}))
    assert "traductions automatiques non relues" in board

    # Running the worker again does nothing twice.
    sent = len(deepl.translate_requests)
    run_worker(monkeypatch)
    assert len(deepl.translate_requests) == sent


@pytest.fixture
def three_german_drafts(demo, admin_client):
    """Three French reports submitted for German, nothing translated yet."""
    titles = ("Atelier des associations", "Visite du Repair Café", "Fête du jumelage")
    return [submit(admin_client, report(demo, title, demo.fr), demo.de) for title in titles]


def test_a_spent_quota_stops_the_job_and_the_report_says_why_in_german(
    demo, login, deepl, three_german_drafts, django_capture_on_commit_callbacks, monkeypatch
):
    first, second, third = three_german_drafts
    deepl.fail(456, from_request=2)  # DeepL's "quota exceeded" from the second request on
    client = login("naumburg")
    assert {first.pk, second.pk, third.pk} <= set(checkboxes(client.get(BOARD)))
    response = start(client, django_capture_on_commit_callbacks, [first.pk, second.pk, third.pk])
    assert response.status_code == 302
    waiting = text_of(client.get(response.url))
    assert "Maschinelle Übersetzung, Zielsprache: Deutsch" in waiting
    assert "Bisher 0 von 3 Einträgen bearbeitet." in waiting

    run_worker(monkeypatch)

    assert len(deepl.translate_requests) == 2  # the third item was not sent
    shown = text_of(client.get(response.url))
    assert "Übersetzt: 1 Eintrag." in shown
    assert "Fehlgeschlagen: 2 Einträge." in shown
    done = machine_texts(first).count()
    assert done == segments(first).count()
    assert f"{done} Texte mit DeepL übersetzt." in shown
    assert (
        "DeepL konnte nicht übersetzen: Das monatliche Kontingent ist aufgebraucht. "
        "Es wurde nichts geändert;" in shown
    )
    assert (
        "Nicht gesendet: DeepL hat bei einem früheren Eintrag aufgehört "
        "(Das monatliche Kontingent ist aufgebraucht). Nichts wurde geändert." in shown
    )
    assert not machine_texts(second).exists() and not machine_texts(third).exists()
    items = list(MachineTranslationItem.objects.order_by("position"))
    assert [item.state for item in items] == ["done", "failed", "failed"]
    assert [item.attempted for item in items] == [True, True, False]

    # The list of jobs, from the board's link.
    assert reverse("translation_status:machine_jobs") in client.get(BOARD).text
    listing = text_of(client.get(JOBS))
    assert "3 von 3 bearbeitet: 1 übersetzt, 2 fehlgeschlagen" in listing
    assert "Abgeschlossen" in listing

    # Another go, once the quota renews, sends only what is missing.
    deepl.fail(None)
    client.get(BOARD)
    response = start(client, django_capture_on_commit_callbacks, [first.pk, second.pk, third.pk])
    run_worker(monkeypatch)
    shown = text_of(client.get(response.url))
    assert "Übersetzt: 2 Einträge." in shown
    assert "Nichts mehr zu übersetzen: 1 Eintrag." in shown
    assert "Es gibt nichts mehr zu übersetzen." in shown


def test_only_the_team_of_the_language_may_start_or_read_a_job(
    demo,
    login,
    deepl,
    three_french_drafts,
    three_german_drafts,
    django_capture_on_commit_callbacks,
):
    french_ids = [translation.pk for translation in three_french_drafts]
    german_id = three_german_drafts[0].pk
    naumburg = login("naumburg")
    assert not set(french_ids) & set(checkboxes(naumburg.get(BOARD)))
    refused = start(naumburg, django_capture_on_commit_callbacks, french_ids)
    assert refused.status_code == 403
    assert (
        "Nicht erlaubt: Französisch bearbeitet ein anderes Team. "
        "3 Übersetzungen wurden ausgelassen." in text_of(refused)
    )
    assert not MachineTranslationJob.objects.exists()

    # A German id slipped into the French team's post is left out, and said so.
    lesulis = login("lesulis")
    assert german_id not in checkboxes(lesulis.get(BOARD))
    response = start(lesulis, django_capture_on_commit_callbacks, [french_ids[0], german_id])
    job = MachineTranslationJob.objects.get()
    assert response.url == reverse("translation_status:machine_job", args=[job.pk])
    assert list(job.items.values_list("translation_id", flat=True)) == [french_ids[0]]
    shown = text_of(lesulis.get(response.url))
    assert (
        "Non autorisé : une autre équipe rédige en allemand. 1 traduction a été écartée." in shown
    )

    # The other team neither reads the job nor finds it in its list.
    other = naumburg.get(response.url)
    assert other.status_code == 403
    assert "Diese maschinelle Übersetzung hat ein anderes Team angefordert." in text_of(other)
    assert response.url not in naumburg.get(JOBS).text
    assert response.url in lesulis.get(JOBS).text


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        (
            {"translation": "abc"},
            "La sélection n’a pas pu être lue. Veuillez sélectionner à nouveau.",
        ),
        ({"translation": "²"}, "La sélection n’a pas pu être lue."),
        ({"translation": "9" * 30}, "La sélection n’a pas pu être lue."),
        ({"translation": "987654321"}, "1 traduction sélectionnée n’existe pas (ou plus)"),
        ({}, "Sélectionnez au moins une traduction à traduire automatiquement."),
    ],
)
def test_bad_selections_are_answered_with_400_in_the_editors_language(
    demo, login, deepl, posted, message
):
    response = login("lesulis").post(START, posted)
    assert response.status_code == 400
    assert message in text_of(response)
    assert not MachineTranslationJob.objects.exists()


def test_without_a_provider_there_is_no_button_and_no_job(demo, login, machine_env, admin_client):
    assert machine_env() is None
    translation = submit(admin_client, report(demo, "Ohne Dienst"), demo.fr)
    client = login("lesulis")
    board = client.get(BOARD)
    assert not checkboxes(board)
    assert "tw-machine-form" not in board.text
    response = client.post(START, {"translation": [translation.pk]})
    assert response.status_code == 400
    assert "Aucun service de traduction automatique n’est configuré." in text_of(response)
    assert client.get(START).status_code == 405
    assert client.get(JOBS + "987654/").status_code == 404


def board_queries(client):
    client.get(BOARD)  # warm the content type and permission caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BOARD)
    assert response.status_code == 200
    return len(queries), len(checkboxes(response))


def test_the_boxes_cost_no_query_per_row(demo, login, deepl, admin_client):
    client = login("lesulis")
    for number in range(2):
        submit(admin_client, report(demo, f"Bericht A{number}"), demo.fr)
    few, boxes = board_queries(client)
    for number in range(8):
        submit(admin_client, report(demo, f"Bericht B{number}"), demo.fr)
    many, more_boxes = board_queries(client)
    assert more_boxes == boxes + 8
    assert few == many


def test_a_server_error_fails_its_item_only_and_an_outdated_translation_is_synced_first(
    demo, login, deepl, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    german = report(demo, "Bürgerreise 2027")
    other = report(demo, "Vereinsmesse 2027")
    translations = [submit(admin_client, page, demo.fr) for page in (german, other)]
    ids = [translation.pk for translation in translations]
    client = login("lesulis")
    deepl.fail(500)
    response = start(client, django_capture_on_commit_callbacks, ids)
    run_worker(monkeypatch)
    assert len(deepl.translate_requests) == 2  # the second item was still tried
    shown = text_of(client.get(response.url))
    assert "Échecs : 2 éléments." in shown
    assert shown.count("DeepL n'a pas pu traduire : le service rencontre lui-même un problème") == 2
    assert [item.attempted for item in MachineTranslationItem.objects.all()] == [True, True]

    deepl.fail(None)
    start(client, django_capture_on_commit_callbacks, ids)
    run_worker(monkeypatch)
    before = {t.pk: set(machine_texts(t).values_list("data", flat=True)) for t in translations}
    assert all(before.values())

    # The original changes: the French version is outdated, and the job syncs it first.
    german.summary = "Eine neue Zusammenfassung."
    german.save_revision().publish()
    board = client.get(BOARD, {"locale": "fr", "status": "outdated"})
    assert translations[0].pk in checkboxes(board)
    asked = len(deepl.translate_requests)
    response = start(client, django_capture_on_commit_callbacks, [translations[0].pk])
    run_worker(monkeypatch)
    assert len(deepl.translate_requests) == asked + 1
    assert deepl.translate_requests[-1].texts == ["Eine neue Zusammenfassung."]
    assert machine_texts(translations[0]).filter(data="[FR] Eine neue Zusammenfassung.").exists()
    assert "Traduits : 1 élément." in text_of(client.get(response.url))
    assert "1 texte traduit avec DeepL." in text_of(client.get(response.url))
    cell = text_of(client.get(BOARD, {"locale": "fr", "status": "outdated"}))
    assert "Bürgerreise 2027" not in cell


def test_one_job_per_language_and_a_locked_version_is_left_alone(
    demo,
    login,
    deepl,
    admin_client,
    three_french_drafts,
    three_german_drafts,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    french, german = three_french_drafts[0], three_german_drafts[0]
    # A superuser writes both languages: one job for each.
    both = {french.pk, german.pk}
    assert both <= set(checkboxes(admin_client.get(BOARD)))
    response = start(admin_client, django_capture_on_commit_callbacks, [french.pk, german.pk])
    assert response.url == reverse("translation_status:machine_jobs")
    jobs = MachineTranslationJob.objects.order_by("target_locale__language_code")
    assert [job.target_locale.language_code for job in jobs] == ["de", "fr"]
    assert [job.items.get().translation_id for job in jobs] == [german.pk, french.pk]

    # A version someone else locked is not touched.
    locked = three_french_drafts[1]
    page = locked.get_target_instance()
    page.locked, page.locked_by = True, jobs[0].requested_by
    page.save(update_fields=["locked", "locked_by"])
    client = login("lesulis")
    response = start(client, django_capture_on_commit_callbacks, [locked.pk])
    run_worker(monkeypatch)
    assert not machine_texts(locked).exists()
    shown = text_of(client.get(response.url))
    assert "La version est verrouillée, rien n’a donc été modifié." in shown
    assert "Échecs : 1 élément." in shown
    # The superuser's two jobs ran too, each into its own language.
    assert machine_texts(french).exists() and machine_texts(german).exists()


# Versions that do not exist yet: created as "Submit for translation" does, then translated.

DASHBOARD = reverse("wagtailadmin_home")


def create_boxes(response):
    """What the board's boxes for versions still to create post ("<locale id>-<key>")."""
    return re.findall(r'name="create" value="([0-9]+-[0-9a-f-]{36})"', response.text)


def needed(instance, locale):
    return f"{locale.pk}-{instance.translation_key}"


def test_a_page_and_a_record_without_a_french_version_become_french_drafts_in_one_go(
    demo, login, deepl, django_capture_on_commit_callbacks, monkeypatch
):
    german = report(demo, "Jugendaustausch 2028")
    gone = report(demo, "Wird gelöscht")
    city = PartnerCityFactory(locale=demo.de, name="Quedlinburg", description="Eine Stadt.")
    client = login("lesulis")

    board = client.get(BOARD, {"locale": "fr"})
    offered = create_boxes(board)
    chosen = [needed(german, demo.fr), needed(city, demo.fr), needed(gone, demo.fr)]
    assert set(chosen) <= set(offered)
    assert (
        "Sélectionner « Jugendaustausch 2028 » (Français) pour la traduction automatique"
        in text_of(board)
    )
    # Nobody else's language: the German team gets no box for French.
    assert needed(german, demo.fr) not in create_boxes(login("naumburg").get(BOARD))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, {"create": chosen})
    job = MachineTranslationJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("translation_status:machine_job", args=[job.pk])
    waiting = text_of(client.get(response.url))
    assert waiting.count("En attente de son tour : sa version est d’abord créée en brouillon.") == 3
    # Nothing is created inside the request.
    assert not Page.objects.filter(translation_key=german.translation_key, locale=demo.fr)
    assert not PartnerCity.objects.filter(translation_key=city.translation_key, locale=demo.fr)

    gone.delete()
    run_worker(monkeypatch)

    french_page = Page.objects.get(translation_key=german.translation_key, locale=demo.fr)
    assert not french_page.live  # a draft, nothing published
    assert french_page.slug == german.slug  # never machine-translated
    french_city = PartnerCity.objects.get(translation_key=city.translation_key, locale=demo.fr)
    page_translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )
    city_translation = Translation.objects.get(
        source__object_id=city.translation_key, target_locale=demo.fr
    )
    for translation in (page_translation, city_translation):
        assert machine_texts(translation).count() == segments(translation).count() > 0
    assert not machine_texts(page_translation).filter(context__path="slug").exists()
    assert machine_texts(city_translation).filter(data="[FR] Quedlinburg").exists()
    assert not SegmentReview.objects.exists()  # machine texts, not reviewed

    page = client.get(response.url)
    shown = text_of(page)
    assert "Traduits : 2 éléments." in shown
    assert "Échecs : 1 élément." in shown
    assert "Cette traduction n’existe plus." in shown
    assert reverse("wagtailadmin_pages:edit", args=[french_page.pk]) in page.text
    assert (
        reverse("wagtailsnippets_partnership_partnercity:edit", args=[french_city.pk]) in page.text
    )
    assert MachineTranslationItem.objects.filter(reason="create").count() == 0
    # The board now lists them as translated by a machine, waiting for review.
    assert needed(german, demo.fr) not in create_boxes(client.get(BOARD, {"locale": "fr"}))


def finished_job(login, username, instance, locale, capture, monkeypatch):
    client = login(username)
    with capture(execute=True):
        response = client.post(START, {"create": [needed(instance, locale)]})
    assert response.status_code == 302
    run_worker(monkeypatch)
    return client, response.url


def test_the_requester_reads_on_the_dashboard_that_the_job_finished_in_french_and_in_german(
    demo, login, deepl, django_capture_on_commit_callbacks, monkeypatch
):
    german = report(demo, "Chorreise 2028")
    client, job_url = finished_job(
        login, "lesulis", german, demo.fr, django_capture_on_commit_callbacks, monkeypatch
    )
    dashboard = client.get(DASHBOARD)
    line = "Traduction automatique en français terminée : 1 traduit, 0 en échec"
    assert line in text_of(dashboard)
    assert f'href="{job_url}"' in dashboard.text
    # Only the requester's dashboard says so.
    assert "Maschinelle Übersetzung abgeschlossen" not in text_of(login("naumburg").get(DASHBOARD))

    french = report(demo, "Voyage des chorales", locale=demo.fr)
    other, other_url = finished_job(
        login, "naumburg", french, demo.de, django_capture_on_commit_callbacks, monkeypatch
    )
    shown = text_of(other.get(DASHBOARD))
    assert (
        "Maschinelle Übersetzung abgeschlossen, Zielsprache Deutsch: 1 übersetzt, 0 fehlgeschlagen"
        in shown
    )

    # Once the job's page is opened, the line goes.
    assert client.get(job_url).status_code == 200
    assert line not in text_of(client.get(DASHBOARD))


def test_a_page_written_separately_in_each_language_is_not_offered_and_refused_if_posted(
    demo, login, deepl
):
    statement = AccessibilityStatementPage.objects.get(locale=demo.de)
    client = login("lesulis")
    board = client.get(BOARD)
    assert str(statement.translation_key) not in board.text
    response = client.post(START, {"create": [needed(statement, demo.fr)]})
    assert response.status_code == 403
    assert "est rédigée séparément dans chaque langue, pas traduite" in text_of(response)
    assert not MachineTranslationJob.objects.exists()
    assert not Page.objects.filter(translation_key=statement.translation_key, locale=demo.fr)


@pytest.mark.parametrize("value", ["1-nicht-ein-schluessel", "x-" + "0" * 36, "1"])
def test_an_unreadable_version_to_create_is_answered_with_400(demo, login, deepl, value):
    response = login("lesulis").post(START, {"create": [value]})
    assert response.status_code == 400
    assert "La sélection n’a pas pu être lue." in text_of(response)


def test_the_boxes_for_missing_versions_cost_no_query_per_row(demo, login, deepl):
    client = login("lesulis")

    def measure():
        client.get(BOARD)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(BOARD)
        assert response.status_code == 200
        return len(queries), len(create_boxes(response))

    for number in range(2):
        report(demo, f"Fehlt A{number}")
    few, boxes = measure()
    for number in range(8):
        report(demo, f"Fehlt B{number}")
    many, more_boxes = measure()
    assert more_boxes == boxes + 8
    assert few == many


def test_a_parent_selected_with_its_child_goes_first_and_a_child_alone_waits_for_its_parent(
    demo, login, deepl, django_capture_on_commit_callbacks, monkeypatch
):
    parent = demo.home_de.add_child(instance=StandardPage(title="Über die Partnerschaft"))
    # Listed before its parent on the board ("A" < "Ü"), created after it.
    child = parent.add_child(instance=StandardPage(title="Anfänge 1990", intro="Wie es begann."))
    orphan_parent = demo.home_de.add_child(instance=StandardPage(title="Nur auf Deutsch"))
    orphan = orphan_parent.add_child(instance=StandardPage(title="Eine Unterseite"))
    client = login("lesulis")
    chosen = [needed(child, demo.fr), needed(parent, demo.fr), needed(orphan, demo.fr)]
    assert set(chosen) <= set(create_boxes(client.get(BOARD, {"locale": "fr"})))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, {"create": chosen})
    assert response.status_code == 302
    run_worker(monkeypatch)

    french_parent = Page.objects.get(translation_key=parent.translation_key, locale=demo.fr)
    french_child = Page.objects.get(translation_key=child.translation_key, locale=demo.fr)
    assert french_child.get_parent().pk == french_parent.pk
    assert not french_parent.live and not french_child.live
    assert [page.pk for page in french_parent.get_children()] == [french_child.pk]
    assert not Page.objects.filter(translation_key=orphan.translation_key, locale=demo.fr)

    shown = text_of(client.get(response.url))
    assert "Traduits : 2 éléments." in shown
    assert "Échecs : 1 élément." in shown
    assert "Non créée : sa page parente n’a pas encore de version dans cette langue." in shown

"""The hand-off's follow-ups: asking for an update of an outdated translation, taking a
request back, and the reminder once the wished-for date has passed.

Through the admin over HTTP with the demo editors, in both directions (and so in both
admin languages), the mails from the real ``mail`` worker.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail_localize.models import Translation, TranslationSource

from tests.subscribers.helpers import run_mail_worker
from tests.translation.test_handoff import (
    BOARD,
    DASHBOARD,
    ask,
    mails_to,
    published_workshop,
    request_url,
)
from tests.translation.test_team_permissions import refused
from translation.models import TranslationRequest
from translation.tasks import request_reminders

pytestmark = pytest.mark.django_db

User = get_user_model()

GERMAN_ASKS = {
    "requester": "naumburg",
    "team": "lesulis",
    "source": "de",
    "target": "fr",
    "title": "Werkstatt Nord",
    "group": "Redaktion Naumburg",
    # What the requester reads, in German.
    "nothing_left": "Für diese Seite gibt es keine Sprache mehr anzufragen.",
    "update_button": "Aktualisierte Fassung auf Französisch anfragen",
    "update_choice": "Français: eine aktualisierte Fassung",
    "asked_update": "wurde gebeten, seine Fassung von „Werkstatt Nord“ zu aktualisieren",
    "published_subject": "Veröffentlicht: die Fassung auf Französisch von „Werkstatt Nord“",
    "published_body": "Die aktualisierte Fassung auf Französisch",
    "published_note": "veröffentlicht: die Fassung auf Französisch von „Werkstatt Nord“",
    "withdrew": "Sie haben die Anfrage einer Fassung auf Französisch",
    "no_longer_open": "Diese Anfrage ist nicht mehr offen.",
    "requested_on_board": "Angefragt von Anna Beispiel",
    # What the other team reads, in French.
    "update_subject": "Mise à jour demandée : la version en français de « Werkstatt Nord »",
    "update_body": "demande à votre équipe de mettre à jour la version en français",
    "sync_button": "Synchroniser la traduction",
    "start_button": "Commencer la traduction",
    "withdrawn_subject": "Retirée : la demande d’une version en français de « Werkstatt Nord »",
    "withdrawn_note": "Anna Beispiel a retiré la demande d’une version en français",
    "reminder_subject": "Rappel : la version en français de « Werkstatt Nord » était souhaitée",
    "reminder_body": "La demande est toujours ouverte.",
}
FRENCH_ASKS = {
    "requester": "lesulis",
    "team": "naumburg",
    "source": "fr",
    "target": "de",
    "title": "Atelier Sud",
    "group": "Rédaction Les Ulis",
    "nothing_left": "Il ne reste aucune langue à demander pour cette page.",
    "update_button": "Demander une version mise à jour en allemand",
    "update_choice": "Deutsch : une version mise à jour",
    "asked_update": "a été priée de mettre à jour sa version de « Atelier Sud »",
    "published_subject": "Publiée : la version en allemand de « Atelier Sud »",
    "published_body": "La version mise à jour en allemand",
    "published_note": "la version en allemand de « Atelier Sud » que vous avez demandée",
    "withdrew": "Vous avez retiré la demande d’une version en allemand",
    "no_longer_open": "Cette demande n’est plus ouverte.",
    "requested_on_board": "Demandé par Claire Exemple",
    "update_subject": "Aktualisierung angefragt: die Fassung auf Deutsch von „Atelier Sud“",
    "update_body": "bittet Ihr Team, die Fassung auf Deutsch von „Atelier Sud“ zu aktualisieren",
    "sync_button": "Übersetzung synchronisieren",
    "start_button": "Übersetzung beginnen",
    "withdrawn_subject": "Zurückgezogen: die Anfrage einer Fassung auf Deutsch von „Atelier Sud“",
    "withdrawn_note": "Claire Exemple hat die Anfrage einer Fassung auf Deutsch",
    "reminder_subject": "Erinnerung: Die Fassung auf Deutsch von „Atelier Sud“ war bis",
    "reminder_body": "Die Anfrage ist noch offen.",
}
DIRECTIONS = pytest.mark.parametrize(
    "case", [GERMAN_ASKS, FRENCH_ASKS], ids=["german-asks", "french-asks"]
)


def locales(demo, case):
    return getattr(demo, case["source"]), getattr(demo, case["target"])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def withdraw_url(request_obj):
    return reverse("translation_requests:withdraw", args=[request_obj.pk])


def translated_page(demo, case, capture):
    """A live page of the requester's team with a live wagtail-localize translation."""
    admin = User.objects.get(username="admin")
    source_locale, target = locales(demo, case)
    page = published_workshop(source_locale, case["title"])
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=target, enabled=True)
    with capture(execute=True):
        translation.save_target(user=admin, publish=True)
    return page, source, translation.get_target_instance()


def open_request(demo, case, login, capture, **fields):
    source_locale, target = locales(demo, case)
    page = published_workshop(source_locale, case["title"])
    client = login(case["requester"])
    assert ask(client, page, target, capture, **fields).status_code == 302
    return page, client, TranslationRequest.objects.get()


# An update -------------------------------------------------------------------


@DIRECTIONS
def test_an_outdated_translation_is_requested_again_and_done_once_synced_and_published(
    demo, login, monkeypatch, django_capture_on_commit_callbacks, case
):
    capture = django_capture_on_commit_callbacks
    requester, team = login(case["requester"]), login(case["team"])
    page, source, target_page = translated_page(demo, case, capture)
    _source_locale, target = locales(demo, case)

    # In step with the original: nothing to ask for, and a forged post is refused.
    assert case["update_button"] not in requester.get(edit_url(page)).text
    assert 'id="nothing-to-request"' in requester.get(request_url(page)).text
    forged = ask(requester, page, target, capture)
    assert forged.status_code == 400
    assert case["nothing_left"] in forged.text
    assert not TranslationRequest.objects.exists()

    # The original changes: the translation is outdated.
    page.save_revision(user=User.objects.get(username="admin")).publish()
    editor = requester.get(edit_url(page))
    assert case["update_button"] in editor.text
    form = requester.get(request_url(page))
    assert case["update_choice"] in form.text
    sent = ask(requester, page, target, capture, note="Neue Zeiten / nouveaux horaires")
    assert sent.status_code == 302
    assert case["asked_update"] in requester.get(sent.url).text
    request_obj = TranslationRequest.objects.get()
    assert (request_obj.kind, request_obj.state) == ("update", "open")
    assert case["requested_on_board"] in requester.get(BOARD).text

    # The other team is told, in its language, and offered the sync (not a new version).
    run_mail_worker(monkeypatch)
    (told,) = mails_to(case["team"])
    assert told.subject == case["update_subject"]
    assert case["update_body"] in told.body
    dashboard = team.get(DASHBOARD).text
    start = reverse("translation_requests:start", args=[request_obj.pk])
    assert case["sync_button"] in dashboard
    assert start in dashboard
    assert case["start_button"] not in dashboard
    to_sync = team.get(start)
    assert to_sync.status_code == 302
    assert to_sync.url.startswith(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert refused(requester.get(start)), "the sync is for the team that writes the language"

    # Publishing the translation as it stands does not close the request ...
    with capture(execute=True):
        assert team.post(edit_url(target_page), {"action": "publish"}).status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.state == "open"

    # ... the sync, published, does.
    mail.outbox.clear()
    with capture(execute=True):
        synced = team.post(to_sync.url, {"publish_translations": "on"})
    assert synced.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.state == "done"
    run_mail_worker(monkeypatch)
    (done,) = mails_to(case["requester"])
    assert done.subject == case["published_subject"]
    assert case["published_body"] in done.body
    assert case["published_note"] in requester.get(DASHBOARD).text
    assert case["requested_on_board"] not in requester.get(BOARD).text


# Withdrawing -----------------------------------------------------------------


@DIRECTIONS
def test_the_requester_withdraws_and_the_other_team_is_told(
    demo, login, monkeypatch, django_capture_on_commit_callbacks, case
):
    capture = django_capture_on_commit_callbacks
    page, requester, request_obj = open_request(demo, case, login, capture)
    team = login(case["team"])
    url = withdraw_url(request_obj)
    assert url in requester.get(DASHBOARD).text
    assert url in requester.get(request_url(page)).text
    assert url not in team.get(DASHBOARD).text

    # The other team may not withdraw it, nor may another editor of the requester's team.
    colleague = User.objects.create_user(
        "kollegin", email="kollegin@example.org", first_name="Kim", last_name="Kollegin"
    )
    colleague.groups.add(Group.objects.get(name=case["group"]))
    colleague_client = Client()
    colleague_client.force_login(colleague)
    with capture(execute=True):
        assert refused(team.post(url))
        assert refused(colleague_client.post(url))
    request_obj.refresh_from_db()
    assert request_obj.state == "open"

    run_mail_worker(monkeypatch)
    mail.outbox.clear()
    with capture(execute=True):
        withdrawn = requester.post(url, {"next": edit_url(page)})
    assert (withdrawn.status_code, withdrawn.url) == (302, edit_url(page))
    assert case["withdrew"] in requester.get(withdrawn.url).text
    request_obj.refresh_from_db()
    assert request_obj.state == "withdrawn"
    assert request_obj.closed_by.username == case["requester"]

    # The other team reads it on its dashboard, without the buttons, and by mail.
    dashboard = team.get(DASHBOARD).text
    assert case["withdrawn_note"] in dashboard
    assert case["start_button"] not in dashboard
    run_mail_worker(monkeypatch)
    (told,) = mails_to(case["team"])
    assert told.subject == case["withdrawn_subject"]
    assert not mails_to(case["requester"])
    assert case["requested_on_board"] not in requester.get(BOARD).text

    # Twice is once; and the page may be requested again.
    again = requester.post(url, follow=True)
    assert case["no_longer_open"] in again.text
    _source_locale, target = locales(demo, case)
    assert ask(requester, page, target, capture).status_code == 302
    assert TranslationRequest.objects.filter(state="open").count() == 1


def test_a_superuser_may_withdraw_any_request(demo, login, django_capture_on_commit_callbacks):
    _page, _client, request_obj = open_request(
        demo, GERMAN_ASKS, login, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert login("admin").post(withdraw_url(request_obj)).status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.state == "withdrawn"


@pytest.mark.parametrize(("username", "language"), [("naumburg", "de"), ("lesulis", "fr")])
def test_bad_withdrawals_are_4xx(
    demo, login, django_capture_on_commit_callbacks, username, language
):
    case = GERMAN_ASKS if username == "naumburg" else FRENCH_ASKS
    _page, requester, request_obj = open_request(
        demo, case, login, django_capture_on_commit_callbacks
    )
    url = withdraw_url(request_obj)
    # A button, not a link: GET is not allowed.
    assert requester.get(url).status_code == 405
    # No CSRF token, no withdrawal.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(User.objects.get(username=username))
    assert strict.post(url).status_code == 403
    # An unknown request: the admin's 404, in the editor's language.
    missing = requester.post(reverse("translation_requests:withdraw", args=[999999]))
    assert missing.status_code == 404
    assert f'<html lang="{language}"' in missing.text
    assert requester.get(reverse("translation_requests:start", args=[999999])).status_code == 404
    # Another site as "next" is ignored.
    with django_capture_on_commit_callbacks(execute=True):
        away = requester.post(url, {"next": "https://example.com/admin/"})
    assert (away.status_code, away.url) == (302, DASHBOARD)
    request_obj.refresh_from_db()
    assert request_obj.state == "withdrawn"


# Reminders -------------------------------------------------------------------


@DIRECTIONS
def test_a_request_past_its_wished_date_reminds_the_team_once(
    demo, login, monkeypatch, django_capture_on_commit_callbacks, case
):
    capture = django_capture_on_commit_callbacks
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _page, _client, request_obj = open_request(
        demo, case, login, capture, wished_date=tomorrow.isoformat()
    )
    run_mail_worker(monkeypatch)
    mail.outbox.clear()

    # Not yet past: nothing.
    out = StringIO()
    call_command("translation_request_reminders", stdout=out)
    assert "reminded: 0" in out.getvalue()

    # Two days later (the date is moved back instead of the clock forward).
    TranslationRequest.objects.filter(pk=request_obj.pk).update(
        wished_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("translation_request_reminders", "--schedule", stdout=StringIO())
    out = StringIO()
    call_command("translation_request_reminders", "--schedule", stdout=out)
    assert "queued already" in out.getvalue()
    with capture(execute=True):
        run_mail_worker(monkeypatch)  # the reminders' task, which queues the mails ...
    run_mail_worker(monkeypatch)  # ... and the mails
    (reminder,) = mails_to(case["team"])
    assert reminder.subject.startswith(case["reminder_subject"])
    assert case["reminder_body"] in reminder.body
    assert not mails_to(case["requester"])
    request_obj.refresh_from_db()
    assert request_obj.reminded_at is not None
    # The task has queued its next run, once, for later.
    (next_run,) = DBTaskResult.objects.filter(
        task_path=request_reminders.module_path, status="READY"
    )
    assert next_run.run_after > timezone.now()

    # Once only; and a closed request is not reminded of.
    mail.outbox.clear()
    with capture(execute=True):
        call_command("translation_request_reminders", stdout=StringIO())
    run_mail_worker(monkeypatch)
    assert not mail.outbox
    with capture(execute=True):
        login(case["requester"]).post(withdraw_url(request_obj))
    other = published_workshop(getattr(demo, case["source"]), "Noch eine Werkstatt")
    TranslationRequest.objects.create(
        content_type=request_obj.content_type,
        translation_key=other.translation_key,
        source_locale=other.locale,
        target_locale=request_obj.target_locale,
        requested_by=request_obj.requested_by,
        wished_date=timezone.localdate() - datetime.timedelta(days=3),
        state=TranslationRequest.State.DECLINED,
    )
    out = StringIO()
    call_command("translation_request_reminders", stdout=out)
    assert "reminded: 0" in out.getvalue()

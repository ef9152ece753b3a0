"""The German editor asks for a French version; the French editor is told, translates and
publishes; the German editor is told it is published. In a real browser, each editor in
their own admin language, with the mails from the real mail worker."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from partnership.models import WorkshopIndexPage
from tests.browser.test_editor_journey import libretranslate  # noqa: F401  (a fixture)
from tests.factories import WorkshopPageFactory
from tests.subscribers.helpers import run_mail_worker
from translation.models import TranslationRequest

pytestmark = pytest.mark.django_db

TITLE = "Werkstatt Nachbarschaftshilfe"
NOTE = "Bitte rechtzeitig vor dem Treffen in Les Ulis."


def test_request_dashboard_translate_publish(
    demo,
    editor,
    libretranslate,  # noqa: F811
    monkeypatch,
    screenshot,
):
    admin = get_user_model().objects.get(username="admin")
    index = WorkshopIndexPage.objects.get(locale=demo.de)
    german = WorkshopPageFactory(parent=index, title=TITLE, summary="Nachbarn helfen Nachbarn.")
    german.save_revision(user=admin).publish()
    wished = timezone.localdate() + datetime.timedelta(days=10)

    # The German editor tries "Diese Seite übersetzen" and is offered the request instead.
    naumburg = editor("naumburg")
    naumburg.goto(f"/admin/localize/submit/page/{german.pk}/")
    expect(naumburg.get_by_role("heading", name="Übersetzung anfragen")).to_be_visible()
    expect(naumburg.locator(".messages")).to_contain_text(
        "Nur das Redaktionsteam für Französisch darf diese Fassung anlegen."
    )
    naumburg.get_by_label("Hinweis für das andere Team").fill(NOTE)
    naumburg.get_by_label("Gewünscht bis").fill(wished.isoformat())
    naumburg.get_by_role("button", name="Anfrage senden").click()
    expect(naumburg.locator(".messages")).to_contain_text(
        "Das Redaktionsteam für Französisch wurde um eine Fassung"
    )
    run_mail_worker(monkeypatch)
    address = get_user_model().objects.get(username="lesulis").email
    assert any(address in message.to and NOTE in message.body for message in mail.outbox)

    # The French editor sees it on her dashboard and starts the translation there.
    lesulis = editor("lesulis")
    panel = lesulis.locator("#translation-requests-section")
    row = panel.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Anna Beispiel")
    expect(row).to_contain_text(NOTE)
    row.get_by_role("button", name="Commencer la traduction").click()
    lesulis.get_by_role("button", name="Traduire avec LibreTranslate").click()
    content = lesulis.get_by_role("tabpanel", name="Contenu")
    expect(content.get_by_text(f"[FR] {TITLE}", exact=True)).to_be_visible()
    lesulis.get_by_role("button", name="Publier : Français").click()
    expect(lesulis.locator(".messages")).to_contain_text(f"[FR] {TITLE}")
    french = german.get_translation(demo.fr)
    assert french.live
    assert TranslationRequest.objects.get().state == "done"

    # The German editor is told in German, and the request has left the dashboards.
    mail.outbox.clear()
    run_mail_worker(monkeypatch)
    address = get_user_model().objects.get(username="naumburg").email
    (told,) = [message for message in mail.outbox if address in message.to]
    assert told.subject == f"Veröffentlicht: die Fassung auf Französisch von „{TITLE}“"
    lesulis.goto("/admin/")
    expect(lesulis.locator("#translation-requests-section")).to_have_count(0)
    naumburg.goto(f"/admin/pages/{german.pk}/edit/")
    expect(naumburg.get_by_text(re.compile("Fassung auf Französisch angefragt"))).to_have_count(0)
    screenshot(lesulis)

"""Issue 20's hand-off, as its "Done when" says, in a real browser.

The German editor asks for a French version in the page editor; the French
editor is told (dashboard and a mail in French), machine-translates, reviews
half the texts and publishes; a visitor of the French page reads the
machine-translation notice with a link to the German original; she reviews
the rest and publishes again, and the notice is gone; the German editor is
told it is published, by mail and on her dashboard, in German. Each editor in
their own admin language, the mails from the real mail worker, the machine
translation from the local LibreTranslate stand-in.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from partnership.models import WorkshopIndexPage
from tests.browser.test_editor_journey import libretranslate  # noqa: F401  (a fixture)
from tests.factories import WorkshopPageFactory
from tests.subscribers.helpers import run_mail_worker
from translation.models import TranslationRequest

pytestmark = pytest.mark.django_db

TITLE = "Werkstatt Nachbarschaftshilfe"
NOTE = "Bitte rechtzeitig vor dem Treffen in Les Ulis."
NOTICE = "Cette page a été traduite automatiquement et n'a pas encore été relue."
PARAGRAPHS = [
    "Nachbarn helfen Nachbarn beim Einkaufen.",
    "Wir treffen uns jeden Dienstag im Rathaus.",
    "Kaffee und Kuchen bringen alle mit.",
]


def mails_to(username):
    address = get_user_model().objects.get(username=username).email
    return [message for message in mail.outbox if address in message.to]


def review_row_buttons(page):
    return page.get_by_role("button", name="Marquer comme relu", exact=True)


def publish_french(lesulis):
    lesulis.get_by_role("link", name="Retour à l'éditeur de traduction").click()
    lesulis.get_by_role("button", name="Publier : Français").click()
    expect(lesulis.locator(".messages")).to_contain_text(f"[FR] {TITLE}")


def test_request_translate_review_publish_and_be_told(
    demo,
    editor,
    open_page,
    libretranslate,  # noqa: F811
    monkeypatch,
    screenshot,
):
    admin = get_user_model().objects.get(username="admin")
    index = WorkshopIndexPage.objects.get(locale=demo.de)
    german = WorkshopPageFactory(
        parent=index,
        title=TITLE,
        summary="Nachbarn helfen Nachbarn.",
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in PARAGRAPHS],
    )
    german.save_revision(user=admin).publish()
    wished = timezone.localdate() + datetime.timedelta(days=10)

    # 1. The German editor asks for the French version from the page editor.
    naumburg = editor("naumburg")
    naumburg.goto(f"/admin/pages/{german.pk}/edit/")
    header = naumburg.locator("#w-slim-header-buttons")
    header.get_by_role("button").last.click()
    naumburg.get_by_role("link", name="Fassung auf Französisch anfragen").click()
    expect(naumburg.get_by_role("heading", name="Übersetzung anfragen")).to_be_visible()
    naumburg.get_by_label("Hinweis für das andere Team").fill(NOTE)
    naumburg.get_by_label("Gewünscht bis").fill(wished.isoformat())
    naumburg.get_by_role("button", name="Anfrage senden").click()
    expect(naumburg.locator(".messages")).to_contain_text(
        "Das Redaktionsteam für Französisch wurde um eine Fassung"
    )
    expect(naumburg).to_have_url(re.compile(rf"/admin/pages/{german.pk}/edit/$"))
    expect(naumburg.locator(".messages")).to_contain_text(
        "Fassung auf Französisch angefragt von Anna Beispiel"
    )

    # 2. The French editor is told, by mail in French and on her dashboard.
    run_mail_worker(monkeypatch)
    (told,) = mails_to("lesulis")
    assert told.subject == f"Demande de traduction : une version en français de « {TITLE} »"
    assert NOTE in told.body
    lesulis = editor("lesulis")
    row = lesulis.locator("#translation-requests-section tr", has_text=TITLE)
    expect(row).to_contain_text("Anna Beispiel")
    expect(row).to_contain_text(NOTE)

    # 3. She starts the translation there and machine-translates it.
    row.get_by_role("button", name="Commencer la traduction").click()
    lesulis.get_by_role("button", name="Traduire avec LibreTranslate").click()
    content = lesulis.get_by_role("tabpanel", name="Contenu")
    expect(content.get_by_text(f"[FR] {TITLE}", exact=True)).to_be_visible()
    expect(content.get_by_text(f"[FR] {PARAGRAPHS[0]}", exact=True)).to_be_visible()

    # 4. She reviews half the texts, and publishes.
    lesulis.get_by_role("link", name="Relire la traduction automatique").click()
    expect(lesulis).to_have_url(
        re.compile(r"/admin/translation-review/\d+/\?show=machine-unreviewed$")
    )
    unreviewed_filter = lesulis.get_by_role("link", name="Automatique, non relu")
    expect(unreviewed_filter).to_have_attribute("aria-current", "page")
    expect(review_row_buttons(lesulis).first).to_be_visible()
    total = review_row_buttons(lesulis).count()
    assert total >= 4, "title, summary and the paragraphs were machine-translated"
    for reviewed in range(1, total // 2 + 1):
        review_row_buttons(lesulis).first.click()
        expect(lesulis.locator(".messages")).to_contain_text(
            "1 traduction automatique marquée comme relue."
        )
        expect(review_row_buttons(lesulis)).to_have_count(total - reviewed)
    publish_french(lesulis)
    french = german.get_translation(demo.fr)
    assert french.live
    assert TranslationRequest.objects.get().state == "done"

    # 5. A visitor of the French page reads the notice, with a link to the German original.
    visitor = open_page("fr-FR")
    visitor.goto(french.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"[FR] {TITLE}")
    notice = visitor.get_by_role("complementary", name="Traduction automatique")
    expect(notice).to_contain_text(NOTICE)
    original = notice.get_by_role("link", name="Lire l'original en allemand")
    expect(original).to_have_attribute("href", german.url)
    expect(original).to_have_attribute("hreflang", "de")

    # 6. She reviews the rest and publishes again: the notice is gone.
    lesulis.get_by_role("link", name="Relire la traduction automatique").click()
    expect(lesulis).to_have_url(
        re.compile(r"/admin/translation-review/\d+/\?show=machine-unreviewed$")
    )
    rest = total - total // 2
    expect(review_row_buttons(lesulis)).to_have_count(rest)
    lesulis.get_by_role("button", name=f"Marquer les {rest} textes affichés comme relus").click()
    expect(
        lesulis.get_by_text("Aucune traduction automatique n'attend de relecture.")
    ).to_be_visible()
    publish_french(lesulis)
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"[FR] {TITLE}")
    expect(visitor.get_by_text(NOTICE)).to_have_count(0)

    # 7. The German editor is told it is published: by mail and on her dashboard, in German.
    mail.outbox.clear()
    run_mail_worker(monkeypatch)
    (published,) = mails_to("naumburg")
    assert published.subject == f"Veröffentlicht: die Fassung auf Französisch von „{TITLE}“"
    assert french.get_full_url() in published.body
    assert not mails_to("lesulis")
    naumburg.goto("/admin/")
    answered = naumburg.locator("#translation-requests-section .tw-requests-closed")
    expect(answered).to_contain_text(
        f"veröffentlicht: die Fassung auf Französisch von „{TITLE}“, die Sie angefragt haben."
    )
    expect(answered.get_by_role("link", name="Ansehen")).to_have_attribute("href", french.url)
    screenshot(naumburg)
    naumburg.goto(f"/admin/pages/{german.pk}/edit/")
    expect(naumburg.get_by_text(re.compile("Fassung auf Französisch angefragt"))).to_have_count(0)
    lesulis.goto("/admin/")
    expect(lesulis.locator("#translation-requests-section")).to_have_count(0)

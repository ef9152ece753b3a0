"""The page editor's newsletter tools: preview modes, the panel, downloads, the size warning."""

import email
import json
from email.header import decode_header, make_header

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.blocks import StreamBlock
from wagtail_localize.models import Translation

from exhibitions.models import ArtistExchangePage
from partnership.models import DelegationReportPage, WorkshopPage
from tests.emails.mail_html import MailHTML, demo_page

pytestmark = pytest.mark.django_db

# Each town's editor, with their admin language, on a page of their own tree.
EDITORS = {"de": "naumburg", "fr": "lesulis"}
PREVIEW_LABELS = {
    "de": ["Newsletter (Anreißer)", "Newsletter (ganze Seite)"],
    "fr": ["Newsletter (accroche)", "Newsletter (page entière)"],
}
PANEL_TEXTS = {
    "de": ["HTML kopieren", ".html herunterladen", ".eml herunterladen", "Ganze Seite"],
    "fr": ["Copier le HTML", "Télécharger le .html", "Télécharger le .eml", "Page entière"],
}
TOO_LARGE = {
    "de": "Die vollständige E-Mail dieser Seite ist {size} KB groß, mehr als die 102 KB",
    "fr": "L’e-mail complet de cette page pèse {size}\u00a0Ko, plus que les 102\u00a0Ko",
}


def login(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def download_url(page, fmt, extension):
    return reverse("newsletter_page_email", args=[page.id, fmt, extension])


def own_page(demo, language, model=DelegationReportPage):
    return demo_page(model, getattr(demo, language))


def translation_of(page):
    """The wagtail-localize translation that keeps a French demo page in sync with German."""
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale, enabled=True
    )


def edited_in_page_form(client, page):
    """Open ``page`` in Wagtail's page form, where the panels are.

    A synced translation opens in wagtail-localize's editor instead, which
    shows no panels; its editor stops syncing to edit the page itself.
    """
    if page.locale.language_code == "fr":
        response = client.post(
            reverse("wagtail_localize:stop_translation", args=[translation_of(page).id]),
            {"next": edit_url(page)},
        )
        assert response.status_code == 302
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


def refused(response):
    """Wagtail's admin answers a refusal with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def edit_form_data(client, page):
    """The edit form as the browser would send it, with an edited summary.

    StreamFields are drawn by JavaScript, so the HTML has no fields for them;
    they are sent empty, which the preview accepts.
    """
    response = client.get(edit_url(page))
    form = lxml.html.fromstring(response.content).get_element_by_id("page-edit-form")
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    for field in page._meta.get_fields():
        if isinstance(getattr(field, "stream_block", None), StreamBlock):
            data.setdefault(f"{field.name}-count", "0")
    return data


def test_preview_modes_in_the_page_editor_in_german(demo):
    page = own_page(demo, "de")
    html = login("naumburg").get(edit_url(page)).content.decode()
    for label in PREVIEW_LABELS["de"]:
        assert label in html


def test_preview_modes_in_the_translation_editor_in_french(demo):
    page = own_page(demo, "fr")
    html = login("lesulis").get(edit_url(page)).content.decode()
    for label in PREVIEW_LABELS["fr"]:
        assert json.dumps(label)[1:-1] in html


def test_preview_of_unsaved_edits_in_email_form(demo):
    page = own_page(demo, "de", WorkshopPage)
    client = login("naumburg")
    data = edit_form_data(client, page)
    data["summary"] = "Eine noch nicht gespeicherte Zusammenfassung."
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.id])
    posted = client.post(preview, data)
    assert posted.json() == {"is_valid": True, "is_available": True}

    for mode, read_more in [("newsletter-teaser", True), ("newsletter-full", False)]:
        response = client.get(preview, {"mode": mode})
        assert response.status_code == 200
        html = response.content.decode()
        mail = MailHTML(html)
        assert mail.root["lang"] == "de"
        assert mail.title == page.title
        assert "Eine noch nicht gespeicherte Zusammenfassung." in html
        assert ("Weiterlesen" in html) is read_more
    # The page's own preview is still there, and still the default.
    default = client.get(preview).content.decode()
    assert 'role="article"' not in default and page.title in default


def test_preview_of_a_translation_in_email_form(demo):
    page = own_page(demo, "fr", WorkshopPage)
    translation = translation_of(page)
    client = login("lesulis")
    for mode, read_more in [("newsletter-teaser", True), ("newsletter-full", False)]:
        url = reverse("wagtail_localize:preview_translation", args=[translation.id, mode])
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        mail = MailHTML(html)
        assert mail.root["lang"] == "fr"
        assert mail.title == page.title
        assert ("Lire la suite" in html) is read_more


def test_revision_preview_in_email_form(demo):
    page = own_page(demo, "de", ArtistExchangePage)
    revision = page.latest_revision
    url = reverse("wagtailadmin_pages:revisions_view", args=[page.id, revision.id])
    response = login("naumburg").get(url, {"mode": "newsletter-full"})
    assert response.status_code == 200
    assert MailHTML(response.content.decode()).root["lang"] == "de"


@pytest.mark.parametrize("language", ["de", "fr"])
def test_panel_shows_addresses_copy_and_downloads(demo, language):
    page = own_page(demo, language)
    html = edited_in_page_form(login(EDITORS[language]), page)
    full_url = f"http://testserver{page.url}"
    for fmt in ("teaser", "full"):
        assert f"{full_url}email/?format={fmt}" in html
        assert f"{full_url}email.txt?format={fmt}" in html
        assert download_url(page, fmt, "html") in html
        assert download_url(page, fmt, "eml") in html
    for text in PANEL_TEXTS[language]:
        assert text in html
    assert 'data-controller="w-clipboard' in html
    assert 'data-action="w-clipboard#copy"' in html
    # The textarea holds the HTML that the button copies.
    tree = lxml.html.fromstring(html)
    copied = tree.get_element_by_id("newsletter-full-html").text_content()
    assert MailHTML(copied).root["lang"] == language
    assert TOO_LARGE[language].split("{size}")[0] not in html


@pytest.mark.parametrize("language", ["de", "fr"])
def test_downloads_html_and_eml(demo, language):
    page = own_page(demo, language)
    client = login(EDITORS[language])

    response = client.get(download_url(page, "teaser", "html"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}-teaser.html"'
    assert MailHTML(response.content.decode()).root["lang"] == language

    response = client.get(download_url(page, "full", "eml"))
    assert response.status_code == 200
    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == f'attachment; filename="{page.slug}-full.eml"'
    message = email.message_from_bytes(response.content)
    assert str(make_header(decode_header(message["Subject"]))) == page.title
    assert message["Content-Language"] == language
    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part for part in message.walk()}
    text, html = (
        parts[kind].get_payload(decode=True).decode(parts[kind].get_content_charset())
        for kind in ("text/plain", "text/html")
    )
    assert page.title in text
    assert f"[http://testserver{page.url}]" in text
    assert MailHTML(html).root["lang"] == language


@pytest.mark.parametrize(("username", "language"), [("naumburg", "fr"), ("lesulis", "de")])
def test_editors_of_the_other_town_are_refused(demo, username, language):
    page = own_page(demo, language)
    client = login(username)
    for fmt, extension in [("teaser", "html"), ("full", "eml")]:
        response = client.get(download_url(page, fmt, extension))
        assert refused(response)
        assert "Content-Disposition" not in response


def test_anonymous_visitors_are_sent_to_the_login(client, demo):
    page = own_page(demo, "de")
    response = client.get(download_url(page, "full", "eml"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("language", ["de", "fr"])
def test_size_warning_for_a_page_gmail_would_clip(demo, language):
    page = own_page(demo, language, WorkshopPage)
    paragraph = "<p>" + "Ein sehr langer Bericht, un très long compte rendu. " * 40 + "</p>"
    page.body = [{"type": "paragraph", "value": paragraph} for _ in range(60)]
    client = login(EDITORS[language])
    if language == "fr":
        edited_in_page_form(client, page)
    page.save_revision()
    html = client.get(edit_url(page)).content.decode()
    tree = lxml.html.fromstring(html)
    copied = tree.get_element_by_id("newsletter-full-html").text_content()
    size = round(len(copied.encode()) / 1024)
    assert size > 102
    assert TOO_LARGE[language].format(size=size) in html


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("de", ["E-Mail-HTML (Anreißer)", "E-Mail-HTML (ganze Seite)"]),
        ("fr", ["HTML de l’e-mail (accroche)", "HTML de l’e-mail (page entière)"]),
    ],
)
def test_page_listing_offers_the_downloads(demo, language, labels):
    page = own_page(demo, language)
    html = (
        login(EDITORS[language])
        .get(reverse("wagtailadmin_explore", args=[page.get_parent().id]))
        .content.decode()
    )
    for label in labels:
        assert label in html
    assert download_url(page, "teaser", "html") in html
    assert download_url(page, "full", "html") in html

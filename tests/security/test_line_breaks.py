"""A line break in a title, a name or a subject never reaches a one-line place.

Browsers send no line break from a one-line input, but a hand-made POST, the
translation editor (whose fields are text areas, and whose ``<br>`` is a line
break in a plain-text field), a PO file or a machine translation can. Stored
in a title, it broke every place a title must be one line: the ``.ics``
calendar name (icalendar refuses it: a 500 for any visitor), mail subjects
(``BadHeaderError``: the ``.eml`` download, "Send test", the form's notice to
the town) and the RSS feed (XML refuses the other control characters).

Every one-line field (every ``CharField`` of our pages and snippets, Wagtail's
``title`` and ``seo_title`` included) now refuses line breaks in the page and
snippet editors, in the translation editor (the segment is flagged at once, in
the translator's language), from a PO file and from a machine translation. And
what is already stored is written on one line wherever a line break may not go.
"""

import email
import html
import json
import re
import time
from email import policy
from urllib.parse import urlencode

import feedparser
import icalendar
import polib
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from demo.sections import demo_key
from exhibitions.models import ExhibitionPage
from home.models import FormPage, HomePage, StandardPage
from newsletter.models import NewsletterIssuePage
from partnership.models import (
    DelegationReportIndexPage,
    FundingProgramme,
    PartnerCity,
    WorkshopIndexPage,
    WorkshopPage,
)
from tests.factories import DelegationReportPageFactory
from tests.translation import conftest as fake_translation
from tests.translation.conftest import deepl, fake_service, machine_env  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

EDITORS = {"de": "naumburg", "fr": "lesulis"}
REFUSED = {
    "de": "Bitte in einer Zeile schreiben: Zeilenumbrüche und andere Steuerzeichen sind hier "
    "nicht erlaubt.",
    "fr": "Écrivez ce texte sur une seule ligne : les retours à la ligne et autres caractères "
    "de contrôle ne sont pas autorisés ici.",
}
# Every line break Python's str.splitlines() knows, as an editor's paste or a tool may bring it.
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
BREAK_IDS = ["lf", "crlf", "cr", "vt", "ff", "nel", "line-separator", "paragraph-separator"]


def editor(language):
    client = Client()
    client.force_login(get_user_model().objects.get(username=EDITORS[language]))
    return client


def shown(response):
    """The page as the editor reads it: entities such as &#x27; turned back into text."""
    return html.unescape(response.content.decode())


def demo_page(model, key, language):
    return model.objects.get(
        translation_key=demo_key(f"page:{key}"), locale__language_code=language
    )


def as_legacy(page, **fields):
    """Store ``fields`` as a page held them before this rule: live row and latest revision."""
    type(page).objects.filter(pk=page.pk).update(**fields)
    page.refresh_from_db()
    revision = page.save_revision(clean=False)
    Page.objects.filter(pk=page.pk).update(live_revision=revision)
    return page


# The page editor ---------------------------------------------------------------


def standard_page_form(**fields):
    return nested_form_data(
        {
            "title": "Neue Seite",
            "slug": "neue-seite",
            "intro": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "1",
            **fields,
        }
    )


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(
    ("field", "value", "one_line"),
    [
        ("title", "Neue\nSeite", "Neue Seite"),
        ("title", "Neue\r\nSeite", "Neue Seite"),
        ("title", "Neue\u2028Seite", "Neue Seite"),
        ("seo_title", "Neue Seite\r\n| Partnerschaft", "Neue Seite | Partnerschaft"),
    ],
    ids=["title-lf", "title-crlf", "title-line-separator", "seo-title-crlf"],
)
def test_the_page_editor_refuses_a_line_break(demo, language, field, value, one_line):
    home = HomePage.objects.get(locale__language_code=language)
    client = editor(language)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])
    pages = StandardPage.objects.count()

    response = client.post(add_url, standard_page_form(**{field: value}))

    assert response.status_code == 200
    assert REFUSED[language] in shown(response)
    assert StandardPage.objects.count() == pages
    # What the editor typed is still in the form, to be put on one line.
    assert response.context["form"].data[field] == value

    # On one line, the same form is published.
    response = client.post(add_url, standard_page_form(**{field: one_line}))
    assert response.status_code == 302
    assert getattr(StandardPage.objects.get(slug="neue-seite", locale=home.locale), field) == (
        one_line
    )


def loaded_revision(response):
    html = response.content.decode()
    return {
        "loaded_revision_id": re.search(r'name="loaded_revision_id" value="(\d+)"', html)[1],
        "loaded_revision_created_at": re.search(
            r'name="loaded_revision_created_at" value="([^"]+)"', html
        )[1],
    }


@pytest.mark.parametrize("field", ["title", "hero_text"])
def test_editing_a_published_page_refuses_a_line_break_and_changes_nothing(demo, field):
    home = HomePage.objects.get(locale__language_code="de")
    client = editor("de")
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    loaded = loaded_revision(client.get(edit_url))
    revisions = Revision.page_revisions.filter(object_id=str(home.pk)).count()
    form = {
        "title": home.title,
        "slug": home.slug,
        "hero_image": home.hero_image_id or "",
        "hero_text": home.hero_text,
        "intro": rich_text(home.intro),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "1",
    }
    form[field] = f"{form[field]}\r\nZweite Zeile"

    response = client.post(edit_url, {**nested_form_data(form), **loaded})

    assert response.status_code == 200
    assert REFUSED["de"] in shown(response)
    home.refresh_from_db()
    assert "\n" not in getattr(home, field)
    assert Revision.page_revisions.filter(object_id=str(home.pk)).count() == revisions


# The snippet editor ------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("field", ["name", "funder"])
def test_the_snippet_editor_refuses_a_line_break(demo, language, field):
    client = editor(language)
    add_url = reverse(FundingProgramme.snippet_viewset.get_url_name("add"))
    query = f"?{urlencode({'locale': language})}"
    records = FundingProgramme.objects.count()
    form = {"name": "Bürgerfonds", "funder": "Stadt", "website": "", "description": "Zwei\nZeilen"}
    form[field] = f"{form[field]}\nZweite Zeile"

    response = client.post(add_url + query, form)

    assert response.status_code == 200
    assert REFUSED[language] in shown(response)
    assert FundingProgramme.objects.count() == records

    # A description may have several lines: it is not a one-line field.
    form[field] = form[field].replace("\n", " ")
    assert client.post(add_url + query, form).status_code == 302
    assert FundingProgramme.objects.count() == records + 1


def test_every_page_and_snippet_model_refuses_line_breaks():
    """A new page type or snippet gets the rule too, or this test says so."""
    from wagtail.models import get_page_models
    from wagtail.snippets.models import get_snippet_models

    from safetext.single_line import SingleLineFieldsMixin

    ours = {"home", "partnership", "exhibitions", "newsletter"}
    models = [
        model
        for model in [*get_page_models(), *get_snippet_models()]
        if model._meta.app_label in ours
    ]
    assert len(models) > 15
    assert [m.__name__ for m in models if not issubclass(m, SingleLineFieldsMixin)] == []


# The translation editor --------------------------------------------------------


def french_workshop_translation():
    source = demo_page(WorkshopPage, "workshop", "de")
    translation = TranslationSource.objects.get_for_instance(source).translations.get(
        target_locale__language_code="fr"
    )
    return translation, demo_page(WorkshopPage, "workshop", "fr")


def title_segment(translation):
    return StringSegment.objects.get(source=translation.source, context__path="title")


def put_segment(client, translation, segment, value):
    return client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def segment_errors(client, page):
    """The messages the translation editor shows under its segments."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))
    return [text["error"] for text in props["initialStringTranslations"] if text["error"]]


def publish_from_the_editor(client, page, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    return page


@pytest.mark.parametrize(
    "value",
    ["Atelier\nsur la Saale", "Atelier\r\nsur la Saale", "Atelier<br/>sur la Saale"],
    ids=["lf", "crlf", "br-tag"],
)
def test_the_translation_editor_flags_a_line_break_in_a_title_at_once(
    demo, value, django_capture_on_commit_callbacks
):
    translation, french = french_workshop_translation()
    title = french.title
    client = editor("fr")
    segment = title_segment(translation)

    response = put_segment(client, translation, segment, value)

    # Shown under the segment as the editor shows any bad segment: the text is kept, flagged.
    assert response.status_code in (200, 201)
    assert response.json()["error"] == REFUSED["fr"]
    assert response.json()["data"] == value

    # Publishing never puts it on the page: the flagged text is left out, as wagtail-localize
    # leaves out any flagged segment, and the page stays whole.
    french = publish_from_the_editor(client, french, django_capture_on_commit_callbacks)
    assert "\n" not in french.title and "\r" not in french.title
    assert Client().get(f"{french.url}event.ics").status_code == 200

    # Written on one line, it is accepted and published.
    response = put_segment(client, translation, segment, "Atelier sur la Saale")
    assert response.json()["error"] is None
    french = publish_from_the_editor(client, french, django_capture_on_commit_callbacks)
    assert french.title == "Atelier sur la Saale"
    assert title != french.title


def test_other_segments_are_not_flagged(demo):
    """A summary may have several lines; a slug is made a slug when published."""
    translation, _french = french_workshop_translation()
    client = editor("fr")
    for path, value in [
        ("summary", "Deux lignes\nde résumé."),
        ("slug", "Atelier sur la Saale"),
        ("title", "Atelier : sur la Saale\u00a0!"),
    ]:
        segment = StringSegment.objects.get(source=translation.source, context__path=path)
        response = put_segment(client, translation, segment, value)
        assert response.status_code in (200, 201)
        assert response.json()["error"] is None, path


def test_a_po_file_with_a_line_break_in_a_title_is_flagged(
    demo, django_capture_on_commit_callbacks
):
    translation, french = french_workshop_translation()
    client = editor("fr")
    po = polib.pofile(
        client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        ).content.decode()
    )
    source_title = demo_page(WorkshopPage, "workshop", "de").title
    entry = next(entry for entry in po if entry.msgctxt == "title")
    assert entry.msgid == source_title
    entry.msgstr = "Atelier\nsur la Saale"
    edit_url = reverse("wagtailadmin_pages:edit", args=[french.pk])

    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("atelier-fr.po", str(po).encode()), "next": edit_url},
    )

    assert response.status_code == 302
    assert segment_errors(client, french) == [REFUSED["fr"]]
    french = publish_from_the_editor(client, french, django_capture_on_commit_callbacks)
    assert "\n" not in french.title
    assert Client().get(f"{french.url}event.ics").status_code == 200


@pytest.mark.usefixtures("deepl")
def test_a_machine_translation_with_a_line_break_in_a_title_is_flagged(
    admin_client, demo, monkeypatch, django_capture_on_commit_callbacks
):
    # DeepL answers with a line break, as a service may for a text it splits.
    monkeypatch.setattr(fake_translation, "translate", lambda text, lang: f"[{lang}]\n{text}")
    parent = DelegationReportIndexPage.objects.get(locale=demo.de)
    cities = PartnerCity.objects.filter(
        locale=demo.de,
        translation_key__in=PartnerCity.objects.filter(locale=demo.fr).values("translation_key"),
    )[:2]
    page = DelegationReportPageFactory(
        parent=parent,
        title="Besuch in Les Ulis",
        summary="Eine Delegation besucht die Partnerstadt.",
        aim="<p>Voneinander lernen.</p>",
        from_city=cities[0],
        to_city=cities[1],
    )
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [demo.fr.id]},
    )
    assert response.status_code == 302
    french = page.get_translation(demo.fr)
    translation = TranslationSource.objects.get_for_instance(page).translations.get(
        target_locale=demo.fr
    )
    client = editor("fr")
    edit_url = reverse("wagtailadmin_pages:edit", args=[french.pk])

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": f"http://testserver{edit_url}"},
    )

    assert response.status_code == 302
    title = StringTranslation.objects.get(
        context__object_id=translation.source.object_id,
        context__path="title",
        locale=demo.fr,
    )
    assert "\n" in title.data
    assert REFUSED["fr"] in segment_errors(client, french)
    french = publish_from_the_editor(client, french, django_capture_on_commit_callbacks)
    assert "\n" not in french.title


# What is already stored ----------------------------------------------------------


def assert_one_line(value, expected):
    assert "\n" not in value and "\r" not in value
    assert value == expected


@pytest.mark.parametrize("line_break", BREAKS, ids=BREAK_IDS)
def test_a_stored_line_break_still_gives_a_calendar(client, demo, line_break):
    workshop = as_legacy(
        demo_page(WorkshopPage, "upcoming-workshop", "fr"),
        title=f"Atelier{line_break}sur la Saale",
        venue_name=f"Salle{line_break}des fêtes",
    )
    index = as_legacy(
        WorkshopIndexPage.objects.get(locale__language_code="fr"),
        title=f"Ateliers{line_break}et rencontres",
    )

    response = client.get(f"{workshop.url}event.ics")

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert_one_line(str(calendar["X-WR-CALNAME"]), "Atelier sur la Saale")
    (event,) = calendar.walk("VEVENT")
    assert_one_line(str(event["SUMMARY"]), "Atelier sur la Saale")
    assert str(event["LOCATION"]).startswith("Salle des fêtes")

    response = client.get(f"{index.url}calendar.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert_one_line(str(calendar["X-WR-CALNAME"]), "Ateliers et rencontres")
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Atelier sur la Saale" in summaries


def test_a_stored_line_break_in_an_exhibition_venue_gives_a_calendar(client, demo):
    exhibition = ExhibitionPage.objects.live().filter(locale__language_code="de").first()
    exhibition = as_legacy(exhibition, title="Farben\r\nder Saale", venue_name="Alte\r\nSchule")
    response = client.get(f"{exhibition.url}event.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    for event in calendar.walk("VEVENT"):
        assert "\n" not in str(event["SUMMARY"]) and "Farben der Saale" in str(event["SUMMARY"])
        assert str(event["LOCATION"]).startswith("Alte Schule")


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_stored_line_break_still_gives_an_eml_download(demo, line_break):
    workshop = as_legacy(
        demo_page(WorkshopPage, "workshop", "de"), title=f"Werkstatt{line_break}an der Saale"
    )
    client = editor("de")

    response = client.get(reverse("newsletter_page_email", args=[workshop.pk, "teaser", "eml"]))

    assert response.status_code == 200
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert_one_line(message["Subject"], "Werkstatt an der Saale")
    assert "Werkstatt" in message.get_body(("plain",)).get_content()


def test_a_stored_line_break_still_gives_a_test_mail(demo):
    issue = NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code="de"
    )
    draft = issue.get_latest_revision_as_object()
    draft.title = "Neues aus\r\nNaumburg"
    draft.save_revision(clean=False)
    client = editor("de")
    address = get_user_model().objects.get(username="naumburg").email

    response = client.post(
        f"/admin/newsletter/issues/{issue.pk}/send-test/", {"recipient": address}
    )

    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == [address]
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.subject.startswith("Neues aus Naumburg")
    # The real message, headers and all, can be written.
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Neues aus Naumburg")


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_stored_line_break_in_a_form_subject_still_sends_the_notice(client, demo, language):
    """A visitor's message must not end in a server error because of the editor's subject."""
    contact = {"de": "/de/kontakt/", "fr": "/fr/nous-ecrire/"}[language]
    page = FormPage.objects.get(url_path__endswith=contact.split("/")[2] + "/")
    FormPage.objects.filter(pk=page.pk).update(subject="Nachricht\r\nüber die Website")

    response = client.post(
        contact,
        {
            "ihr_name": "Marie Dupont",
            "ihre_e_mail_adresse": "marie@example.org",
            "ihre_nachricht": "Bonjour !",
            "consent": "on",
            "whf_name": "",
            "whf_time": str(int(time.time()) - 60),
        },
    )

    assert response.status_code == 200
    (sent,) = mail.outbox
    assert_one_line(sent.subject, "Nachricht über die Website")
    sent.message()  # the headers can be written


@pytest.mark.parametrize("line_break", BREAKS, ids=BREAK_IDS)
def test_a_stored_line_break_still_gives_feeds_and_embeds(client, demo, line_break):
    workshop = as_legacy(
        demo_page(WorkshopPage, "workshop", "de"), title=f"Werkstatt{line_break}an der Saale"
    )
    index = WorkshopIndexPage.objects.get(locale__language_code="de")

    for url in (f"{index.url}feed/", "/de/feed/"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert "Werkstatt an der Saale" in {entry.title for entry in feed.entries}

    response = client.get("/oembed/", {"url": f"http://testserver{workshop.url}"})
    assert response.status_code == 200
    assert_one_line(response.json()["title"], "Werkstatt an der Saale")

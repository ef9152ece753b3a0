"""Script payloads typed into every editor field reach visitors as text, never as markup.

Each town's editor creates and publishes one page of every type through the
admin, in their own language, with payloads in the title, the teaser and other
text fields, rich text (as Draftail posts it, with a ``javascript:`` link) and
the text of StreamField blocks. Every public rendering of the page is then read
with an HTML parser: no element may carry an event-handler attribute or a
``javascript:`` URL, and no script may hold the payload, while the payload
itself must still be there, as text.
"""

import html
import json
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.models import TranslationSource

from exhibitions.models import (
    ArtistExchangeIndexPage,
    ArtistExchangePage,
    ExhibitionIndexPage,
    ExhibitionPage,
)
from home.models import FormPage, HomePage, StandardPage
from partnership.models import (
    DelegationReportIndexPage,
    DelegationReportPage,
    PartnerCity,
    WorkshopIndexPage,
    WorkshopPage,
)

pytestmark = pytest.mark.django_db

TITLE = "</title><script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SCRIPT = "<script>alert(1)</script>"
JS_URL = "javascript:alert(1)"
NEXT_YEAR = timezone.localdate().year + 1
EDITORS = {"de": "naumburg", "fr": "lesulis"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href"}


class Audit(HTMLParser):
    """What a browser would run, and what it would show as text."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.text = []
        self.script = None
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self.script = {"type": dict(attrs).get("type") or "", "data": ""}

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            data = self.script["data"]
            # JSON-LD may quote the payload, but only with "<" escaped.
            if "alert(" in data and (self.script["type"] != "application/ld+json" or "<" in data):
                self.problems.append(f"<script>{data[:80]}")
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script["data"] += data
        else:
            self.text.append(data)

    @property
    def visible_text(self):
        return "".join(self.text)


def assert_escaped(markup, *shown):
    audit = Audit(markup)
    assert audit.problems == []
    for text in shown:
        assert text in audit.visible_text


def draftail(text, url=None):
    """Rich text exactly as Draftail posts it: the payload typed as text, maybe a link."""
    entity_ranges, entity_map = [], {}
    if url:
        entity_ranges = [{"offset": 0, "length": len(text), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}}
    block = {
        "key": "xss01",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": entity_ranges,
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": entity_map})


def body():
    return streamfield(
        [
            ("heading", {"text": ATTRIBUTE, "level": "h2"}),
            ("paragraph", draftail(SCRIPT, JS_URL)),
            ("quote", {"quote": SCRIPT, "attribution": ATTRIBUTE, "language": ""}),
            (
                "call_to_action",
                {
                    "title": ATTRIBUTE,
                    "text": SCRIPT,
                    "page": "",
                    "url": 'https://example.org/?q="><script>alert(1)</script>',
                    "button_label": ATTRIBUTE,
                },
            ),
        ]
    )


def page_form(**fields):
    return nested_form_data({"comments": inline_formset([]), "action-publish": "1", **fields})


def cities(locale):
    return list(PartnerCity.objects.filter(locale=locale).order_by("pk")[:2])


# One builder per page type: (parent, model, form fields), all payload-laden.


def report(home):
    from_city, to_city = cities(home.locale)
    return (
        DelegationReportIndexPage.objects.get(locale=home.locale),
        DelegationReportPage,
        {
            "summary": ATTRIBUTE,
            "start_date": "2025-10-06",
            "end_date": "2025-10-09",
            "from_city": from_city.pk,
            "to_city": to_city.pk,
            "aim": draftail(SCRIPT, JS_URL),
            "programme": streamfield(
                [("day", {"date": "2025-10-06", "title": ATTRIBUTE, "items": draftail(SCRIPT)})]
            ),
            "findings": draftail(ATTRIBUTE),
            "outcomes": rich_text(""),
            "body": body(),
            "participants": inline_formset([]),
            "funding": inline_formset([]),
            "related_pages": inline_formset([]),
        },
    )


def workshop(home):
    return (
        WorkshopIndexPage.objects.get(locale=home.locale),
        WorkshopPage,
        {
            "summary": ATTRIBUTE,
            "start": f"{NEXT_YEAR}-05-20 10:00",
            "end": f"{NEXT_YEAR}-05-20 16:30",
            "format": "in_person",
            "venue_name": ATTRIBUTE,
            "venue_address": SCRIPT,
            "venue_town": SCRIPT,
            "moderators": ATTRIBUTE,
            "audience": SCRIPT,
            "agenda": streamfield(
                [("item", {"time": "10:00", "title": ATTRIBUTE, "description": SCRIPT})]
            ),
            "topics": draftail(SCRIPT, JS_URL),
            "questions": rich_text(""),
            "results": rich_text(""),
            "body": body(),
            "documents": streamfield([]),
            "registration_questions": streamfield([]),
            "organisers": inline_formset([]),
        },
    )


def exhibition(home):
    return (
        ExhibitionIndexPage.objects.get(locale=home.locale),
        ExhibitionPage,
        {
            "summary": ATTRIBUTE,
            "opening": f"{NEXT_YEAR}-06-13 18:00",
            "closing_date": f"{NEXT_YEAR}-07-25",
            "venue_name": ATTRIBUTE,
            "venue_address": SCRIPT,
            "city": cities(home.locale)[0].pk,
            "opening_hours": SCRIPT,
            "admission": ATTRIBUTE,
            "works": streamfield([]),
            "body": body(),
            "registration_questions": streamfield([]),
            "organisers": inline_formset([]),
            "artists": inline_formset([]),
        },
    )


def exchange(home):
    return (
        ArtistExchangeIndexPage.objects.get(locale=home.locale),
        ArtistExchangePage,
        {
            "summary": ATTRIBUTE,
            "status": "proposed",
            "phases": streamfield(
                [("phase", {"title": ATTRIBUTE, "start_date": "2026-05-01", "description": SCRIPT})]
            ),
            "call_how_to_apply": draftail(SCRIPT, JS_URL),
            "body": body(),
            "towns": inline_formset([{"city": city.pk} for city in cities(home.locale)]),
            "artists": inline_formset([]),
            "funding": inline_formset([]),
        },
    )


def standard(home):
    return home, StandardPage, {"intro": ATTRIBUTE, "body": body()}


def form(home):
    return (
        home,
        FormPage,
        {
            "intro": draftail(SCRIPT, JS_URL),
            "thank_you_text": draftail(ATTRIBUTE),
            "form_fields": inline_formset(
                [
                    {
                        "label": ATTRIBUTE,
                        "field_type": "singleline",
                        "required": "on",
                        "help_text": SCRIPT,
                        "choices": "",
                        "default_value": "",
                    }
                ]
            ),
            "privacy_page": "",
            "from_address": "",
            "to_address": "kontakt@example.org",
            "subject": ATTRIBUTE,
        },
    )


PAGE_TYPES = [
    pytest.param(report, id="delegation-report"),
    pytest.param(workshop, id="workshop"),
    pytest.param(exhibition, id="exhibition"),
    pytest.param(exchange, id="artist-exchange"),
    pytest.param(standard, id="standard-page"),
    pytest.param(form, id="form-page"),
]


def publish_through_the_admin(language, build):
    home = HomePage.objects.get(locale__language_code=language)
    editor = Client()
    editor.force_login(get_user_model().objects.get(username=EDITORS[language]))
    parent, model, fields = build(home)
    slug = f"xss-{model.__name__.lower()}"
    response = editor.post(
        reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        ),
        page_form(title=TITLE, slug=slug, **fields),
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = model.objects.get(slug=slug, locale=home.locale)
    assert page.live
    return page, editor


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("build", PAGE_TYPES)
def test_payloads_in_editor_fields_are_shown_as_text(demo, language, build):
    page, _editor = publish_through_the_admin(language, build)
    visitor = Client()
    response = visitor.get(page.url)
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text
    assert_escaped(response.text, TITLE)
    if hasattr(page, "summary"):
        assert_escaped(response.text, ATTRIBUTE, SCRIPT)
        for route in ("email/", "embed/"):
            rendered = visitor.get(f"{page.url}{route}")
            assert rendered.status_code == 200, route
            assert_escaped(rendered.text, TITLE)


EXISTING_PAGES = [
    pytest.param(
        HomePage,
        lambda page: {
            "hero_image": "",
            "hero_text": ATTRIBUTE,
            "intro": draftail(SCRIPT, JS_URL),
            "body": body(),
        },
        id="home-page",
    ),
    *[
        pytest.param(model, lambda page: {"intro": draftail(SCRIPT, JS_URL)}, id=model.__name__)
        for model in (
            DelegationReportIndexPage,
            WorkshopIndexPage,
            ExhibitionIndexPage,
            ArtistExchangeIndexPage,
        )
    ],
]


@pytest.mark.parametrize(("model", "fields"), EXISTING_PAGES)
def test_payloads_in_the_german_home_and_section_pages(demo, model, fields):
    """The demo's German home and index pages exist: their editor changes and republishes them."""
    page = model.objects.get(locale__language_code="de")
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="naumburg"))
    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page_form(title=TITLE, slug=page.slug, **fields(page)),
    )
    assert response.status_code == 302
    response = Client().get(page.url)
    assert response.status_code == 200
    assert_escaped(response.text, TITLE, SCRIPT)


TRANSLATION_REFUSED = "La balise <script> n'est pas autorisée."


@pytest.mark.parametrize(("model", "_fields"), EXISTING_PAGES)
def test_payloads_typed_into_the_translation_editor(
    demo, model, _fields, django_capture_on_commit_callbacks
):
    """The French home and index pages are translations: Les Ulis edits them in wagtail-localize.

    A segment holds HTML with inline tags only. Markup such as a script or an
    attribute is refused at once with a message in the translator's language;
    the same characters written as text (``&lt;script&gt;``) are accepted and
    shown as text. Either way nothing runs on the published page.
    """
    source = model.objects.get(locale__language_code="de")
    page = model.objects.get(locale__language_code="fr")
    translation = TranslationSource.objects.get_for_instance(source).translations.get(
        target_locale=page.locale
    )
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="lesulis"))
    segments = list(
        translation.source.stringsegment_set.select_related("context").exclude(context__path="slug")
    )

    def translate(segment, value):
        response = editor.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
            encode_multipart(BOUNDARY, {"value": value}),
            content_type=MULTIPART_CONTENT,
        )
        assert response.status_code in {200, 201}
        return response.json()

    raw, *others = segments
    assert translate(raw, f"{SCRIPT} {ATTRIBUTE}")["error"].startswith(TRANSLATION_REFUSED)
    as_text = escape(f"{TITLE} {ATTRIBUTE}")
    for segment in [raw, *others]:
        assert translate(segment, as_text)["error"] is None

    with django_capture_on_commit_callbacks(execute=True):
        published = editor.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert published.status_code == 302
    response = Client().get(page.url)
    assert response.status_code == 200
    assert_escaped(response.text, f"{TITLE} {ATTRIBUTE}")


def test_rich_text_keeps_the_words_and_drops_the_javascript_link(demo):
    page, _editor = publish_through_the_admin("de", standard)
    stored = str(page.body.raw_data)
    assert "javascript:" not in stored
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in stored


INVALID_URL = {"de": "Gib eine gültige URL ein.", "fr": "Saisissez une URL valide."}


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(
    ("build", "fields"),
    [
        (workshop, {"online_url": JS_URL}),
        (workshop, {"registration_url": "JAVASCRIPT:alert(document.cookie)"}),
        (workshop, {"registration_url": "data:text/html,<script>alert(1)</script>"}),
        (
            standard,
            {
                "body": streamfield(
                    [
                        (
                            "call_to_action",
                            {"title": "Mehr", "page": "", "url": JS_URL, "button_label": "Los"},
                        )
                    ]
                )
            },
        ),
    ],
    ids=["online-url", "registration-url", "data-url", "call-to-action-block"],
)
def test_script_urls_in_url_fields_are_refused(demo, language, build, fields):
    home = HomePage.objects.get(locale__language_code=language)
    editor = Client()
    editor.force_login(get_user_model().objects.get(username=EDITORS[language]))
    parent, model, defaults = build(home)
    response = editor.post(
        reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        ),
        page_form(title="Mit Link", slug="mit-link", **(defaults | fields)),
    )
    assert response.status_code == 200
    # Block errors travel to the editor's JavaScript as JSON inside an attribute.
    shown = html.unescape(response.content.decode())
    message = INVALID_URL[language]
    assert message in shown or json.dumps(message)[1:-1] in shown
    assert not Page.objects.filter(slug="mit-link").exists()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_feeds_and_calendars_carry_the_payload_as_text(demo, language):
    """RSS readers and newsletter tools read an item's description as HTML; calendars read text."""
    page, _editor = publish_through_the_admin(language, workshop)
    index = page.get_parent().specific
    visitor = Client()

    for feed_url in (f"{index.url}feed/", f"/{language}/feed/"):
        response = visitor.get(feed_url)
        assert response.status_code == 200
        items = ET.fromstring(response.content).findall("./channel/item")
        (item,) = [item for item in items if item.findtext("title") == TITLE]
        assert_escaped(item.findtext("description"), ATTRIBUTE)

    for calendar_url in (f"{page.url}event.ics", f"{index.url}calendar.ics"):
        response = visitor.get(calendar_url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert TITLE in {str(event["summary"]) for event in events}


@pytest.mark.parametrize("language", ["de", "fr"])
def test_oembed_answers_quote_the_title_safely(demo, language):
    page, _editor = publish_through_the_admin(language, report)
    response = Client().get("/oembed/", {"url": page.full_url, "format": "json"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["title"] == TITLE
    assert_escaped(answer["html"])


# -- what visitors type --------------------------------------------------------

CONTACT = {"de": "/de/kontakt/", "fr": "/fr/nous-ecrire/"}
SEARCH = {"de": "/de/suche/", "fr": "/fr/recherche/"}


def contact_answers(**overrides):
    data = {
        "ihr_name": ATTRIBUTE,
        "ihre_e_mail_adresse": "marie@example.org",
        "ihre_nachricht": f"{SCRIPT} {TITLE}",
        "consent": "on",
        "whf_name": "",
        "whf_time": str(int(time.time()) - 60),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["de", "fr"])
def test_form_answers_are_escaped_for_the_visitor_and_the_editors(client, demo, language):
    # Sent back with an error: what was typed is shown again, escaped.
    response = client.post(CONTACT[language], contact_answers(consent=""))
    assert response.status_code == 200
    assert_escaped(response.text, f"{SCRIPT} {TITLE}")  # the message, back in its textarea
    assert f'value="{escape(ATTRIBUTE)}"' in response.text  # the name, in its input

    response = client.post(CONTACT[language], contact_answers())
    assert response.status_code == 200
    assert_escaped(response.text)

    form_page = Page.objects.get(url_path__endswith=CONTACT[language].split("/")[2] + "/")
    editor = Client()
    editor.force_login(get_user_model().objects.get(username=EDITORS[language]))
    listing = editor.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))
    assert listing.status_code == 200
    assert_escaped(listing.text, ATTRIBUTE)


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize("query", [SCRIPT, ATTRIBUTE, TITLE, JS_URL])
def test_search_queries_are_escaped(client, demo, language, query):
    response = client.get(SEARCH[language], {"q": query})
    assert response.status_code == 200
    assert_escaped(response.text)
    assert f'value="{escape(query)}"' in response.text


INDEX_FILTER_ERRORS = {
    "de": "Bitte eine gültige Auswahl treffen.",
    "fr": "Sélectionnez un choix valide.",
}


@pytest.mark.parametrize("language", ["de", "fr"])
@pytest.mark.parametrize(
    "query",
    [
        {"year": SCRIPT},
        {"year": "99999999999999999999999"},
        {"town": ATTRIBUTE},
        {"town": TITLE, "year": "2025"},
    ],
    ids=["year-script", "year-overflow", "town-attribute", "town-title"],
)
def test_bad_index_filters_get_a_400_in_the_visitors_language(client, demo, language, query):
    index = DelegationReportIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url, query)
    assert response.status_code == 400
    assert f'<html lang="{language}"' in response.text
    assert_escaped(response.text)
    assert INDEX_FILTER_ERRORS[language] in Audit(response.text).visible_text


@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_bad_page_number_shows_the_first_page(client, demo, language):
    index = DelegationReportIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url, {"page": SCRIPT})
    assert response.status_code == 200
    assert_escaped(response.text)

"""Words of the admin in the editor's language: upstream strings put right, names of link models.

Each bug of issue 20's list, over HTTP, for the German (naumburg) and the
French (lesulis) editor.
"""

import datetime
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation

from home.models import SiteIdentity
from partnership.models import DelegationReportPage, WorkshopIndexPage
from tests.factories import WorkshopPageFactory

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(__file__).resolve().parent.parent.parent / "locale"
OUR_APPS = {
    "home", "newsletter", "search", "exhibitions", "partnership", "core", "subscribers",
    "registrations", "emails", "embeds", "translation", "accounts", "pagecache", "operations",
    "safeguards",
}  # fmt: skip
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def text(response):
    return html.unescape(response.content.decode())


def editor_props(response):
    """The translation editor's data, as one text (names, comments, segments)."""
    found = re.search(r'data-props="([^"]*)"', response.content.decode())
    return json.dumps(json.loads(html.unescape(found[1])), ensure_ascii=False)


def french_report(demo):
    return DelegationReportPage.objects.get(locale=demo.fr, start_date__year=2025)


@pytest.mark.parametrize("language", ["de", "fr"])
def test_every_model_of_ours_has_a_translated_name(language):
    catalogue = polib.pofile(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    translated = {entry.msgid for entry in catalogue if entry.msgstr}
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for option in ("verbose_name", "verbose_name_plural"):
            name = model._meta.original_attrs.get(option)
            if option == "verbose_name_plural" and name is None:
                continue  # Django adds an "s" to the translated singular
            assert isinstance(name, Promise), f"{model._meta.label}.{option} is not translated"
            with translation.override(None):
                msgid = str(name)
            assert msgid in translated, f"{model._meta.label}: {msgid}"


def editor_of_the_french_report(login, demo, language):
    """The translation editor of the French 2025 report, opened by lesulis in ``language``."""
    client = login("lesulis")
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="lesulis"))
    profile.preferred_language = language
    profile.save()
    response = client.get(f"/admin/pages/{french_report(demo).pk}/edit/")
    assert response.status_code == 200
    return response


NAMES = {
    "de": ["Teilnehmende Organisation der Delegation", "Förderung der Delegation"],
    "fr": ["Organisation participant à la délégation", "Financement de la délégation"],
}


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_translation_editor_names_the_reports_links(login, demo, language):
    props = editor_props(editor_of_the_french_report(login, demo, language))
    for english in ("Delegation participant", "Delegation funding link", "Delegation related page"):
        assert english.lower() not in props.lower()
    for name in NAMES[language]:
        assert name in props


MONTH = {"de": "1. Dezember 2026", "fr": "1 décembre 2026"}


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_translation_editor_dates_its_comments_in_the_admin_language(login, demo, language):
    report = french_report(demo)
    StringTranslation.objects.filter(
        context__object_id=report.translation_key, locale=demo.fr
    ).update(updated_at=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC))
    props = editor_props(editor_of_the_french_report(login, demo, language))
    comments = re.findall(r'"comment": "([^"]*)"', props)
    assert comments
    for comment in comments:
        assert not ENGLISH_MONTHS.search(comment), comment
        assert MONTH[language] in comment, comment


class TextNodes(HTMLParser):
    """The text a reader sees (not in scripts), with title, aria-label and placeholder."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def words(response):
    parser = TextNodes()
    parser.feed(response.content.decode())
    return " | ".join(parser.parts)


ADMIN = [("naumburg", "de"), ("lesulis", "fr")]


@pytest.mark.parametrize(("username", "language"), ADMIN)
def test_the_choosers_and_account_say_language_not_locale(login, username, language):
    client = login(username)
    for url in ("/admin/choose-page/", "/admin/account/", "/admin/pages/search/?q=a"):
        response = client.get(url)
        assert response.status_code == 200, url
        seen = words(response)
        assert not re.search(r"\bLocales?\b|\bRégions?\b", seen), (url, seen)


@pytest.mark.parametrize(
    ("username", "expected", "wrong"),
    [
        ("naumburg", ["PO-Datei herunterladen", "PO-Datei hochladen"], ["PO Datei"]),
        ("lesulis", ["Publier : "], ["Publier dans"]),
    ],
)
def test_the_translation_editors_script_words(login, username, expected, wrong):
    catalogue = login(username).get(reverse("wagtail_localize:javascript_catalog"))
    assert catalogue.status_code == 200
    script = catalogue.content.decode()
    # The catalogue is JSON inside JavaScript: non-ASCII letters are \\u escapes.
    for word in expected:
        assert json.dumps(word)[1:-1] in script
    for word in wrong:
        assert json.dumps(word)[1:-1] not in script


def test_the_submit_form_offers_languages_in_french(login, demo):
    page = WorkshopPageFactory(parent=WorkshopIndexPage.objects.get(locale=demo.de))
    response = login("lesulis").get(
        reverse("wagtail_localize:submit_page_translation", args=[page.id])
    )
    assert response.status_code == 200
    seen = words(response)
    assert "Langues" in seen
    assert "Régions" not in seen


@pytest.mark.parametrize(("username", "language"), ADMIN)
def test_the_dashboard_names_the_site_and_counts_pages_in_the_admin_language(
    login, demo, username, language
):
    identity = {
        record.locale.language_code: record.site_name
        for record in SiteIdentity.objects.select_related("locale")
    }
    response = login(username).get("/admin/")
    assert response.status_code == 200
    seen = words(response)
    assert identity[language] in seen
    other = "fr" if language == "de" else "de"
    if identity[other] != identity[language]:
        assert identity[other] not in seen
    counted = {"de": r"\d+ Seiten \| angelegt in ", "fr": r"\d+ pages \| créées dans "}[language]
    assert re.search(counted, seen), seen
    assert "crées" not in seen

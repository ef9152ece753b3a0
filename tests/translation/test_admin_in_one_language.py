"""The admin pages a town editor sees in the demo, read for English words (German, French admin).

A text node, or a ``title``, ``aria-label`` or ``placeholder``, that is exactly
a message of Wagtail's, wagtail-localize's or our catalogues fails the test
when that message has no translation in the admin language, or has one that
is not what the page shows (the words bypassed gettext). Words the two
languages write like English ("Status" in German) have a translation equal
to the message and pass.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
import wagtail_localize
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

pytestmark = pytest.mark.django_db

OURS = Path(__file__).resolve().parents[2] / "locale"
UPSTREAM = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
EDITORS = [("naumburg", "de"), ("lesulis", "fr")]
HIDDEN = ("script", "style", "template", "svg")


@cache
def catalogue(language):
    """msgid -> translation in ``language``: ours over upstream's, "" where none has one."""
    files = [
        path
        for root in UPSTREAM
        for path in root.glob(f"**/locale/{language}/LC_MESSAGES/*.po")
        if "simple_translation" not in str(path) and "/locales/" not in str(path)
    ]
    files += sorted((OURS / language / "LC_MESSAGES").glob("*.po"))
    messages = {}
    for path in files:
        for entry in polib.pofile(path):
            if entry.msgid_plural or entry.obsolete or entry.fuzzy:
                continue
            if entry.msgstr or entry.msgid not in messages:
                messages[entry.msgid] = entry.msgstr
    return messages


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}  # fmt: skip


class Words(HTMLParser):
    """What a reader or a screen reader gets: no scripts, no ``hidden`` or ``aria-hidden`` parts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.stack = [], []

    @property
    def hidden(self):
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = tag in HIDDEN or "hidden" in attrs or attrs.get("aria-hidden") == "true"
        if tag not in VOID:
            self.stack.append((tag, hidden))
        if hidden or self.hidden:
            return
        for name in ("title", "aria-label", "placeholder"):
            if (attrs.get(name) or "").strip():
                self.found.append(attrs[name].strip())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.found.append(re.sub(r"\s+", " ", data.strip()))


def english_words(response, language):
    parser = Words()
    parser.feed(response.content.decode())
    messages = catalogue(language)
    return sorted(
        {
            word
            for word in parser.found
            if re.search(r"[A-Za-z]{3}", word) and word in messages and messages[word] != word
        }
    )


def admin_pages(user):
    pages = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/snippets/",
             "/admin/account/", "/admin/translation-status/", "/admin/reports/locked/"]  # fmt: skip
    pages += [
        f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/"
        for model in get_snippet_models()
    ]
    language_root = Page.objects.filter(
        depth=2, locale__language_code=user.wagtail_userprofile.preferred_language
    ).first()
    pages.append(f"/admin/pages/{language_root.pk}/")
    seen_types = set()
    for page in Page.objects.descendant_of(language_root, inclusive=True).specific():
        if type(page) not in seen_types:
            seen_types.add(type(page))
            pages.append(f"/admin/pages/{page.pk}/edit/")
    return pages


@pytest.mark.parametrize(("username", "language"), EDITORS)
def test_no_english_words_on_the_admin_pages_an_editor_sees(demo, username, language):
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    english = {}
    for url in admin_pages(user):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        found = english_words(response, language)
        if found:
            english[url] = found
    assert english == {}, "\n".join(f"{url}: {words}" for url, words in english.items())

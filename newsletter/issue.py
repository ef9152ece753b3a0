"""What an issue contains: its items, in which languages, and what had to be left out.

Every item links to one page, in whichever language the editor chose it; the
issue shows that page's live version in each language the issue needs. A page
that was deleted or unpublished since, or has no version in a needed
language, must not break the issue: it is left out, and the composition keeps
a notice that the admin shows to the editor. Visitors of the web version and
readers of the e-mail never see notices.

The composition works from the issue instance it is given, so the admin
preview and the test e-mail show the draft an editor is working on.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page

from core.models.pages import bilingual_rows
from emails.rendering import assemble_email

# "in German" reads better in a notice than the language's bare name, and each
# language places the phrase where its grammar wants it.
IN_LANGUAGE = {"de": _("in German"), "fr": _("in French")}


def in_language(code):
    return IN_LANGUAGE.get(code) or get_language_info(code)["name_translated"]


@dataclass
class Notice:
    """A message to the editor, translated when shown, in the admin language."""

    text: Promise
    subject: Promise | str = ""
    params: dict = field(default_factory=dict)

    @property
    def message(self):
        return str(self.text) % {key: str(value) for key, value in self.params.items()}

    def __str__(self):
        subject = str(self.subject) % {key: str(value) for key, value in self.params.items()}
        return f"{subject} – {self.message}" if subject else self.message


@dataclass
class Version:
    """One language's version of a page (an item, or the issue itself)."""

    language: str
    page: Page

    @property
    def rows(self):
        """The page's texts in reading order, for the full format."""
        return page_rows(self.page)


@dataclass
class Item:
    position: int
    format: str
    versions: list

    @property
    def paired(self):
        """Both languages are there, to be set side by side."""
        return len(self.versions) > 1

    @property
    def rows(self):
        """The full format side by side: texts and blocks paired with their translations."""
        return bilingual_rows(self.versions[0].page, self.versions[1].page)


@dataclass
class Composition:
    issue: Page
    languages: list
    headers: list  # the issue's own title and intro, one Version per language shown
    items: list
    notices: list

    @property
    def language(self):
        """The language of the whole e-mail: the first one it is written in."""
        return self.languages[0]

    @property
    def bilingual(self):
        return len(self.languages) > 1

    @property
    def side_by_side(self):
        return self.bilingual and self.issue.language_mode == "bilingual_side"

    @property
    def header(self):
        return self.headers[0]

    @property
    def subject(self):
        return " · ".join(dict.fromkeys(header.page.title for header in self.headers))


def page_rows(page):
    """A page's texts as ``bilingual_rows`` gives them, for one language."""
    rows = []
    for name in page.bilingual_fields:
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if isinstance(field, StreamField):
            rows.extend({"kind": "block", "left": block} for block in value)
        elif value:
            kind = "rich" if isinstance(field, RichTextField) else "text"
            rows.append({"kind": kind, "label": field.verbose_name, "left": value})
    return rows


def issue_languages(issue):
    """The languages an issue is written in, in the order it shows them.

    A bilingual issue starts with its own language, so the French version of
    an issue leads with French.
    """
    content_languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if not issue.is_bilingual:
        return [issue.language_mode]
    own = issue.locale.language_code
    return [own, *(code for code in content_languages if code != own)]


def _issue_headers(issue, languages, notices):
    """The issue's title and intro in each language: its own, or its live public translation.

    The issue itself is what its reader opened (or what its editor previews); a
    private translation of it must not lend it its title and intro.
    """
    own = issue.locale.language_code
    translations = {
        page.locale.language_code: page
        for page in type(issue)
        .objects.live()
        .filter(translation_key=issue.translation_key, locale__language_code__in=languages)
        .exclude(pk=issue.pk)
        .select_related("locale")
    }
    private = set()
    if translations:
        private = set(
            type(issue)
            .objects.filter(pk__in=[page.pk for page in translations.values()])
            .not_public()
            .values_list("locale__language_code", flat=True)
        )
    headers = []
    for language in languages:
        page = issue if language == own else translations.get(language)
        if language in private:
            notices.append(
                Notice(
                    _("The version %(missing)s is private: its title and intro appear %(shown)s."),
                    subject=_("This issue"),
                    params={"shown": in_language(own), "missing": in_language(language)},
                )
            )
        elif page is not None:
            headers.append(Version(language, page))
    if not headers:
        # A single-language issue whose version in that language is not published (yet).
        headers.append(Version(own, issue))
        if languages[0] not in private:
            notices.append(
                Notice(
                    _("No published version %(missing)s: its title and intro are shown %(shown)s."),
                    subject=_("This issue"),
                    params={"shown": in_language(own), "missing": in_language(languages[0])},
                )
            )
    shown = {header.language for header in headers}
    if issue.is_bilingual:
        notices.extend(
            Notice(
                _("No published version %(missing)s: its title and intro appear %(shown)s only."),
                subject=_("This issue"),
                params={"shown": in_language(own), "missing": in_language(language)},
            )
            for language in languages
            if language not in shown and language not in private
        )
    return headers


# Why a language version of an item is missing: (when the item is left out, when it
# appears in its other language only).
REASONS = {
    "deleted": (_("Left out: its page has been deleted."), None),
    "missing": (
        _("Left out: no version %(missing)s."),
        _("Shown %(shown)s only: no version %(missing)s."),
    ),
    "unpublished": (
        _("Left out: not published %(missing)s."),
        _("Shown %(shown)s only: not published %(missing)s."),
    ),
    "private": (
        _("Left out: the version %(missing)s is private."),
        _("Shown %(shown)s only: the version %(missing)s is private."),
    ),
}


def _notice(position, title, text, **params):
    if title is None:
        return Notice(text, subject=_("Item %(position)s"), params={"position": position, **params})
    return Notice(
        text,
        subject=_("Item %(position)s, “%(title)s”"),
        params={"position": position, "title": title, **params},
    )


def compose(issue):
    """The items of ``issue`` in its languages, in a fixed number of queries."""
    languages = issue_languages(issue)
    notices = []
    headers = _issue_headers(issue, languages, notices)

    rows = list(issue.items.all())
    chosen = {
        page.pk: page
        for page in Page.objects.filter(pk__in=[row.page_id for row in rows if row.page_id]).only(
            "pk", "title", "translation_key", "live"
        )
    }
    # .specific() drops select_related, so locales are looked up once, by id.
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    candidates = list(
        Page.objects.filter(
            translation_key__in={page.translation_key for page in chosen.values()},
            locale__language_code__in=languages,
        ).specific()
    )
    private = set(
        Page.objects.filter(pk__in=[page.pk for page in candidates if page.live])
        .not_public()
        .values_list("pk", flat=True)
    )
    by_key = {(page.translation_key, codes[page.locale_id]): page for page in candidates}

    items = []
    for position, row in enumerate(rows, start=1):
        page = chosen.get(row.page_id)
        if page is None:
            notices.append(_notice(position, None, REASONS["deleted"][0]))
            continue
        versions, missing = [], []
        for language in languages:
            version = by_key.get((page.translation_key, language))
            if version is None:
                missing.append(("missing", language))
            elif not version.live:
                missing.append(("unpublished", language))
            elif version.pk in private:
                missing.append(("private", language))
            else:
                versions.append(Version(language, version))
        title = versions[0].page.title if versions else page.title
        for reason, language in missing:
            left_out, partial = REASONS[reason]
            notices.append(
                _notice(
                    position,
                    title,
                    partial if versions else left_out,
                    missing=in_language(language),
                    shown=in_language(versions[0].language) if versions else "",
                )
            )
        if versions:
            items.append(Item(position=position, format=row.format, versions=versions))

    if not items:
        notices.append(Notice(_("This issue has no item to show yet.")))
    return Composition(
        issue=issue, languages=languages, headers=headers, items=items, notices=notices
    )


ISSUE_TEMPLATE = "newsletter/issue.mjml"
# mrml has no mj-html-attributes: language blocks carry a class, and get their lang here.
LANGUAGE_CLASS = re.compile(r'class="([^"]*\bemail-lang-([a-z]{2,3})\b[^"]*)"')


def _lang_attributes(html):
    return LANGUAGE_CLASS.sub(lambda match: f'{match[0]} lang="{match[2]}"', html)


def _preheader(composition):
    """What mail clients show after the subject: the intro, else the first item's summary.

    The whole text: ``assemble_email`` shortens it as it does every preheader.
    """
    intro = unescape(strip_tags(composition.header.page.intro or ""))
    if not intro.strip() and composition.items:
        intro = composition.items[0].versions[0].page.summary or ""
    return intro


def issue_email(issue, request=None, *, unsubscribe_url=None):
    """The issue as an e-mail: HTML through the pipeline every mail of the site uses, and text.

    A mail to a reader gives ``unsubscribe_url``: the footer then links it.
    """
    composition = compose(issue)
    return assemble_email(
        ISSUE_TEMPLATE,
        {"issue": composition, "unsubscribe_url": unsubscribe_url},
        page=issue,
        lang=composition.language,
        subject=composition.subject,
        preheader=_preheader(composition),
        request=request,
        finish_html=_lang_attributes,
    )

"""The pages the gates check: one of each kind a visitor can reach, in both languages.

A kind is named here and found in the session's demo when the gates start,
so a new page type with a live page in the demo only needs a line in
``DETAIL_PAGES`` or ``INDEX_PAGES``.
Pages that only a form submission shows (the form with its errors, the
thank-you page), or that need a page the demo lacks (a page written only in
French, for the German not-yet-translated page), are rendered by Django's
test client inside a transaction that is rolled back, so nothing the gates
do stays in the database; the browser is handed that answer.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from accessibility.models import AccessibilityStatementPage
from easyread.models import EasyReadPage
from exhibitions.models import (
    ArtistExchangeIndexPage,
    ArtistExchangePage,
    ExhibitionIndexPage,
    ExhibitionPage,
)
from home.models import FormPage, HomePage, StandardPage
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from partnership.models import (
    DelegationReportIndexPage,
    DelegationReportPage,
    WorkshopIndexPage,
    WorkshopPage,
)
from subscribers.models import SubscribePage

LANGUAGES = ("de", "fr")
# A word every language's demo finds several pages for.
SEARCH_WORD = "Naumburg"

DETAIL_PAGES = {
    "delegation-report": DelegationReportPage,
    "workshop": WorkshopPage,
    "exhibition": ExhibitionPage,
    "artist-exchange": ArtistExchangePage,
    "newsletter-issue": NewsletterIssuePage,
    "standard-page": StandardPage,
    # Written per town, not translated: each language's own statement.
    "accessibility-statement": AccessibilityStatementPage,
    "subscribe-page": SubscribePage,
    "easy-read": EasyReadPage,
}
INDEX_PAGES = {
    "delegation-report-index": DelegationReportIndexPage,
    "workshop-index": WorkshopIndexPage,
    "exhibition-index": ExhibitionIndexPage,
    "artist-exchange-index": ArtistExchangeIndexPage,
    "newsletter-index": NewsletterIndexPage,
}
# The demo's two public forms, by their slug in German.
FORMS = {"contact-form": "kontakt", "association-form": "verein-eintragen"}

KINDS = [
    "home",
    *DETAIL_PAGES,
    *INDEX_PAGES,
    "search",
    *FORMS,
    "event-registration",
    *(f"{kind}-errors" for kind in FORMS),
    "contact-form-sent",
    "accessibility-feedback-errors",
    "accessibility-feedback-sent",
    "bilingual-reading-view",
    "not-yet-translated",
    "not-found",
]
CASES = [(kind, language) for kind in KINDS for language in LANGUAGES]


def case_id(case):
    return "-".join(case)


@dataclass(frozen=True)
class GatePage:
    """One page to check: where it lives and what the server answers there."""

    kind: str
    language: str
    path: str
    status: int = 200
    # For pages a POST shows: the form's answers, sent through the test client.
    post: dict | None = None
    # For pages that need content the demo lacks: makes it and returns the path.
    prepare: Callable[[], str] | None = field(default=None, compare=False)
    # Markup that shows the page is the state it stands for (results found, errors shown).
    shows: str = '<main id="main"'
    # Filled in by ``render``: the response's headers and body.
    headers: dict = field(default_factory=dict, compare=False)
    html: str = field(default="", compare=False)

    @property
    def rendered_in_transaction(self):
        """Only the answer ``render`` kept shows this page; the live site cannot."""
        return self.post is not None or self.prepare is not None

    @property
    def label(self):
        return f"{self.kind} ({self.language}) {self.path}"


def find(kind, language):
    """Where ``kind`` lives in ``language`` in the demo."""
    locale = Locale.objects.get(language_code=language)
    german = Locale.objects.get(language_code="de")
    if kind == "home":
        return GatePage(kind, language, HomePage.objects.get(locale=locale).url)
    if kind in DETAIL_PAGES or kind in INDEX_PAGES:
        model = DETAIL_PAGES.get(kind) or INDEX_PAGES[kind]
        page = model.objects.live().public().filter(locale=locale).order_by("path").first()
        assert page is not None, f"the demo has no live {model.__name__} in {language}"
        return GatePage(kind, language, page.url)
    if kind == "search":
        with translation.override(language):
            path = f"{reverse('search')}?q={SEARCH_WORD}"
        return GatePage(kind, language, path, shows='class="search-results"')
    if kind == "event-registration":
        page = next(
            event
            for model in (WorkshopPage, ExhibitionPage)
            for event in model.objects.live()
            .public()
            .filter(locale=locale, registration_on_site=True)
        )
        return GatePage(kind, language, page.url, shows='class="public-form registration-form"')
    form_kind = kind.removesuffix("-errors").removesuffix("-sent")
    if form_kind in FORMS:
        original = FormPage.objects.get(locale=german, slug=FORMS[form_kind])
        page = original.get_translation(locale).specific
        if kind.endswith("-errors"):
            return GatePage(
                kind, language, page.url, post=honeypot_fields(), shows='id="form-errors"'
            )
        if kind.endswith("-sent"):
            return GatePage(
                kind, language, page.url, post=valid_answers(page), shows='<div role="status">'
            )
        return GatePage(kind, language, page.url)
    if kind.startswith("accessibility-feedback-"):
        statement = AccessibilityStatementPage.objects.live().get(locale=locale)
        with translation.override(language):
            path = reverse("accessibility:feedback", args=[statement.pk])
        if kind.endswith("-errors"):
            return GatePage(
                kind, language, path, post=honeypot_fields(), status=400, shows='id="form-errors"'
            )
        answers = honeypot_fields() | {
            "kind": "barrier",
            "message": "Le plan PDF ne se lit pas à voix haute.",
            "email": "marie@example.org",
            "consent": "on",
        }
        return GatePage(kind, language, path, post=answers, shows='<div role="status">')
    if kind == "bilingual-reading-view":
        report = translated_report(locale)
        return GatePage(kind, language, f"{report.url}bilingual/")
    if kind == "not-yet-translated":
        original = next(
            (
                page
                for page in DelegationReportPage.objects.live().exclude(locale=locale)
                if not page.has_translation(locale)
            ),
            None,
        )
        if original is not None:
            with translation.override(language):
                return GatePage(kind, language, reverse("not_translated", args=[original.pk]))
        return GatePage(kind, language, "", prepare=lambda: untranslated_page_path(language))
    if kind == "not-found":
        return GatePage(kind, language, f"/{language}/gibt-es-nicht-n-existe-pas/", status=404)
    raise ValueError(f"no gate page of kind {kind!r}")


def untranslated_page_path(language):
    """A report written in another language only, as a visitor of ``language`` reaches it.

    Every demo page exists in German, so a French report is copied: a copy
    gets a translation key of its own, and with it no German version.
    """
    source = (
        DelegationReportPage.objects.live()
        .exclude(locale__language_code=language)
        .order_by("path")
        .first()
    )
    copy = source.copy(
        update_attrs={"title": f"{source.title} (2)", "slug": f"{source.slug}-2"},
        keep_live=True,
        log_action=None,
    )
    with translation.override(language):
        return reverse("not_translated", args=[copy.pk])


def translated_report(locale):
    """A delegation report of ``locale`` that exists in both languages."""
    return next(
        page
        for page in DelegationReportPage.objects.live().filter(locale=locale).order_by("path")
        if all(page.has_translation(other) for other in Locale.objects.exclude(pk=locale.pk))
    )


def honeypot_fields():
    """What wagtail-honeypot expects from a person who took a while over the form."""
    return {"whf_name": "", "whf_time": str(int(time.time()) - 60)}


def valid_answers(page):
    """Plausible answers to every field of a demo form, and the consent box ticked."""
    answers = honeypot_fields() | {"consent": "on"}
    for form_field in page.get_form_fields():
        name = form_field.clean_name
        if form_field.field_type == "email":
            answers[name] = "marie@example.org"
        elif form_field.field_type == "url":
            answers[name] = "https://verein.example.org/"
        elif form_field.field_type in ("dropdown", "radio", "checkboxes"):
            answers[name] = form_field.choices.splitlines()[0].split(",")[0].strip()
        else:
            answers[name] = "Marie Dupont"
    return answers


def render(page):
    """``page`` with the headers and body the site answers, as a visitor would get them."""
    client = Client()
    with transaction.atomic():
        if page.prepare is not None:
            page = replace(page, path=page.prepare())
        response = client.post(page.path, page.post) if page.post else client.get(page.path)
        transaction.set_rollback(True)
    # The rate limit of the public forms counts in the cache; so does nothing else here.
    for alias in caches:
        caches[alias].clear()
    assert response.status_code == page.status, (
        f"{page.label} answered {response.status_code}, not {page.status}"
    )
    html = response.content.decode()
    assert page.shows in html, f"{page.label} does not show {page.shows}"
    headers = {name.lower(): value for name, value in response.headers.items()}
    return replace(page, headers=headers, html=html)


def collect():
    """Every gate page, rendered; run with database access."""
    return {case: render(find(*case)) for case in CASES}

"""Every demo page speaks its own language, except where it says otherwise.

A visitor walks every live page of one language, with its e-mail and embed
renderings, and reads its visible text and the text of its labels (alt,
title, aria-label, placeholder, the description). Text in the other language
is allowed only inside an element marked with that language (``lang="de"``
on a French page), as a quote in German or the language switcher is. Any
other word of the other language fails the test, with the page's address.

The check is a heuristic: frequent words of the other language that the
page's own language does not use, and letters it does not have (ä, ö, ß on
a French page; accented letters on a German one). Proper names that keep
their own spelling in both languages are listed once, below.
"""

import re

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from django.test import Client
from wagtail.models import Locale, Page

from emails.routes import EmailRoutesMixin
from embeds.routes import EmbedRoutesMixin

pytestmark = pytest.mark.django_db

# Frequent German words that French never uses (not "des", "in", "an", "es", "bis").
_GERMAN = """
    und oder der die das den dem ist sind war waren wird werden wurde nicht kein keine
    mit für von vom zum zur bei beim auf aus über unter nach seit ein eine einen einem
    einer wir ihr ihre ihren sie unser unsere sich auch noch schon hier jetzt mehr wie
    was wer wo wann warum alle alles vor zwischen gegen ohne durch um am im zu
    sowie dass weil wenn aber sehr kann können muss soll
    seite uhr anmelden anmeldung teilnehmende reisende vereine verein tage jahre
    bilder foto stadt städte partnerstädte zurück weiter suche startseite datum ort
    kontakt mehr lesen herunterladen impressum datenschutz
"""
GERMAN_WORDS = set(_GERMAN.split())
GERMAN_LETTERS = re.compile(r"[äöüßÄÖÜ]")

# Frequent French words that German never uses (not "de", "plus", "bis").
_FRENCH = """
    le la les et du une un nous vous avec pour dans est sont pas sur au aux ce cette
    ces qui que leur leurs mais où été être ont avons fait très aussi notre nos votre
    vos par entre depuis chez sans sous lire voir accueil rechercher
"""
FRENCH_WORDS = set(_FRENCH.split())
FRENCH_LETTERS = re.compile(r"[éèêëàâçùûôîïœÉÈÊÀÇ]")

# Names written the same in both languages, removed before the words are read:
# associations, programmes and projects keep their own names in the other
# language, as do people, the Repair Cafés and works of art (see TITLED_WORKS).
PROPER_NAMES = {
    "fr": [
        "Glücksmomente im Fokus",
        "Ü60 aktiv! – Engagiert gegen Einsamkeit",
        "Ü60 aktiv!",
        "Engagierte Stadt",
        "Frankophile Bürger",
        "Bürgerverein",
        "Die Welle",
        # A German term the French text quotes, with its translation beside it.
        "Engagementbörse",
        # The words drawn on an image, quoted by its French alt text.
        "Vereine stellen sich vor",
    ],
    "de": [
        "Les Ulis",
        "Repair Cafés",
        "Repair Café",
        "Camille Modèle",
        # A language's own name in a choice of languages (the registration form).
        "Français",
    ],
}


def titled_works():
    """Works whose title keeps its language: on the other language's page too."""
    from demo import content

    titles = {"de": [], "fr": []}
    for exhibition in content.EXHIBITIONS:
        for work in exhibition.get("works", []):
            if work.get("title_language"):
                other = "fr" if work["title_language"] == "de" else "de"
                titles[other].append(work["title"][work["title_language"]])
    return titles


TITLED_WORKS = titled_works()

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LABEL_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
SKIPPED_TAGS = {"script", "style", "template", "noscript"}


def foreign_words(text, language):
    """The words of ``text`` that belong to the other language."""
    for name in PROPER_NAMES[language] + TITLED_WORKS[language]:
        text = text.replace(name, " ")
    words, letters = (
        (GERMAN_WORDS, GERMAN_LETTERS) if language == "fr" else (FRENCH_WORDS, FRENCH_LETTERS)
    )
    return [word for word in WORD.findall(text) if word.lower() in words or letters.search(word)]


def lang_of(element, default):
    """The language an element is in: its own lang, or its nearest ancestor's."""
    for node in [element, *element.parents]:
        lang = getattr(node, "attrs", {}).get("lang") if hasattr(node, "attrs") else None
        if lang:
            return lang.split("-")[0].lower()
    return default


def texts_of(markup, default):
    """(language, text) for each text node and label attribute of a page."""
    soup = BeautifulSoup(markup, "html.parser")
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Doctype) or node.parent.name in SKIPPED_TAGS:
            continue
        if node.strip():
            yield lang_of(node.parent, default), node.strip()
    for element in soup.find_all(True):
        if element.name in SKIPPED_TAGS:
            continue
        values = [element.get(name) for name in LABEL_ATTRIBUTES]
        if element.name == "meta" and element.get("name") == "description":
            values.append(element.get("content"))
        if element.name == "input" and element.get("type") in {"submit", "button"}:
            values.append(element.get("value"))
        for value in values:
            if value and value.strip():
                yield lang_of(element, default), value.strip()


def offences(markup, language, allowed=()):
    """Each text that holds words of the other language outside an element marked so."""
    found = []
    for lang, text in texts_of(markup, language):
        if lang != language or text in allowed:
            continue
        words = foreign_words(text, language)
        if words:
            found.append(f"{words}: {text[:160]!r}")
    return found


def renderings(page):
    """The page and the renderings it offers that are HTML for people to read."""
    yield page.url
    if isinstance(page, EmailRoutesMixin):
        yield page.url + "email/"
    if isinstance(page, EmbedRoutesMixin):
        yield page.url + "embed/"


def walk(language):
    """{url: [offences]} for every live page of ``language`` and its renderings."""
    client = Client()
    locale = Locale.objects.get(language_code=language)
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1).specific()
    report, urls = {}, []
    for page in pages:
        # A newsletter in both languages is named by both titles, in one attribute.
        titles = [page.title, *(other.title for other in page.get_translations())]
        allowed = {" · ".join(titles), " · ".join(reversed(titles))}
        for url in renderings(page):
            response = client.get(url)
            assert response.status_code == 200, url
            urls.append(url)
            problems = offences(response.content.decode(), language, allowed)
            if problems:
                report[url] = problems
    return urls, report


def readable(report):
    return "\n".join(f"{url}\n    " + "\n    ".join(found) for url, found in report.items())


def test_the_heuristic_finds_german_and_spares_names_and_marked_text():
    page = """<html lang="fr"><body>
      <p>Villes jumelées depuis 2019, avec Naumburg (Saale) et « Die Welle ».</p>
      <blockquote lang="de"><p>Wir kommen wieder.</p></blockquote>
      <a href="/de/" lang="de" hreflang="de">Deutsch</a>
      <figure><img alt="Der Marktplatz" src="x.png"><figcaption>Partnerstädte seit</figcaption>
      </figure></body></html>"""
    assert offences(page, "fr") == [
        "['Partnerstädte', 'seit']: 'Partnerstädte seit'",
        "['Der']: 'Der Marktplatz'",
    ]
    assert offences('<p lang="de">Les Ulis und Naumburg</p>', "de") == []
    assert offences('<p lang="de">Rencontre à la mairie</p>', "de") == [
        "['à', 'la']: 'Rencontre à la mairie'"
    ]


def test_every_french_demo_page_is_french_outside_text_marked_german(demo):
    urls, report = walk("fr")
    assert not report, readable(report)
    # The home page, the sections, their pages, and each one's renderings.
    assert len(urls) > 30
    assert "/fr/" in urls


def test_every_german_demo_page_is_german_outside_text_marked_french(demo):
    urls, report = walk("de")
    assert not report, readable(report)
    assert len(urls) > 30

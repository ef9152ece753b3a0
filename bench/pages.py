"""The URLs ``make bench`` measures, found through the ORM and printed as JSON.

Run by bench/bench.py with the server's environment, so the pages come from
the database the server reads. Per language: the home page, the first live
section index and content page of each type, the search with a word the demo
contains, the home page's feed, a content page's ``email/`` and the oEmbed
answer for that page.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGUAGES = ("de", "fr")
SEARCH_WORD = "Naumburg"
# (label, app, model prefix): the section index is <prefix>IndexPage, its pages <prefix>Page.
SECTIONS = ["delegation report", "workshop", "exhibition", "artist exchange"]


def section_models():
    """Each section's label with its index and detail page models (after django.setup())."""
    from exhibitions.models import (
        ArtistExchangeIndexPage,
        ArtistExchangePage,
        ExhibitionIndexPage,
        ExhibitionPage,
    )
    from partnership.models import (
        DelegationReportIndexPage,
        DelegationReportPage,
        WorkshopIndexPage,
        WorkshopPage,
    )

    models = [
        (DelegationReportIndexPage, DelegationReportPage),
        (WorkshopIndexPage, WorkshopPage),
        (ExhibitionIndexPage, ExhibitionPage),
        (ArtistExchangeIndexPage, ArtistExchangePage),
    ]
    return [(label, *pair) for label, pair in zip(SECTIONS, models, strict=True)]


def first_live(model, locale):
    return model.objects.live().public().filter(locale=locale).order_by("path").first()


def targets(base_url):
    from wagtail.models import Locale

    from home.models import HomePage
    from search.views import search_path

    found = []

    def add(kind, label, language, url):
        found.append(
            {"kind": kind, "name": f"{label} ({language})", "language": language, "path": url}
        )

    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        home = first_live(HomePage, locale)
        add("home", "home", language, home.url)
        email_page = None
        for label, index_model, page_model in section_models():
            index = first_live(index_model, locale)
            detail = first_live(page_model, locale)
            if index is None or detail is None:
                raise SystemExit(f"The demo has no live {label} in {language}; run make demo.")
            add("index", f"{label} index", language, index.url)
            add("detail", label, language, detail.url)
            email_page = email_page or detail
        add("search", "search", language, f"{search_path(language)}?q={SEARCH_WORD}")
        add("feed", "feed", language, f"{home.url}feed/")
        add("email", "email/", language, f"{email_page.url}email/")
        page_url = quote(base_url + email_page.url, safe="")
        add("oembed", "oembed", language, f"/oembed/?url={page_url}")
    return found


if __name__ == "__main__":
    os.chdir(ROOT)
    import django

    django.setup()
    print(json.dumps(targets(sys.argv[1])))

"""The newsletter section and a bilingual demo issue.

The issue is written in German and translated through wagtail-localize like
every demo page; its items are synchronised, so the French version lists the
same pages. (No German-only issue: the demo keeps exactly one page without a
French version, the 2022/2023 report, which the translation board shows.)
"""

from django.utils import timezone
from wagtail.models import Page

from demo.sections import demo_key
from demo.text import Paragraphs, T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from newsletter.models import NewsletterIndexPage, NewsletterIssueItem, NewsletterIssuePage

INDEX = {
    "title": T("Newsletter", "Lettre d'information"),
    "slug": T("newsletter", "lettre-d-information"),
    "intro": Paragraphs(
        T(
            "Die Ausgaben unseres Newsletters zum Nachlesen. Vereine und Agenturen übernehmen "
            "sie in ihr eigenes Newsletter-Programm.",
            "Les numéros de notre lettre d'information, à relire. Associations et agences les "
            "reprennent dans leur propre outil d'envoi.",
        ),
    ),
}

BILINGUAL = {
    "title": T("Neues aus der Partnerschaft", "Des nouvelles du jumelage"),
    "slug": T("neues-aus-der-partnerschaft", "des-nouvelles-du-jumelage"),
    "intro": Paragraphs(
        T(
            "Liebe Freundinnen und Freunde der Partnerschaft, hier ist das Neueste aus "
            "Naumburg und Les Ulis – in beiden Sprachen.",
            "Chères amies et chers amis du jumelage, voici les dernières nouvelles de Naumburg "
            "et des Ulis – dans les deux langues.",
        ),
    ),
    "language_mode": "bilingual_side",
    # Demo page keys (see demo/sections.py) and how much of each the mail shows.
    "items": [("report", "full"), ("upcoming-workshop", "teaser"), ("exhibition-0", "teaser")],
}


def _index(log, home, french):
    key = demo_key("index:newsletter")
    index = NewsletterIndexPage.objects.filter(translation_key=key, locale=home.locale).first()
    if index is None:
        index = home.add_child(
            instance=as_an_editor_saves(
                NewsletterIndexPage(
                    locale=home.locale, translation_key=key, show_in_menus=True, **pick(INDEX, "de")
                )
            )
        )
        index.save_revision().publish()
        log(f"  section: {index.title}")
    if not index.has_translation(french):
        translate(index, french, pairs(INDEX, "de", "fr"))
    return index


def _issue(log, index, key, spec, french):
    key = demo_key(f"page:newsletter-{key}")
    text = {k: spec[k] for k in ("title", "slug", "intro")}
    issue = NewsletterIssuePage.objects.filter(translation_key=key, locale=index.locale).first()
    if issue is None:
        pages = {
            page.translation_key: page
            for page in Page.objects.filter(
                locale=index.locale,
                translation_key__in=[demo_key(f"page:{name}") for name, _fmt in spec["items"]],
            )
        }
        items = [
            NewsletterIssueItem(page=pages[demo_key(f"page:{name}")], format=fmt)
            for name, fmt in spec["items"]
        ]
        issue = index.add_child(
            instance=as_an_editor_saves(
                NewsletterIssuePage(
                    locale=index.locale,
                    translation_key=key,
                    issue_date=timezone.localdate().replace(day=1),
                    language_mode=spec["language_mode"],
                    items=items,
                    **pick(text, "de"),
                )
            )
        )
        issue.save_revision().publish()
        log(f"  {NewsletterIssuePage._meta.verbose_name}: {issue.title}")
    if not issue.has_translation(french):
        translate(issue, french, pairs(text, "de", "fr"))
    return issue


def load_newsletter(log, *, home, french):
    index = _index(log, home, french)
    _issue(log, index, "bilingual", BILINGUAL, french)

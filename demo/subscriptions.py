"""The subscription page in both languages, and a few readers on each town's list.

The page is written in German and translated through wagtail-localize like
every demo page. The readers show the subscriber listing in every state a
real list has (confirmed, waiting for confirmation, unsubscribed), each with
the consent record a subscription leaves, marked with the source "demo" so
that nobody mistakes them for people who gave it on the site. All addresses
are example.org, which receives no mail.
"""

from django.utils import timezone, translation

from demo.sections import demo_key
from demo.text import Paragraphs, T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from subscribers.forms import CONSENT_TEXT
from subscribers.models import Consent, SubscribePage, Subscriber

PAGE = {
    "title": T("Newsletter abonnieren", "S'abonner à la lettre d'information"),
    "slug": T("newsletter-abonnieren", "s-abonner"),
    "intro": Paragraphs(
        T(
            "Einmal im Monat bringt unser Newsletter das Neueste aus der Partnerschaft "
            "zwischen Naumburg und Les Ulis in Ihr Postfach: Berichte von Begegnungen und "
            "Delegationsreisen, anstehende Workshops, Ausstellungen und den geplanten "
            "Künstleraustausch.",
            "Une fois par mois, notre lettre d'information vous apporte les dernières "
            "nouvelles du jumelage entre Naumburg et Les Ulis : récits de rencontres et de "
            "voyages de délégations, ateliers à venir, expositions et l'échange d'artistes "
            "en projet.",
        ),
        T(
            "Sie wählen die Sprache: Deutsch, Französisch oder beide nebeneinander – praktisch, "
            "wenn Sie die Sprache der Partnerstadt lernen. Mit dem Link in jeder Ausgabe "
            "melden Sie sich jederzeit wieder ab.",
            "Vous choisissez la langue : allemand, français ou les deux côte à côte – "
            "pratique si vous apprenez la langue de la ville jumelée. Le lien présent dans "
            "chaque numéro vous permet de vous désabonner à tout moment.",
        ),
    ),
}

S = Subscriber.State
# (address, newsletter language, state) for each list, by the list's language.
READERS = {
    "de": [
        ("leserin.naumburg@example.org", "de", S.CONFIRMED),
        ("zweisprachig.naumburg@example.org", "both", S.CONFIRMED),
        ("neu.naumburg@example.org", "de", S.PENDING),
        ("ehemals.naumburg@example.org", "fr", S.UNSUBSCRIBED),
    ],
    "fr": [
        ("lectrice.lesulis@example.org", "fr", S.CONFIRMED),
        ("bilingue.lesulis@example.org", "both", S.CONFIRMED),
        ("nouveau.lesulis@example.org", "fr", S.PENDING),
        ("ancien.lesulis@example.org", "de", S.UNSUBSCRIBED),
    ],
}
DEMO_SOURCE = "demo"


def _page(log, home, french, privacy):
    key = demo_key("page:subscribe")
    page = SubscribePage.objects.filter(translation_key=key, locale=home.locale).first()
    if page is None:
        page = home.add_child(
            instance=as_an_editor_saves(
                SubscribePage(
                    locale=home.locale,
                    translation_key=key,
                    show_in_menus=True,
                    privacy_page=privacy,
                    **pick(PAGE, "de"),
                )
            )
        )
        page.save_revision().publish()
        log(f"  {SubscribePage._meta.verbose_name}: {page.title}")
    if not page.has_translation(french):
        translate(page, french, pairs(PAGE, "de", "fr"))
    return page


def _readers(log, page):
    """The list of ``page``'s language; a reader who exists already is left as they are."""
    language = page.locale.language_code
    now = timezone.now()
    for address, reader_language, state in READERS[language]:
        subscriber, created = Subscriber.objects.get_or_create(
            locale=page.locale,
            email=address,
            defaults={
                "language": reader_language,
                "state": state,
                "confirmed_at": now if state != S.PENDING else None,
                "unsubscribed_at": now if state == S.UNSUBSCRIBED else None,
            },
        )
        if not created:
            continue
        with translation.override(language):
            consent_text = str(CONSENT_TEXT)
        Consent.objects.create(
            subscriber=subscriber,
            text=consent_text,
            language=language,
            page_url=page.full_url or "",
            source=DEMO_SOURCE,
        )
        log(f"  reader on the {language} list: {address} ({state})")


def load_subscriptions(log, *, home, french, privacy):
    page = _page(log, home, french, privacy)
    for version in (page, page.get_translation(french)):
        _readers(log, version)
    return page

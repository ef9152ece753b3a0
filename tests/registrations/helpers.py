"""Events of the tests' own, with registration open, and posting the form as the page's form does.

The demo's upcoming workshop and opening have people on their lists already
(demo/registrations.py); a test that counts seats, mails or rows starts from
an event of its own instead.
"""

import datetime
import re
import time

from django.utils import timezone
from wagtail.models import Locale

from accounts.public_forms import HONEYPOT_NAME_FIELD, HONEYPOT_TIME_FIELD
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from partnership.models import PartnerCity, WorkshopIndexPage, WorkshopPage

UPCOMING_SLUG = {"de": "gemeinsam-gegen-einsamkeit-2027", "fr": "ensemble-contre-la-solitude-2027"}
WORKSHOP_TITLE = {
    "fr": "Atelier d’essai : tenir un Repair Café",
    "de": "Probeworkshop: Repair Café",
}
OPENING_TITLE = {"de": "Probeausstellung: Drucke", "fr": "Exposition d’essai : estampes"}


def upcoming_workshop(language="fr"):
    """The demo's upcoming workshop (written in French first), in ``language``."""
    return WorkshopPage.objects.get(slug=UPCOMING_SLUG[language])


def whole_minutes(moment):
    """A calendar file keeps no fractions of a second."""
    return moment.replace(second=0, microsecond=0)


def with_translation(page, language, title, **fields):
    """The page's version in ``language``, published, as an editor's copy for translation."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language))
    translated.title = title
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.slug = f"{page.slug}-{language}"
    translated.save_revision().publish()
    return type(page).objects.get(pk=translated.pk)


def new_workshop(days=60):
    """A workshop written in French, with its German version, without registration yet."""
    index = WorkshopIndexPage.objects.get(locale__language_code="fr")
    start = whole_minutes(timezone.now() + datetime.timedelta(days=days))
    source = index.add_child(
        instance=WorkshopPage(
            title=WORKSHOP_TITLE["fr"],
            slug="atelier-essai",
            summary="Un atelier pour les tests.",
            start=start,
            end=start + datetime.timedelta(hours=4),
            venue_name="Maison des associations",
            venue_town="Les Ulis",
        )
    )
    source.save_revision().publish()
    return {"fr": source, "de": with_translation(source, "de", WORKSHOP_TITLE["de"])}


def new_exhibition(days=45):
    """An exhibition written in German, with its French version, without registration yet."""
    index = ExhibitionIndexPage.objects.get(locale__language_code="de")
    opening = whole_minutes(timezone.now() + datetime.timedelta(days=days))
    source = index.add_child(
        instance=ExhibitionPage(
            title=OPENING_TITLE["de"],
            slug="probeausstellung",
            summary="Eine Ausstellung für die Tests.",
            opening=opening,
            closing_date=timezone.localdate(opening) + datetime.timedelta(days=30),
            venue_name="Rathaus Naumburg",
            city=PartnerCity.objects.filter(locale=index.locale).order_by("pk").first(),
        )
    )
    source.save_revision().publish()
    french = source.city.get_translation(Locale.objects.get(language_code="fr"))
    return {"de": source, "fr": with_translation(source, "fr", OPENING_TITLE["fr"], city=french)}


def open_registration(page, **rules):
    """Turn registration on at the source page and publish it, as its editor would."""
    page = page.specific
    page.registration_on_site = True
    page.registration_deadline = None
    page.capacity = 2
    page.waiting_list = True
    for name, value in rules.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def form_data(email, *, name="Erika Beispiel", language="de", consent=True, trap="", **extra):
    data = {
        "name": name,
        "email": email,
        "organisation": "Freiwilligenagentur",
        "town": "Naumburg (Saale)",
        "language": language,
        "access_needs": "",
        "source": "/",
        HONEYPOT_NAME_FIELD: trap,
        HONEYPOT_TIME_FIELD: str(int(time.time()) - 10),
        **extra,
    }
    if consent:
        data["consent"] = "on"
    return data


def register(client, page, email, **kwargs):
    """POST the form of ``page`` (any language version) to its endpoint."""
    language = page.locale.language_code
    kwargs.setdefault("language", language)
    return client.post(f"/{language}/registration/{page.pk}/", form_data(email, **kwargs))


CANCEL_LINK = re.compile(r"https?://[^/\s]+(/(?:de|fr)/registration/cancel/[^/\s\]>\"]+/)")


def cancel_path(message):
    [path] = set(CANCEL_LINK.findall(message.body))
    return path


def days_from_now(days):
    return timezone.now() + timezone.timedelta(days=days)

"""Registration on the site for the demo's upcoming workshop and exhibition opening, with people.

The workshop (written in French) is fully booked and has a waiting list; the
opening (written in German) still has seats. Rules and extra questions are
set on the source page, and its translation is refreshed through
wagtail-localize, as "Sync translated pages" would, so the questions reach
the other language as translated segments. The people are booked through
registrations/booking.py one after the other, so seats, places on the waiting
list and their order are what the site itself makes. Their addresses are
example.org, which receives no mail: the mails the booking queued for them
are dropped in the same transaction, so no worker ever sends them.

The privacy page the forms link to gets the paragraph on how long
registrations are kept. An event that has registration on already is left
as it is, so that load_demo can run again without harm.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail_localize.models import StringTranslation, TranslationSource

from demo.sections import demo_key
from demo.text import T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from exhibitions.models import ExhibitionPage
from partnership.models import WorkshopPage
from registrations import booking, rules
from registrations.forms import CONSENT_TEXT
from registrations.models import RegistrationList
from registrations.tasks import send_registration_mail


def items(*texts):
    """A ListBlock's items as the editor stores them, with ids: wagtail-localize offers them so."""
    return [{"type": "item", "value": text, "id": str(uuid.uuid4())} for text in texts]


WORKSHOP_QUESTIONS = [
    {
        "type": "choice",
        "value": {
            "label": T("Wie nehmen Sie teil?", "Comment participez-vous ?"),
            "help_text": "",
            "choices": items(
                T("Vor Ort im Rathaus von Les Ulis", "Sur place, à l'hôtel de ville des Ulis"),
                T("Online", "En ligne"),
            ),
            "required": True,
        },
    },
    {
        "type": "text",
        "value": {
            "label": T(
                "Wünsche für das gemeinsame Mittagessen",
                "Vos souhaits pour le déjeuner partagé",
            ),
            "help_text": T(
                "Zum Beispiel vegetarisch oder ohne Gluten.",
                "Par exemple végétarien ou sans gluten.",
            ),
            "required": False,
        },
    },
]

OPENING_QUESTIONS = [
    {
        "type": "choice",
        "value": {
            "label": T(
                "Bleiben Sie nach der Eröffnung zum Gespräch mit den Kunstschaffenden?",
                "Restez-vous après le vernissage pour échanger avec les artistes ?",
            ),
            "help_text": "",
            "choices": items(T("Ja", "Oui"), T("Nein", "Non")),
            "required": False,
        },
    },
]

# (name, address, language of the mails, page registered on, organisation, town,
#  access needs, answers by question: a choice's position or a text).
WORKSHOP_PEOPLE = [
    ("Élise Modèle", "elise.modele@example.org", "fr", "fr", "Secours des Ulis", "Les Ulis",
     "", [0, "Végétarien"]),
    ("Jonas Beispiel", "jonas.beispiel@example.org", "de", "de", "BeLK e.V.",
     "Naumburg (Saale)", "", [1, ""]),
    ("Karim Essai", "karim.essai@example.org", "fr", "fr", "Repair Café des Ulis", "Les Ulis",
     "", [0, ""]),
    ("Marta Muster", "marta.muster@example.org", "de", "fr", "Freiwilligenagentur Naumburg",
     "Naumburg (Saale)", "Rollstuhlplatz", [0, "Ohne Gluten"]),
    ("Paul Exemple", "paul.exemple@example.org", "fr", "de", "", "Les Ulis",
     "", [0, ""]),
    ("Ulrike Probe", "ulrike.probe@example.org", "de", "de", "Seniorenbeirat Naumburg",
     "Naumburg (Saale)", "Dolmetschen ins Deutsche", [0, ""]),
    ("Nadia Fictive", "nadia.fictive@example.org", "fr", "fr", "Mairie des Ulis", "Les Ulis",
     "", [1, ""]),
    ("Heinz Entwurf", "heinz.entwurf@example.org", "de", "de", "", "Naumburg (Saale)",
     "", [0, "Vegetarisch"]),
    # The workshop is full from here on: these three are on the waiting list, in this order.
    ("Lucie Brouillon", "lucie.brouillon@example.org", "fr", "fr", "", "Les Ulis", "", [0, ""]),
    ("Frieda Vorlage", "frieda.vorlage@example.org", "de", "fr", "BeLK e.V.",
     "Naumburg (Saale)", "", [0, ""]),
    ("Théo Esquisse", "theo.esquisse@example.org", "fr", "de", "Jeunes des Ulis", "Les Ulis",
     "", [1, ""]),
]  # fmt: skip

OPENING_PEOPLE = [
    ("Greta Skizze", "greta.skizze@example.org", "de", "de", "Kunstverein Naumburg",
     "Naumburg (Saale)", "", [0]),
    ("Camille Ébauche", "camille.ebauche@example.org", "fr", "fr", "Art aux Ulis", "Les Ulis",
     "", [0]),
    ("Otto Muster", "otto.muster@example.org", "de", "de", "", "Naumburg (Saale)",
     "Rollstuhl", [1]),
]  # fmt: skip

WORKSHOP = {
    "model": WorkshopPage,
    "key": "upcoming-workshop",
    "source": "fr",
    "capacity": 8,
    "questions": WORKSHOP_QUESTIONS,
    "people": WORKSHOP_PEOPLE,
}

OPENING = {
    "model": ExhibitionPage,
    "key": "exhibition-2",  # "Hier wie dort", the exhibition of the planned exchange
    "source": "de",
    "capacity": 40,
    "questions": OPENING_QUESTIONS,
    "people": OPENING_PEOPLE,
}


def known_translations(page, locale):
    """What each segment of ``page`` reads in ``locale`` now, as the translation editor has it."""
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale=page.locale
    ).first()
    if source is None:
        return {}
    found = StringTranslation.objects.filter(
        locale=locale, translation_of__segments__source=source
    ).values_list("translation_of__data", "data")
    return dict(found)


def deadline_for(page, start):
    """The page's own deadline while it lies ahead; else a week before the event."""
    today = timezone.localdate()
    if page.registration_deadline and page.registration_deadline > today:
        return page.registration_deadline
    return max(timezone.localdate(start) - datetime.timedelta(days=7), today)


def open_registration(log, spec, *, locales, privacy):
    """Turn registration on at the source and sync the translation; None if not in the demo."""
    source, target = spec["source"], "de" if spec["source"] == "fr" else "fr"
    page = (
        spec["model"]
        .objects.filter(translation_key=demo_key(f"page:{spec['key']}"), locale=locales[source])
        .first()
    )
    if page is None:
        return None
    start, _end = page.registration_event_times()
    configured = (
        page.registration_on_site
        or RegistrationList.objects.filter(translation_key=page.translation_key).exists()
    )
    if not configured and start > timezone.now():
        page.registration_on_site = True
        page.capacity = spec["capacity"]
        page.waiting_list = True
        page.registration_deadline = deadline_for(page, start)
        page.registration_questions = pick(spec["questions"], source)
        page.registration_privacy_page = privacy.get_translation_or_none(locales[source]) or privacy
        as_an_editor_saves(page).save_revision().publish()
        log(f"  {page.title}: {page.capacity} seats, until {page.registration_deadline}")
    other = (
        spec["model"]
        .objects.filter(translation_key=page.translation_key, locale=locales[target])
        .first()
    )
    if page.registration_questions and other is not None and not other.registration_questions:
        strings = {
            **known_translations(page, locales[target]),
            **pairs(spec["questions"], source, target),
        }
        translate(page, locales[target], strings)
    return spec["model"].objects.get(pk=page.pk)


def book(log, page, people, *, locales):
    """Register ``people`` one after the other, as if each had sent the form; once."""
    registration_list = rules.list_for_registering(page.translation_key)
    if registration_list is None or registration_list.registrations.exists():
        return
    versions = {language: page.get_translation(locale) for language, locale in locales.items()}
    questions = list(page.registration_questions)
    first_day = timezone.now() - datetime.timedelta(days=len(people))
    booked = []
    with transaction.atomic():
        for number, person in enumerate(people):
            name, email, language, on, organisation, town, needs, answers = person
            with translation.override(on):
                consent = str(CONSENT_TEXT)
            try:
                outcome = booking.register(
                    registration_list,
                    base_url=settings.WAGTAILADMIN_BASE_URL,
                    email=email,
                    name=name,
                    organisation=organisation,
                    town=town,
                    language=language,
                    access_needs=needs,
                    answers={
                        block.id: answer
                        for block, answer in zip(questions, answers, strict=True)
                        if answer != ""
                    },
                    consent_text=consent,
                    page_url=versions[on].full_url or "",
                    created_at=first_day + datetime.timedelta(days=number, hours=number % 5),
                )
            except booking.RegistrationClosed:  # a demo loaded long ago, past its deadline
                break
            booked.append(outcome.registration)
        # Nobody at example.org reads these mails.
        DBTaskResult.objects.filter(
            task_path=send_registration_mail.module_path,
            args_kwargs__args__0__in=[registration.pk for registration in booked],
        ).delete()
    waiting = sum(1 for registration in booked if registration.status == "waiting")
    log(f"  {page.title}: {len(booked) - waiting} with a seat, {waiting} waiting")


def state_retention(log, privacy, *, locales):
    """The privacy page the forms link to says how long registrations are kept, in each language."""

    def has_block(page):
        return any(block.block_type == "retention_period" for block in page.specific.body)

    if not has_block(privacy):
        privacy.body.append(("retention_period", None))
        privacy.save_revision().publish()
        log(f"  {privacy.title}: how long registrations are kept")
    french = privacy.get_translation_or_none(locales["fr"])
    if french is not None and not has_block(french):
        translate(privacy, locales["fr"], known_translations(privacy, locales["fr"]))


def load_registrations(log, *, locales, privacy):
    state_retention(log, privacy, locales=locales)
    for spec in (WORKSHOP, OPENING):
        page = open_registration(log, spec, locales=locales, privacy=privacy)
        if page is not None and page.registration_on_site:
            book(log, page, spec["people"], locales=locales)

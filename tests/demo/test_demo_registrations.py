"""The demo's upcoming workshop and opening take registrations, with people on their lists."""

import html

import pytest
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from wagtail_localize.models import Translation

from exhibitions.models import ExhibitionPage
from registrations.models import Registration, RegistrationList
from tests.registrations.helpers import register, upcoming_workshop

pytestmark = pytest.mark.django_db

FULL = {"de": "Ausgebucht.", "fr": "Complet."}
QUESTION = {"de": "Wie nehmen Sie teil?", "fr": "Comment participez-vous ?"}
CHOICE = {"de": "Vor Ort im Rathaus von Les Ulis", "fr": "Sur place, à l'hôtel de ville des Ulis"}
MEAL = {
    "de": "Wünsche für das gemeinsame Mittagessen",
    "fr": "Vos souhaits pour le déjeuner partagé",
}
OPENING_SLUG = {"de": "hier-wie-dort", "fr": "ici-comme-la-bas"}
OPENING_SEATS = {"de": "Noch 37 Plätze frei", "fr": "Plus que 37 places"}
OPENING_QUESTION = {
    "de": "Bleiben Sie nach der Eröffnung zum Gespräch mit den Kunstschaffenden?",
    "fr": "Restez-vous après le vernissage pour échanger avec les artistes ?",
}


def page_text(client, page):
    answer = client.get(page.url)
    assert answer.status_code == 200
    return html.unescape(answer.text)


def people(page):
    return Registration.objects.filter(registration_list__translation_key=page.translation_key)


def test_the_workshop_is_fully_booked_with_a_waiting_list_in_order(demo):
    workshop = upcoming_workshop("fr")
    assert workshop.registration_on_site and workshop.waiting_list
    assert workshop.capacity == 8
    assert workshop.registration_deadline > timezone.localdate()
    registration_list = RegistrationList.objects.with_counts().get(
        translation_key=workshop.translation_key
    )
    assert (registration_list.confirmed_count, registration_list.waiting_count) == (8, 3)
    assert registration_list.source_page_id == workshop.pk, "the French page is the source"
    waiting = people(workshop).filter(status="waiting").order_by("pk")
    assert [person.waiting_place() for person in waiting] == [1, 2, 3]
    everyone = people(workshop)
    assert {person.language for person in everyone} == {"de", "fr"}
    assert {person.page_url.split("/")[3] for person in everyone} == {"de", "fr"}
    assert all(person.email.endswith("@example.org") for person in everyone)
    # Answers are kept under the question's block id, a choice as its position.
    participation = workshop.registration_questions[0].id
    assert {person.answers[participation] for person in everyone} == {0, 1}
    # Nobody at example.org is sent a mail: none waits for the worker.
    ids = [person.pk for person in everyone]
    assert not DBTaskResult.objects.filter(args_kwargs__args__0__in=ids).exists()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_both_versions_offer_the_waiting_list_and_the_translated_questions(client, demo, language):
    text = page_text(client, upcoming_workshop(language))
    assert FULL[language] in text
    assert "registration-form" in text
    assert QUESTION[language] in text
    assert CHOICE[language] in text
    assert MEAL[language] in text


def test_the_questions_are_translated_through_wagtail_localize(demo):
    source = upcoming_workshop("fr")
    german = upcoming_workshop("de")
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=demo.de
    )
    done, total = translation.get_progress()
    assert done == total
    segments = translation.source.stringsegment_set.filter(
        context__path__startswith="registration_questions"
    )
    assert segments.count() == 5, "two labels, a hint, two choices"
    assert [block.id for block in german.registration_questions] == [
        block.id for block in source.registration_questions
    ]


def test_a_visitor_joins_the_demo_waiting_list_as_number_four(client, demo):
    german = upcoming_workshop("de")
    participation = f"q_{german.registration_questions[0].id}"
    refused = register(client, german, "neu.demo@example.org")
    assert refused.status_code == 400, "how they take part is a required question"
    assert "Bitte beantworten Sie diese Frage." in refused.text
    answer = register(client, german, "neu.demo@example.org", **{participation: "1"})
    assert answer.status_code == 200
    assert "Warteliste" in answer.text
    newcomer = people(upcoming_workshop("fr")).get(email="neu.demo@example.org")
    assert newcomer.status == "waiting"
    assert newcomer.waiting_place() == 4


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_upcoming_opening_takes_registrations_with_seats_left(client, demo, language):
    opening = ExhibitionPage.objects.get(slug=OPENING_SLUG[language])
    assert opening.registration_on_site
    assert opening.registration_deadline < timezone.localdate(opening.opening)
    text = page_text(client, opening)
    assert OPENING_SEATS[language] in text
    assert OPENING_QUESTION[language] in text
    assert people(opening).filter(status="confirmed").count() == 3


def test_past_workshops_and_exhibitions_take_no_registrations(demo):
    lists = RegistrationList.objects.filter(enabled=True)
    assert lists.count() == 2
    assert all(registration_list.starts_at > timezone.now() for registration_list in lists)


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "90 Tage nach der Veranstaltung"), ("fr", "90 jours après l’événement")],
)
def test_the_privacy_page_the_form_links_to_says_how_long_registrations_are_kept(
    client, demo, language, text
):
    workshop = upcoming_workshop(language)
    with translation.override(language):  # as in the page's request
        privacy_url = workshop.registration_privacy_url()
    assert privacy_url == {"de": "/de/datenschutz/", "fr": "/fr/protection-des-donnees/"}[language]
    assert f'href="{privacy_url}"' in client.get(workshop.url).text
    assert text in html.unescape(client.get(privacy_url).text)

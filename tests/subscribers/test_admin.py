"""The editors' side of the readers, through the admin's URLs, as both towns' editors."""

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from subscribers import tokens
from subscribers.models import Consent, ErasedAddress, Subscriber

pytestmark = pytest.mark.django_db

INDEX = "/admin/subscribers/"
IMPORT = "/admin/subscribers/import/"
READER = re.compile(r"r\d+@example\.org")


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def reader(locale, email, state=Subscriber.State.CONFIRMED, language=None):
    subscriber = Subscriber.objects.create(
        email=email, locale=locale, state=state, language=language or locale.language_code
    )
    Consent.objects.create(subscriber=subscriber, text="Ja, ich will.", language="de")
    return subscriber


@pytest.fixture
def lists(demo):
    return {
        "anna": reader(demo.de, "anna@example.org"),
        "bert": reader(demo.de, "bert@example.org", state=Subscriber.State.PENDING),
        "claire": reader(demo.fr, "claire@example.org"),
    }


def upload(client, content, *, source="Liste Workshop Hildesheim 2025", name="liste.csv"):
    data = content if isinstance(content, bytes) else content.encode()
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), "source": source})


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


class TestListing:
    def test_naumburg_sees_the_german_list_only_in_german(self, client, lists):
        response = login(client, "naumburg").get(INDEX)
        text = response.content.decode()
        assert response.status_code == 200
        assert "Abonnenten der Website auf Deutsch" in text
        assert "anna@example.org" in text and "bert@example.org" in text
        assert "claire@example.org" not in text
        assert "Liste importieren" in text
        assert f'href="/admin/subscribers/inspect/{lists["anna"].pk}/"' in text

    def test_lesulis_sees_the_french_list_only_in_french(self, client, lists):
        response = login(client, "lesulis").get(INDEX)
        text = response.content.decode()
        assert "Abonnés du site en français" in text
        assert "claire@example.org" in text
        assert "anna@example.org" not in text
        assert "Importer une liste" in text

    def test_the_superuser_sees_both(self, client, lists):
        text = login(client, "admin").get(INDEX).content.decode()
        assert "anna@example.org" in text and "claire@example.org" in text

    def test_filters_and_search(self, client, lists):
        login(client, "naumburg")
        text = client.get(INDEX, {"state": "pending"}).content.decode()
        assert "bert@example.org" in text and "anna@example.org" not in text
        text = client.get(INDEX, {"q": "ANNA"}).content.decode()
        assert "anna@example.org" in text and "bert@example.org" not in text
        text = client.get(INDEX, {"created_from": "2000-01-01", "created_to": "2000-12-31"})
        assert "anna@example.org" not in text.content.decode()
        text = client.get(INDEX, {"language": "fr"}).content.decode()
        assert "anna@example.org" not in text

    @pytest.mark.parametrize("username, other", [("naumburg", "claire"), ("lesulis", "anna")])
    def test_the_other_towns_readers_are_not_found(self, client, lists, username, other):
        login(client, username)
        pk = lists[other].pk
        for url in (f"inspect/{pk}/", f"edit/{pk}/", f"delete/{pk}/", f"history/{pk}/"):
            # The admin's own 404, not a redirect into the public site (twinsite/admin_errors.py).
            assert client.get(INDEX + url).status_code == 404, url
        assert client.post(INDEX + f"delete/{pk}/", follow=True).status_code == 404
        assert Subscriber.objects.filter(pk=pk).exists()

    def test_details_show_the_consent(self, client, lists):
        text = login(client, "naumburg").get(INDEX + f"inspect/{lists['anna'].pk}/")
        assert "Ja, ich will." in text.content.decode()

    def test_query_count_does_not_grow_with_the_rows(self, client, demo, django_assert_num_queries):
        login(client, "naumburg")
        for i in range(3):
            reader(demo.de, f"r{i}@example.org")
        client.get(INDEX)
        with CaptureQueriesContext(connection) as few:
            assert len(set(READER.findall(client.get(INDEX).content.decode()))) == 3
        for i in range(3, 40):
            reader(demo.de, f"r{i}@example.org")
        with django_assert_num_queries(len(few)):
            assert len(set(READER.findall(client.get(INDEX).content.decode()))) == 40


class TestExport:
    def test_csv_of_the_own_filtered_list(self, client, lists):
        lists["anna"].consents.update(text='=HYPERLINK("http://evil.example")', source="Liste")
        response = login(client, "naumburg").get(INDEX, {"export": "csv", "state": "confirmed"})
        rows = csv_rows(response)
        assert rows[0][:4] == ["E-Mail-Adresse", "Sprache", "Status", "Liste"]
        assert len(rows) == 2
        anna = dict(zip(rows[0], rows[1], strict=True))
        assert anna["E-Mail-Adresse"] == "anna@example.org"
        assert anna["Status"] == "Bestätigt"
        assert anna["Text der Einwilligung"] == '\'=HYPERLINK("http://evil.example")'
        assert anna["Herkunft der Einwilligung"] == "Liste"

    def test_xlsx(self, client, lists):
        response = login(client, "lesulis").get(INDEX, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


class TestImport:
    def test_preview_then_confirm(self, client, lists, demo):
        ErasedAddress.objects.create(locale=demo.de, email_hash=ErasedAddress.hash("gone@x.org"))
        login(client, "naumburg")
        content = (
            "\ufeffE-Mail;Sprache;Datum\n"
            "neu@example.org;fr;31.03.2025\n"
            "ANNA@example.org;de;\n"
            "kaputt;de;\n"
            "gone@x.org;de;\n"
            "zwei@example.org;both;\n"
            "zwei@example.org;de;\n"
            "drei@example.org;klingonisch;\n"
        )
        response = upload(client, content.encode())
        text = response.content.decode()
        assert response.status_code == 200
        assert "Vorschau" in text
        assert "bereits auf der Liste" in text
        assert "keine gültige E-Mail-Adresse" in text
        assert "auf Wunsch gelöscht" in text
        assert "weiter oben in der Datei" in text
        assert "unbekannte Sprache" in text
        assert not Subscriber.objects.filter(email="neu@example.org").exists()

        response = client.post(IMPORT, {"confirm": "1"}, follow=True)
        assert "2 Abonnenten in die Liste" in response.content.decode()
        new = Subscriber.objects.get(email="neu@example.org", locale=demo.de)
        assert new.state == Subscriber.State.CONFIRMED and new.language == "fr"
        consent = new.consents.get()
        assert consent.source == "Liste Workshop Hildesheim 2025"
        assert "anderswo" in consent.text and "Liste Workshop Hildesheim 2025" in consent.text
        assert "31. März 2025" in consent.text
        assert consent.given_at.date().isoformat() == "2025-03-31"
        assert Subscriber.objects.filter(locale=demo.de).count() == 4

    def test_french_list_comma_separated(self, client, lists, demo):
        login(client, "lesulis")
        response = upload(client, "email,language\nnouveau@example.org,fr\n")
        assert "Aperçu" in response.content.decode()
        client.post(IMPORT, {"confirm": "1"})
        consent = Subscriber.objects.get(email="nouveau@example.org").consents.get()
        assert consent.language == "fr" and "ailleurs" in consent.text
        assert Subscriber.objects.get(email="nouveau@example.org").locale == demo.fr

    @pytest.mark.parametrize(
        "content, message",
        [
            (b"email;sprache\n" + "müller@example.org;de\n".encode("latin-1"), "UTF-8"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "keine CSV-Datei"),
            (b"name;ort\nA;B\n", "erste Zeile"),
            (b"", "leer"),
            (b"email;language\n" + b"a@example.org;de\n" * 200_000, "zu groß"),
        ],
    )
    def test_bad_files_write_nothing(self, client, lists, content, message):
        login(client, "naumburg")
        before = Subscriber.objects.count()
        response = upload(client, content)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert client.post(IMPORT, {"confirm": "1"}).status_code == 302
        assert Subscriber.objects.count() == before

    def test_source_is_required(self, client, lists):
        login(client, "lesulis")
        response = upload(client, "email,language\nx@example.org,fr\n", source="")
        assert response.status_code == 400
        assert "Champ requis" in response.content.decode()

    def test_an_editor_without_the_permission_gets_403(self, client, lists):
        from django.contrib.auth.models import Group

        user = get_user_model().objects.create_user("gast", password="x")
        group = Group.objects.get(name="Redaktion Naumburg")
        group.user_set.add(user)
        group.permissions.remove(*group.permissions.filter(codename="add_subscriber"))
        client.force_login(user)
        # Wagtail turns the 403 into a redirect to the dashboard with its message.
        assert client.get(IMPORT).status_code in (302, 403)
        response = upload(client, "email,language\nx@example.org,de\n")
        assert response.status_code in (302, 403)
        assert not Subscriber.objects.filter(email="x@example.org").exists()


class TestErase:
    def test_erase_leaves_a_hash_and_a_log_without_the_address(self, client, lists, demo):
        login(client, "naumburg")
        url = INDEX + f"delete/{lists['anna'].pk}/"
        page = client.get(url).content.decode()
        assert "DSGVO" in page and "anna@example.org" in page
        response = client.post(url, follow=True)
        assert "gelöscht" in response.content.decode()
        assert not Subscriber.objects.filter(email="anna@example.org").exists()
        assert not Consent.objects.filter(subscriber_id=lists["anna"].pk).exists()
        assert ErasedAddress.is_erased("Anna@example.org", demo.de)
        entries = ModelLogEntry.objects.filter(action="subscribers.erase")
        assert entries.count() == 1
        assert "anna" not in str(list(entries.values()))
        history = client.get("/admin/reports/site-history/").content.decode()
        assert "anna@example.org" not in history

        # A re-import skips the address.
        text = upload(client, "email;language\nanna@example.org;de\n").content.decode()
        assert "auf Wunsch gelöscht" in text

    def test_subscribing_again_on_the_site_lifts_the_erasure(self, client, lists, demo):
        login(client, "lesulis")
        client.post(INDEX + f"delete/{lists['claire'].pk}/")
        assert ErasedAddress.is_erased("claire@example.org", demo.fr)
        again = Subscriber.objects.create(email="claire@example.org", locale=demo.fr)
        token = tokens.make_token(again, tokens.CONFIRM)
        client.post(f"/fr/subscription/confirm/{token}/")
        again.refresh_from_db()
        assert again.state == Subscriber.State.CONFIRMED
        assert not ErasedAddress.is_erased("claire@example.org", demo.fr)

"""The hand-off between the teams: one team asks, the other translates or declines.

Everything goes through the admin over HTTP with the demo editors, each in
their own admin language, and the mails go out from the real ``mail`` worker.
Asking gives no right on the other team's tree.
"""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils import translation as i18n
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from partnership.models import PartnerCity, WorkshopIndexPage
from tests.factories import PartnerCityFactory, WorkshopPageFactory
from tests.subscribers.helpers import run_mail_worker
from tests.translation.test_team_permissions import refused
from translation.handoff import HandoffError, create_request
from translation.models import TranslationRequest

pytestmark = pytest.mark.django_db

User = get_user_model()
DASHBOARD = reverse("wagtailadmin_home")
BOARD = reverse("translation_status:board")
IN_TWO_WEEKS = timezone.localdate() + datetime.timedelta(days=14)


def published_workshop(locale, title):
    admin = User.objects.get(username="admin")
    index = WorkshopIndexPage.objects.get(locale=locale)
    page = WorkshopPageFactory(parent=index, title=title, summary=f"{title}: Zusammenfassung")
    page.save_revision(user=admin).publish()
    return page


@pytest.fixture
def workshop(demo):
    """A live German workshop with no French version."""
    return published_workshop(demo.de, "Werkstatt Ehrenamt")


def request_url(page):
    return reverse("translation_requests:page", args=[page.pk])


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def ask(client, page, locale, capture, **fields):
    data = {"target_locale": locale.pk, "note": "", "wished_date": "", **fields}
    with capture(execute=True):
        return client.post(request_url(page), data)


def mails_to(username):
    address = User.objects.get(username=username).email
    return [message for message in mail.outbox if address in message.to]


def set_admin_language(username, language):
    profile = User.objects.get(username=username).wagtail_userprofile
    profile.preferred_language = language
    profile.save()


# The whole flow ----------------------------------------------------------------


def test_naumburg_asks_les_ulis_translates_and_naumburg_is_told(
    demo, workshop, login, monkeypatch, django_capture_on_commit_callbacks
):
    naumburg, lesulis = login("naumburg"), login("lesulis")

    # "Translate this page" no longer ends on the dashboard: it offers the request.
    offered = naumburg.get(submit_url(workshop))
    assert offered.status_code == 302
    assert offered.url == request_url(workshop)
    form = naumburg.get(offered.url)
    assert form.status_code == 200
    assert '<html lang="de"' in form.text
    assert "Nur das Redaktionsteam für Französisch darf diese Fassung anlegen." in form.text
    assert "Sie können es hier darum bitten." in form.text
    assert "Anfrage senden" in form.text
    assert "Werkstatt Ehrenamt" in form.text
    # The page's header and the page listing offer it too.
    editor = naumburg.get(reverse("wagtailadmin_pages:edit", args=[workshop.pk]))
    assert "Fassung auf Französisch anfragen" in editor.text
    assert request_url(workshop) in editor.text

    # 1. Naumburg asks, with a note and a date.
    note = "Bitte vor der Vernissage – merci !"
    sent = ask(
        naumburg,
        workshop,
        demo.fr,
        django_capture_on_commit_callbacks,
        note=note,
        wished_date=IN_TWO_WEEKS.isoformat(),
    )
    assert sent.status_code == 302
    assert sent.url == reverse("wagtailadmin_pages:edit", args=[workshop.pk])
    request_obj = TranslationRequest.objects.get()
    assert request_obj.state == "open"
    assert (request_obj.target_locale, request_obj.note) == (demo.fr, note)
    assert not Page.objects.filter(translation_key=workshop.translation_key, locale=demo.fr)

    # 2. Les Ulis is told by mail, in French.
    run_mail_worker(monkeypatch)
    (told,) = mails_to("lesulis")
    assert told.subject == (
        "Demande de traduction : une version en français de « Werkstatt Ehrenamt »"
    )
    assert "Anna Beispiel demande à votre équipe une version en français" in told.body
    assert note in told.body
    assert f"Souhaitée pour le : {IN_TWO_WEEKS.day} " in told.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/" in told.body
    assert not mails_to("naumburg")

    # ... and on her dashboard.
    dashboard = lesulis.get(DASHBOARD)
    assert "Demandes de traduction" in dashboard.text
    assert "Werkstatt Ehrenamt" in dashboard.text
    assert "Anna Beispiel" in dashboard.text
    assert "Bitte vor der Vernissage" in dashboard.text
    assert "Commencer la traduction" in dashboard.text
    assert reverse("translation_requests:decline", args=[request_obj.pk]) in dashboard.text

    # The request shows on the page's editor and on the board, for both teams.
    editor = naumburg.get(reverse("wagtailadmin_pages:edit", args=[workshop.pk]))
    assert "Französisch angefragt von Anna Beispiel" in editor.text
    assert "Ihre offenen Anfragen" in naumburg.get(DASHBOARD).text
    assert "Angefragt von Anna Beispiel" in naumburg.get(BOARD).text
    assert "Demandé par Anna Beispiel" in lesulis.get(BOARD).text

    # Asking gave Naumburg no right on the French tree.
    # Posting wagtail-localize's form leads to the request form again, and creates nothing.
    again = naumburg.post(submit_url(workshop), {"locales": [demo.fr.pk]})
    assert (again.status_code, again.url) == (302, request_url(workshop))
    assert not Page.objects.filter(translation_key=workshop.translation_key, locale=demo.fr)

    # 3. Les Ulis starts the translation from her dashboard (wagtail-localize's submit).
    with django_capture_on_commit_callbacks(execute=True):
        started = lesulis.post(submit_url(workshop), {"locales": [demo.fr.pk]})
    assert started.status_code == 302
    french = Page.objects.get(translation_key=workshop.translation_key, locale=demo.fr)
    assert not french.live
    request_obj.refresh_from_db()
    assert request_obj.state == "open", "open until the version is published"
    assert (
        "Französisch angefragt von Anna Beispiel"
        in naumburg.get(reverse("wagtailadmin_pages:edit", args=[workshop.pk])).text
    )

    # Naumburg may neither edit nor publish the French draft.
    french_editor = reverse("wagtailadmin_pages:edit", args=[french.pk])
    assert refused(naumburg.get(french_editor))
    assert refused(naumburg.post(french_editor, {"action": "publish"}))
    french.refresh_from_db()
    assert not french.live

    # 4. She translates every text and publishes.
    source = TranslationSource.objects.get_for_instance(workshop)
    translation = source.translations.get(target_locale=demo.fr)
    for segment in source.stringsegment_set.select_related("string"):
        answer = lesulis.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
            encode_multipart(BOUNDARY, {"value": f"[fr] {segment.string.data}"}),
            content_type=MULTIPART_CONTENT,
        )
        assert answer.status_code in {200, 201}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = lesulis.post(french_editor, {"action": "publish"})
    assert published.status_code == 302
    french.refresh_from_db()
    assert french.live

    # 5. The request is done, and Naumburg is told in German.
    request_obj.refresh_from_db()
    assert request_obj.state == "done"
    assert request_obj.closed_by.username == "lesulis"
    run_mail_worker(monkeypatch)
    (done,) = mails_to("naumburg")
    assert done.subject == "Veröffentlicht: die Fassung auf Französisch von „Werkstatt Ehrenamt“"
    assert "die Sie angefragt haben, ist veröffentlicht" in done.body
    assert french.get_full_url() in done.body
    assert not mails_to("lesulis")
    assert "Commencer la traduction" not in lesulis.get(DASHBOARD).text
    assert "Angefragt von" not in naumburg.get(BOARD).text


def test_les_ulis_declines_and_naumburg_reads_why(
    demo, workshop, login, monkeypatch, django_capture_on_commit_callbacks
):
    naumburg, lesulis = login("naumburg"), login("lesulis")
    ask(naumburg, workshop, demo.fr, django_capture_on_commit_callbacks)
    request_obj = TranslationRequest.objects.get()
    decline_url = reverse("translation_requests:decline", args=[request_obj.pk])

    # Naumburg may not decline for Les Ulis.
    assert refused(naumburg.get(decline_url))
    assert refused(naumburg.post(decline_url, {"reason": "egal"}))

    form = lesulis.get(decline_url)
    assert form.status_code == 200
    assert "Refuser la demande" in form.text
    empty = lesulis.post(decline_url, {"reason": ""})
    assert empty.status_code == 400
    assert "Champ requis." in empty.text
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        declined = lesulis.post(decline_url, {"reason": "Cet atelier ne concerne pas Les Ulis."})
    assert declined.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.state == "declined"
    assert request_obj.decline_reason == "Cet atelier ne concerne pas Les Ulis."

    run_mail_worker(monkeypatch)
    (told,) = mails_to("naumburg")
    assert told.subject.startswith("Abgelehnt: Ihre Anfrage einer Fassung auf Französisch")
    assert "Claire Exemple hat Ihre Anfrage" in told.body
    assert "Cet atelier ne concerne pas Les Ulis." in told.body

    # Declined requests leave the dashboard and the board; a new request may be made.
    assert "Commencer la traduction" not in lesulis.get(DASHBOARD).text
    assert "Demandé par" not in lesulis.get(BOARD).text
    again = ask(naumburg, workshop, demo.fr, django_capture_on_commit_callbacks)
    assert again.status_code == 302
    assert TranslationRequest.objects.filter(state="open").count() == 1
    # Declining twice is not possible.
    assert lesulis.post(decline_url, {"reason": "encore"}).status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.decline_reason == "Cet atelier ne concerne pas Les Ulis."


def test_each_team_handles_only_its_own_language(
    demo, login, monkeypatch, django_capture_on_commit_callbacks
):
    """Les Ulis asks for German; only Naumburg may decline or start it."""
    naumburg, lesulis = login("naumburg"), login("lesulis")
    atelier = published_workshop(demo.fr, "Atelier Bénévolat")
    offered = lesulis.get(submit_url(atelier))
    assert offered.url == request_url(atelier)
    form = lesulis.get(offered.url)
    assert "Seule l’équipe de rédaction pour allemand" in form.text or "allemand" in form.text
    assert ask(lesulis, atelier, demo.de, django_capture_on_commit_callbacks).status_code == 302
    request_obj = TranslationRequest.objects.get()
    decline_url = reverse("translation_requests:decline", args=[request_obj.pk])

    assert refused(lesulis.post(decline_url, {"reason": "non"}))
    assert lesulis.post(submit_url(atelier), {"locales": [demo.de.pk]}).url == request_url(atelier)
    assert not Page.objects.filter(translation_key=atelier.translation_key, locale=demo.de)
    request_obj.refresh_from_db()
    assert request_obj.state == "open"
    assert "Commencer la traduction" not in lesulis.get(DASHBOARD).text
    assert "Übersetzung beginnen" in naumburg.get(DASHBOARD).text

    run_mail_worker(monkeypatch)
    (told,) = mails_to("naumburg")
    assert told.subject == "Übersetzung angefragt: eine Fassung auf Deutsch von „Atelier Bénévolat“"

    # Naumburg may not ask for the French page's other language: it is not her page.
    assert refused(naumburg.get(request_url(atelier)))
    assert refused(naumburg.post(request_url(atelier), {"target_locale": demo.de.pk}))
    assert TranslationRequest.objects.count() == 1


def test_mails_follow_each_recipients_admin_language(
    demo, workshop, login, monkeypatch, django_capture_on_commit_callbacks
):
    """The account's admin language wins; without one, the team's language."""
    set_admin_language("lesulis", "de")
    ask(login("naumburg"), workshop, demo.fr, django_capture_on_commit_callbacks)
    run_mail_worker(monkeypatch)
    (told,) = mails_to("lesulis")
    assert told.subject.startswith("Übersetzung angefragt: eine Fassung auf Französisch")
    assert told.extra_headers["Content-Language"] == "de"

    set_admin_language("lesulis", "")
    set_admin_language("naumburg", "")
    mail.outbox.clear()
    other = published_workshop(demo.de, "Werkstatt Zwei")
    ask(login("naumburg"), other, demo.fr, django_capture_on_commit_callbacks)
    run_mail_worker(monkeypatch)
    (told,) = mails_to("lesulis")
    assert told.subject.startswith("Demande de traduction")
    assert told.extra_headers["Content-Language"] == "fr"


# Bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "language", "past", "too_long", "duplicate"),
    [
        (
            "naumburg",
            "de",
            "Das gewünschte Datum darf nicht in der Vergangenheit liegen.",
            "höchstens 1000 Zeichen",
            "Eine Fassung auf Französisch von „Werkstatt Ehrenamt“ wurde bereits angefragt.",
        ),
        (
            "lesulis",
            "fr",
            "La date souhaitée ne doit pas être dans le passé.",
            "au plus 1000 caractères",
            "Une version en allemand de « Werkstatt Ehrenamt » a déjà été demandée.",
        ),
    ],
)
def test_bad_input_is_a_4xx_in_the_editors_language(
    demo,
    login,
    django_capture_on_commit_callbacks,
    username,
    language,
    past,
    too_long,
    duplicate,
):
    source_locale, target = (demo.de, demo.fr) if language == "de" else (demo.fr, demo.de)
    page = published_workshop(source_locale, "Werkstatt Ehrenamt")
    client = login(username)

    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    answer = ask(client, page, target, django_capture_on_commit_callbacks, wished_date=yesterday)
    assert answer.status_code == 400
    assert f'<html lang="{language}"' in answer.text
    assert past in answer.text

    answer = ask(client, page, target, django_capture_on_commit_callbacks, note="x" * 1001)
    assert answer.status_code == 400
    assert too_long in answer.text

    answer = ask(client, page, target, django_capture_on_commit_callbacks, wished_date="31.02.")
    assert answer.status_code == 400

    answer = ask(client, page, source_locale, django_capture_on_commit_callbacks)
    assert answer.status_code == 400, "a language the team writes itself is not requested"
    assert not TranslationRequest.objects.exists()

    assert ask(client, page, target, django_capture_on_commit_callbacks).status_code == 302
    # A second open request for the same page and language: the form now offers none ...
    second = client.get(request_url(page))
    assert second.status_code == 200
    assert 'id="translation-request-form"' not in second.text
    # ... and the constraint holds against a race.
    with pytest.raises(HandoffError) as error, i18n.override(language):
        create_request(User.objects.get(username=username), page, target)
    assert str(error.value) == duplicate
    assert TranslationRequest.objects.count() == 1

    # An unknown page or request is a 404. (Django's LocaleMiddleware still sends an
    # admin 404 on to the public site's 404 under /de/ or /fr/: issue 20, item 8.)
    for url in (
        reverse("translation_requests:page", args=[999999]),
        reverse("translation_requests:decline", args=[999999]),
    ):
        assert client.get(url, follow=True).status_code == 404


def test_no_request_without_an_editor_or_for_an_existing_version(demo, login, client):
    french_home_source = demo.home_de
    # The home page has its French version: nothing to request.
    answer = login("naumburg").get(request_url(french_home_source))
    assert answer.status_code == 200
    assert "nichts anzufragen" in answer.text
    # Not signed in: the admin's login.
    assert client.get(request_url(french_home_source)).status_code == 302


# Query counts ------------------------------------------------------------------


def requests_for_pages(demo, count, first=0):
    naumburg = User.objects.get(username="naumburg")
    for number in range(first, first + count):
        page = published_workshop(demo.de, f"Werkstatt {number:02}")
        create_request(naumburg, page, demo.fr, note=f"Hinweis {number}", wished_date=IN_TWO_WEEKS)


def queries_of(client, url):
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("url", [DASHBOARD, BOARD])
@pytest.mark.parametrize("username", ["lesulis", "naumburg"])
def test_dashboard_and_board_queries_do_not_grow_with_the_requests(
    demo, login, url, username, django_assert_num_queries
):
    client = login(username)
    requests_for_pages(demo, 1)
    with_one, count = queries_of(client, url)
    requests_for_pages(demo, 9, first=1)
    client.get(url)
    with django_assert_num_queries(count, exact=True):
        with_ten = client.get(url)
    assert with_ten.text.count("Anna Beispiel") >= 10 > with_one.text.count("Anna Beispiel")


def test_a_record_is_requested_and_done_once_its_version_exists(
    demo, login, monkeypatch, django_capture_on_commit_callbacks
):
    """A translatable record (a partner town) goes the same way; records without drafts
    are public as soon as they are saved, so the request is done when the version exists."""
    naumburg, lesulis = login("naumburg"), login("lesulis")
    city = PartnerCityFactory(locale=demo.de, name="Teststadt an der Unstrut")
    city.save_revision(user=User.objects.get(username="naumburg"))
    args = ["partnership", "partnercity", city.pk]
    submit = reverse("wagtail_localize:submit_snippet_translation", args=args)
    ask_url = reverse("translation_requests:snippet", args=args)

    assert naumburg.get(submit).url == ask_url
    with django_capture_on_commit_callbacks(execute=True):
        sent = naumburg.post(ask_url, {"target_locale": demo.fr.pk, "note": "Für die Karte"})
    assert sent.status_code == 302
    request_obj = TranslationRequest.objects.get()
    dashboard = lesulis.get(DASHBOARD).text
    assert "Teststadt an der Unstrut" in dashboard
    assert submit in dashboard

    with django_capture_on_commit_callbacks(execute=True):
        assert lesulis.post(submit, {"locales": [demo.fr.pk]}).status_code == 302
    assert PartnerCity.objects.filter(translation_key=city.translation_key, locale=demo.fr)
    request_obj.refresh_from_db()
    assert request_obj.state == "done"
    mail.outbox.clear()
    run_mail_worker(monkeypatch)
    (told,) = mails_to("naumburg")
    assert (
        told.subject == "Veröffentlicht: die Fassung auf Französisch von „Teststadt an der Unstrut“"
    )

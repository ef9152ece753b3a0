"""Publishing a page and its translation together, now or at one moment (translation.together).

Driven through the admin over HTTP as the superuser (who may publish both
languages) and the two town editors (who may not), with wagtail-localize's own
submit view and string API for the translation work in between.
"""

import csv
import datetime
import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from partnership.models import DelegationReportIndexPage, DelegationReportPage, PartnerCity
from tests.factories import DelegationReportPageFactory, UserFactory
from tests.subscribers.helpers import run_mail_worker
from translation.together import publish_when_due

pytestmark = pytest.mark.django_db

TITLE = "Bürgerreise 2027"
NEW_AIM = "Gemeinsam ein Fest für den Deutsch-Französischen Tag planen."


def together_url(page):
    return reverse("translation_together:page", args=[page.pk])


def german_report_with_french_translation(demo, admin_client, capture):
    french_cities = PartnerCity.objects.filter(locale=demo.fr).values("translation_key")
    from_city, to_city = PartnerCity.objects.filter(
        locale=demo.de, translation_key__in=french_cities
    )[:2]
    german = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de),
        title=TITLE,
        summary="Eine Delegation besucht die Partnerstadt.",
        aim="<p>Voneinander lernen.</p>",
        from_city=from_city,
        to_city=to_city,
    )
    german.save_revision().publish()
    with capture(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[german.id]),
            {"locales": [demo.fr.id]},
        )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )
    translate_strings(admin_client, translation)
    french = german.get_translation(demo.fr)
    with capture(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[french.id]), {"action": "publish"}
        )
    assert response.status_code == 302
    return DelegationReportPage.objects.get(pk=german.pk), translation


def translate_strings(client, translation):
    """Translate every string still untranslated, through wagtail-localize's API."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale, translation_of__in=segments.values("string")
        ).values_list("translation_of_id", "context_id")
    )
    for segment in segments.order_by("order"):
        if (segment.string_id, segment.context_id) in done:
            continue
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
        response = client.put(
            url,
            f"value=FR+{segment.string.data[:30]}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201)


def german_draft(german):
    """The German team changes the aim and saves a draft, not yet published."""
    draft = german.get_latest_revision_as_object()
    draft.aim = f"<p>{NEW_AIM}</p>"
    draft.save_revision()


def french_board_status(client):
    response = client.get("/admin/translation-status/", {"export": "csv"})
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    return next(row for row in rows if row["Titel"] == TITLE)["Français: Status"]


def live_aim(page):
    return DelegationReportPage.objects.get(pk=page.pk).aim


@pytest.fixture
def report(demo, admin_client, django_capture_on_commit_callbacks):
    german, translation = german_report_with_french_translation(
        demo, admin_client, django_capture_on_commit_callbacks
    )
    return german, german.get_translation(demo.fr), translation


def test_the_editor_offers_publishing_with_translations(report, admin_client, demo):
    german, french, _ = report
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    assert "Mit Übersetzungen veröffentlichen…" in response.text
    assert together_url(german) in response.text
    lonely = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de), title="Nur auf Deutsch"
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lonely.pk]))
    assert together_url(lonely) not in response.text


def test_a_draft_goes_out_in_both_languages_at_once(
    report, admin_client, django_capture_on_commit_callbacks
):
    german, french, translation = report
    german_draft(german)

    # The translators still see the old text: French cannot go out with it.
    response = admin_client.get(together_url(german))
    assert response.status_code == 200
    assert "Das Original wurde geändert, seit es zur Übersetzung ging" in response.text
    assert "Entwurf zur Übersetzung senden" in response.text

    response = admin_client.post(together_url(german), {"send_draft": "1"})
    assert response.status_code == 302
    response = admin_client.get(together_url(german))
    assert "Texten sind noch nicht übersetzt." in response.text
    # Nothing is public yet: the draft reached the translators only.
    assert NEW_AIM not in live_aim(german)

    response = admin_client.post(
        together_url(german), {"languages": [german.pk, french.pk], "publish": "1"}
    )
    assert response.status_code == 400
    assert "Französisch: 1 von" in response.text

    translate_strings(admin_client, translation)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            together_url(german),
            {"languages": [german.pk, french.pk], "publish": "1"},
            follow=True,
        )
    assert response.redirect_chain[0][1] == 302
    assert f"„{TITLE}“ ist auf Deutsch und Französisch veröffentlicht." in response.text
    assert NEW_AIM in live_aim(german)
    assert f"FR {NEW_AIM[:30]}" in live_aim(french)
    assert not Page.objects.get(pk=french.pk).has_unpublished_changes
    assert french_board_status(admin_client) == "Aktuell"
    public = admin_client.get(Page.objects.get(pk=french.pk).url)
    assert f"FR {NEW_AIM[:30]}" in public.text


def test_both_languages_go_live_at_the_same_scheduled_moment(
    report, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    german, french, translation = report
    german_draft(german)
    admin_client.post(together_url(german), {"send_draft": "1"})
    translate_strings(admin_client, translation)
    # A moment a few seconds ahead, so that the test can wait for it to come.
    moment = (timezone.localtime() + datetime.timedelta(seconds=4)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            together_url(german),
            {
                "languages": [german.pk, french.pk],
                "go_live_at": moment.strftime("%Y-%m-%d %H:%M:%S"),
                "publish": "1",
            },
        )
    assert response.status_code == 302

    # Until then visitors see the old text in both languages.
    assert NEW_AIM not in live_aim(german)
    assert "FR " + NEW_AIM[:30] not in live_aim(french)
    assert "FR " + NEW_AIM[:30] not in admin_client.get(french.url).text
    scheduled = Revision.objects.filter(
        object_id__in=[str(german.pk), str(french.pk)], approved_go_live_at__isnull=False
    )
    assert scheduled.count() == 2
    assert len({revision.approved_go_live_at for revision in scheduled}) == 1
    task = DBTaskResult.objects.get(task_path=publish_when_due.module_path, status="READY")
    assert task.run_after == moment
    # Before the moment the worker leaves the task waiting.
    run_mail_worker(monkeypatch)
    assert NEW_AIM not in live_aim(german)

    # The moment comes: the worker publishes both in one run.
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.5)
    run_mail_worker(monkeypatch)
    assert NEW_AIM in live_aim(german)
    assert f"FR {NEW_AIM[:30]}" in live_aim(french)
    assert french_board_status(admin_client) == "Aktuell"


def test_a_moment_in_the_past_is_refused_and_nothing_changes(report, admin_client):
    german, french, translation = report
    german_draft(german)
    admin_client.post(together_url(german), {"send_draft": "1"})
    translate_strings(admin_client, translation)
    response = admin_client.post(
        together_url(german),
        {"languages": [german.pk, french.pk], "go_live_at": "2020-01-01 10:00", "publish": "1"},
    )
    assert response.status_code == 400
    assert "Der Zeitpunkt muss in der Zukunft liegen." in response.text
    assert NEW_AIM not in live_aim(german)
    response = admin_client.post(together_url(german), {"languages": [], "publish": "1"})
    assert response.status_code == 400
    assert "Wählen Sie mindestens eine Sprache." in response.text


def test_town_editors_see_the_state_but_cannot_publish_both(report, client, demo):
    german, french, translation = report
    german_draft(german)

    client.force_login(get_user_model().objects.get(username="naumburg"))
    response = client.get(together_url(german))
    assert response.status_code == 200
    assert "Nur wer alle Sprachen veröffentlichen darf" in response.text
    assert 'name="publish"' not in response.text
    response = client.post(together_url(german), {"languages": [german.pk], "publish": "1"})
    assert response.status_code == 403
    assert NEW_AIM not in live_aim(german)
    # Sending the German draft for translation is the German team's own step.
    response = client.post(together_url(german), {"send_draft": "1"})
    assert response.status_code == 302

    client.force_login(get_user_model().objects.get(username="lesulis"))
    german_draft(german)
    response = client.get(together_url(german))
    assert response.status_code == 200
    assert "Seule une personne pouvant publier toutes les langues" in response.text
    assert "Son équipe peut envoyer le brouillon en traduction." in response.text
    response = client.post(together_url(german), {"send_draft": "1"}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Seule l’équipe de l’original peut envoyer son brouillon en traduction." in response.text


def test_nobody_else_reaches_the_screen(report, client):
    german, _, _ = report
    response = client.get(together_url(german))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    outsider = UserFactory(username="aussen")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(together_url(german)).status_code == 404
    assert client.get(reverse("translation_together:page", args=[999999])).status_code == 404

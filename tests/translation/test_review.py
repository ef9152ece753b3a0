"""Reviewing machine translation, and the notice visitors see until it is reviewed.

A German report goes through wagtail-localize's submit form, is machine-
translated by the French team through the editor's button (against the local
DeepL of ``conftest.py``), reviewed in this project's review view and
published from the translation editor, all over HTTP.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from partnership.models import DelegationReportIndexPage, PartnerCity
from tests.factories import DelegationReportPageFactory

pytestmark = pytest.mark.django_db

NOTICE_FR = "Cette page a été traduite automatiquement et n'a pas encore été relue."
NOTICE_DE = "Diese Seite wurde maschinell übersetzt und noch nicht geprüft."
FINDINGS = [f"Erkenntnis {n}: Beide Städte haben ähnliche Vereine." for n in range(4)]


def user(username):
    return get_user_model().objects.get(username=username)


def signed_in(username):
    client = Client()
    client.force_login(user(username))
    return client


def text(response):
    return html.unescape(response.content.decode())


def twin_cities(demo, locale):
    other = demo.fr if locale == demo.de else demo.de
    keys = PartnerCity.objects.filter(locale=other).values("translation_key")
    return PartnerCity.objects.filter(locale=locale, translation_key__in=keys)[:2]


@pytest.fixture
def machine_translated(demo, deepl, admin_client):
    """A German report, submitted for French and machine-translated by Les Ulis."""
    from_city, to_city = twin_cities(demo, demo.de)
    page = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de),
        title="Besuch in Les Ulis",
        summary="Eine Delegation besucht die Partnerstadt.",
        aim="<p>Voneinander lernen.</p>",
        findings="".join(f"<p>{finding}</p>" for finding in FINDINGS),
        from_city=from_city,
        to_city=to_city,
    )
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [demo.fr.id]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=demo.fr
    )
    french = page.get_translation(demo.fr)
    lesulis = signed_in("lesulis")
    editor = reverse("wagtailadmin_pages:edit", args=[french.id])
    response = lesulis.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]),
        {"next": f"http://testserver{editor}"},
    )
    assert response.status_code == 302
    return page, translation, french, lesulis


def machine_texts(translation):
    """How many texts the machine translated (the slug follows the title instead)."""
    return StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
        translation_type="machine",
    ).count()


def review_url(translation, **params):
    url = reverse("translation_review", args=[translation.id])
    return url + ("?show=machine-unreviewed" if params.get("unreviewed") else "")


def publish(client, page, capture):
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
        )
    assert response.status_code == 302
    return Page.objects.get(pk=page.pk).specific


def unreviewed_ids(client, translation):
    """The ids of the "Mark reviewed" buttons the review view shows."""
    response = client.get(review_url(translation, unreviewed=True))
    assert response.status_code == 200
    return re.findall(r'name="review" value="(\d+)"', response.text)


def test_machine_translation_is_labelled_until_every_text_is_reviewed(
    client, machine_translated, django_capture_on_commit_callbacks
):
    german, translation, french, lesulis = machine_translated
    capture = django_capture_on_commit_callbacks

    french = publish(lesulis, french, capture)
    visitor = client.get(french.url)
    assert visitor.status_code == 200
    assert NOTICE_FR in text(visitor)
    assert f'<a href="{german.url}" hreflang="de">Lire l\'original en allemand</a>' in text(visitor)

    ids = unreviewed_ids(lesulis, translation)
    total = machine_texts(translation)
    assert len(ids) == total > 2
    for pk in ids[: total // 2]:
        response = lesulis.post(review_url(translation), {"review": pk}, follow=True)
        assert response.status_code == 200
        assert "1 traduction automatique marquée comme relue." in text(response)
    french = publish(lesulis, french, capture)
    assert NOTICE_FR in text(client.get(french.url))  # half is not enough

    rest = unreviewed_ids(lesulis, translation)
    assert len(rest) == total - total // 2
    response = lesulis.post(
        review_url(translation, unreviewed=True), {"shown": rest, "review_shown": "1"}, follow=True
    )
    assert f"{len(rest)} traductions automatiques marquées comme relues." in text(response)
    assert unreviewed_ids(lesulis, translation) == []
    # Reviewing alone changes nothing visitors see; publishing does.
    assert NOTICE_FR in text(client.get(french.url))
    french = publish(lesulis, french, capture)
    visitor = client.get(french.url)
    assert visitor.status_code == 200
    assert "traduite automatiquement" not in visitor.text
    assert "[FR] Eine Delegation besucht die Partnerstadt." in text(visitor)


def test_the_notice_is_in_german_on_a_german_translation_of_a_french_page(
    client, demo, deepl, admin_client, django_capture_on_commit_callbacks
):
    from exhibitions.models import ArtistExchangeIndexPage
    from tests.factories import ArtistExchangePageFactory

    french = ArtistExchangePageFactory(
        parent=ArtistExchangeIndexPage.objects.get(locale=demo.fr),
        title="Échange d'artistes",
        summary="Une association propose un échange.",
    )
    admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[french.id]),
        {"locales": [demo.de.id]},
    )
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale=demo.de
    )
    german = french.get_translation(demo.de)
    naumburg = signed_in("naumburg")
    naumburg.post(reverse("wagtail_localize:machine_translate", args=[translation.id]))
    german = publish(naumburg, german, django_capture_on_commit_callbacks)

    visitor = client.get(german.url)
    assert NOTICE_DE in text(visitor)
    assert f'<a href="{french.url}" hreflang="fr">Original auf Französisch lesen</a>' in (
        visitor.text
    )


def test_publishing_the_reviewed_version_empties_the_cached_copy(
    client, machine_translated, django_capture_on_commit_callbacks
):
    _german, translation, french, lesulis = machine_translated
    with override_settings(CACHE_MIDDLEWARE_SECONDS=300):
        french = publish(lesulis, french, django_capture_on_commit_callbacks)
        first = client.get(french.url)
        assert NOTICE_FR in text(first)
        assert "max-age=300" in first["Cache-Control"]
        with CaptureQueriesContext(connection) as served:
            assert NOTICE_FR in text(client.get(french.url))
        assert len(served) < 5  # from the page cache, not rendered again

        ids = unreviewed_ids(lesulis, translation)
        lesulis.post(review_url(translation), {"shown": ids, "review_shown": "1"})
        assert NOTICE_FR in text(client.get(french.url))  # not published yet
        publish(lesulis, french, django_capture_on_commit_callbacks)
        assert "traduite automatiquement" not in client.get(french.url).text


def test_the_filter_shows_only_machine_translations_nobody_reviewed(machine_translated):
    _german, translation, _french, lesulis = machine_translated
    rows = list(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id,
            locale=translation.target_locale,
            translation_type="machine",
        ).order_by("pk")
    )
    assert len(rows) >= 3
    edited, reviewed, changed = rows[0], rows[1], rows[2]

    # A person's edit in wagtail-localize's editor makes the text theirs.
    segment = StringSegment.objects.get(
        source=translation.source, string=edited.translation_of, context=edited.context
    )
    response = lesulis.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        "value=Rapport+relu+par+une+personne",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    lesulis.post(review_url(translation), {"review": [reviewed.pk, changed.pk]})
    # A review covers the text as it was: a new text needs a new review.
    StringTranslation.objects.filter(pk=changed.pk).update(data="[FR] Un autre texte")

    everything = text(lesulis.get(review_url(translation)))
    assert "Rapport relu par une personne" in everything
    assert "Rédigé ou modifié par une personne" in everything
    assert reviewed.data in everything
    assert "Relu par Claire Exemple" in everything
    assert "Modifié depuis la relecture" in everything
    assert "Machine (DeepL)" in everything

    filtered = lesulis.get(review_url(translation, unreviewed=True))
    shown = set(re.findall(r'name="review" value="(\d+)"', filtered.text))
    expected = {str(row.pk) for row in rows if row.pk not in (edited.pk, reviewed.pk)}
    assert shown == expected
    assert "Rapport relu par une personne" not in text(filtered)
    assert reviewed.data not in text(filtered)
    assert "[FR] Un autre texte" in text(filtered)


def test_only_the_target_team_may_review(client, machine_translated):
    _german, translation, _french, lesulis = machine_translated
    ids = unreviewed_ids(lesulis, translation)
    url = review_url(translation)

    naumburg = signed_in("naumburg")
    refused = naumburg.get(url)
    assert refused.status_code == 403
    assert "Nur das Redaktionsteam für Französisch darf diese Übersetzung prüfen." in text(refused)
    assert naumburg.post(url, {"review": ids[0]}).status_code == 403
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert client.post(url, {"review": ids[0]}).status_code == 302
    assert unreviewed_ids(lesulis, translation) == ids  # nobody reviewed anything

    # (LocaleMiddleware first redirects the admin's 404 to /fr/admin/..., which 404s too.)
    missing = lesulis.get(reverse("translation_review", args=[999999]), follow=True)
    assert missing.status_code == 404
    response = lesulis.post(url, {"review": "un"})
    assert response.status_code == 400
    assert "Choisissez" in text(response)


def test_the_translation_editor_links_to_the_review(machine_translated):
    _german, translation, french, lesulis = machine_translated
    editor = lesulis.get(reverse("wagtailadmin_pages:edit", args=[french.id]))
    assert editor.status_code == 200
    assert f'href="{review_url(translation, unreviewed=True)}"' in editor.text
    assert "Relire la traduction automatique" in text(editor)


def test_the_notice_costs_no_query(client, machine_translated, django_capture_on_commit_callbacks):
    _german, translation, french, lesulis = machine_translated
    french = publish(lesulis, french, django_capture_on_commit_callbacks)

    def queries():
        client.get(french.url)  # warm up what any first visit fills
        with CaptureQueriesContext(connection) as captured:
            response = client.get(french.url)
        return response, len(captured)

    labelled, with_notice = queries()
    assert NOTICE_FR in text(labelled)
    lesulis.post(
        review_url(translation),
        {"shown": unreviewed_ids(lesulis, translation), "review_shown": "1"},
    )
    publish(lesulis, french, django_capture_on_commit_callbacks)
    plain, without_notice = queries()
    assert "traduite automatiquement" not in plain.text
    assert with_notice == without_notice


def test_the_status_board_counts_unreviewed_machine_translation(machine_translated):
    _german, translation, _french, lesulis = machine_translated
    total = machine_texts(translation)
    link = f'href="{review_url(translation, unreviewed=True)}"'

    board = lesulis.get("/admin/translation-status/", {"locale": "fr"})
    assert board.status_code == 200
    assert f"{total} traductions automatiques non relues" in text(board)
    assert link in board.text

    naumburg = signed_in("naumburg").get("/admin/translation-status/", {"locale": "fr"})
    assert f"{total} maschinelle Übersetzungen ungeprüft" in text(naumburg)
    assert link not in naumburg.text  # the German team cannot review French

    lesulis.post(
        review_url(translation),
        {"shown": unreviewed_ids(lesulis, translation), "review_shown": "1"},
    )
    board = lesulis.get("/admin/translation-status/", {"locale": "fr"})
    assert "traductions automatiques non relues" not in text(board)
    assert link not in board.text

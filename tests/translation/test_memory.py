"""The translation memory: texts translated before are offered, one by one or all at once.

Two German reports share texts. The first is translated into French in
wagtail-localize's editor (its string endpoint, as the editor's script
saves); the second, submitted later, is then offered those translations in
this project's review view and filled from the editor's bar, all over HTTP.
"""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from exhibitions.models import ArtistExchangeIndexPage
from partnership.models import DelegationReportIndexPage, PartnerCity
from tests.factories import ArtistExchangePageFactory, DelegationReportPageFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Eine Delegation besucht die Partnerstadt."
FINDINGS = [f"Erkenntnis {n}: Beide Städte haben ähnliche Vereine." for n in range(3)]
SUMMARY_FR = "Une délégation rend visite à la ville jumelle."
FINDINGS_FR = [f"Constat {n} : les deux villes ont des associations semblables." for n in range(3)]

MEMORY_FR = "De la mémoire de traduction"
MEMORY_DE = "Aus dem Übersetzungsspeicher"


def signed_in(username, **kwargs):
    client = Client(**kwargs)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def text(response):
    return html.unescape(response.content.decode())


def twin_cities(demo, locale):
    other = demo.fr if locale == demo.de else demo.de
    keys = PartnerCity.objects.filter(locale=other).values("translation_key")
    return PartnerCity.objects.filter(locale=locale, translation_key__in=keys)[:2]


def submitted_report(demo, admin_client, title, summary, findings, aim=None, **fields):
    from_city, to_city = twin_cities(demo, demo.de)
    aim = aim or f"<p>Das Ziel von {title}.</p>"
    page = DelegationReportPageFactory(
        parent=DelegationReportIndexPage.objects.get(locale=demo.de),
        title=title,
        summary=summary,
        aim=aim,
        findings="".join(f"<p>{finding}</p>" for finding in findings),
        from_city=from_city,
        to_city=to_city,
        **fields,
    )
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [demo.fr.id]},
    )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=demo.fr)


def segment(translation, source_text):
    return StringSegment.objects.get(source=translation.source, string__data=source_text)


def type_in_editor(client, translation, source_text, value):
    """Save a translation as the translation editor's script does."""
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment(translation, source_text).id],
        ),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    return response


def translated(translation, source_text):
    found = segment(translation, source_text)
    return StringTranslation.objects.filter(
        translation_of_id=found.string_id,
        context_id=found.context_id,
        locale=translation.target_locale,
    ).first()


def review_url(translation, show=""):
    url = reverse("translation_review", args=[translation.id])
    return f"{url}?show={show}" if show else url


def apply_url(translation):
    return reverse("translation_memory_apply", args=[translation.id])


def use_url(translation):
    return reverse("translation_memory_use", args=[translation.id])


def use_buttons(response):
    return re.findall(r'name="use" value="(\d+-\d+)"', response.text)


@pytest.fixture
def remembered(demo, admin_client):
    """Report A, translated into French by Les Ulis; report B, sharing texts with it, submitted."""
    lesulis = signed_in("lesulis")
    first = submitted_report(demo, admin_client, "Besuch in Les Ulis", SUMMARY, FINDINGS[:2])
    type_in_editor(lesulis, first, "Besuch in Les Ulis", "Visite aux Ulis")
    type_in_editor(lesulis, first, SUMMARY, SUMMARY_FR)
    for finding, finding_fr in zip(FINDINGS[:2], FINDINGS_FR, strict=False):
        type_in_editor(lesulis, first, finding, finding_fr)
    second = submitted_report(
        demo,
        admin_client,
        "Gegenbesuch in Naumburg",
        SUMMARY,
        FINDINGS,
        aim="<p>Die Freundschaft vertiefen.</p>",
    )
    return first, second, lesulis


def test_suggestions_show_where_they_come_from_in_french(remembered):
    first, second, lesulis = remembered

    response = lesulis.get(review_url(second, "memory"))
    assert response.status_code == 200
    page = text(response)
    assert MEMORY_FR in page
    assert "Mémoire de traduction" in page
    assert SUMMARY_FR in page and FINDINGS_FR[0] in page and FINDINGS_FR[1] in page
    assert "« Visite aux Ulis »" in page  # the French title of the page it comes from
    assert "Rédigé par une personne" in page
    # Only the three texts translated before are offered: not the title, the aim, finding 2.
    assert len(use_buttons(response)) == 3
    assert FINDINGS[2] not in page
    assert "Remplir les 3 textes à partir de la mémoire de traduction" in page

    # Shown in the full list too, first in the translation's cell.
    assert len(use_buttons(lesulis.get(review_url(second)))) == 3

    # One click takes one suggestion.
    summary_segment = segment(second, SUMMARY)
    choice = next(v for v in use_buttons(response) if v.startswith(f"{summary_segment.id}-"))
    response = lesulis.post(
        use_url(second), {"use": choice, "next": review_url(second, "memory")}, follow=True
    )
    assert response.status_code == 200
    assert "Traduction reprise de la mémoire de traduction." in text(response)
    summary = translated(second, SUMMARY)
    assert summary.data == SUMMARY_FR
    assert summary.translation_type == "manual"
    assert summary.tool_name == "translation memory"
    assert summary.last_translated_by.username == "lesulis"
    assert len(use_buttons(response)) == 2
    # The review view says where the text came from.
    everything = text(lesulis.get(review_url(second)))
    assert "Une personne, de la mémoire de traduction" in everything


def test_the_translation_editor_offers_the_memory(remembered):
    _first, second, lesulis = remembered
    french = second.get_target_instance()
    editor_url = reverse("wagtailadmin_pages:edit", args=[french.id])

    editor = lesulis.get(editor_url)
    assert editor.status_code == 200
    page = text(editor)
    assert "3 textes pas encore traduits l'ont déjà été ailleurs sur le site" in page
    assert f'action="{apply_url(second)}"' in editor.text
    assert f'href="{review_url(second, "memory")}"' in editor.text
    assert "Remplir toutes les correspondances exactes" in page

    response = lesulis.post(apply_url(second), {"next": editor_url})
    assert response.status_code == 302
    assert response["Location"] == editor_url
    editor = lesulis.get(editor_url)
    assert "3 textes remplis à partir de la mémoire de traduction." in text(editor)
    assert "l'ont déjà été ailleurs" not in text(editor)  # nothing left to offer
    # wagtail-localize's own editor names the memory as the texts' tool, in the admin language.
    # (in the editor's JSON props)
    assert '"comment": "De la m\\u00e9moire de traduction, ' in text(editor)


def test_apply_all_fills_only_untranslated_matches(remembered):
    first, second, lesulis = remembered
    type_in_editor(lesulis, second, FINDINGS[1], "Ma propre traduction du constat.")
    before = translated(second, FINDINGS[1])

    response = lesulis.post(apply_url(second), follow=True)
    assert response.status_code == 200
    assert "2 textes remplis à partir de la mémoire de traduction." in text(response)

    assert translated(second, SUMMARY).data == SUMMARY_FR
    assert translated(second, FINDINGS[0]).data == FINDINGS_FR[0]
    kept = translated(second, FINDINGS[1])
    assert (kept.pk, kept.data, kept.tool_name) == (before.pk, before.data, "")
    assert translated(second, FINDINGS[2]) is None
    assert translated(second, "Die Freundschaft vertiefen.") is None
    assert translated(second, "Gegenbesuch in Naumburg") is None
    filled = StringTranslation.objects.filter(
        context__object_id=second.source.object_id, locale=second.target_locale
    ).exclude(pk=before.pk)
    assert sorted(filled.values_list("data", flat=True)) == sorted([SUMMARY_FR, FINDINGS_FR[0]])
    assert set(filled.values_list("tool_name", flat=True)) == {"translation memory"}
    # The first report's texts are untouched.
    assert translated(first, SUMMARY).tool_name == ""

    again = lesulis.post(apply_url(second), follow=True)
    assert "Il ne reste aucun texte à remplir à partir de la mémoire de traduction." in text(again)
    assert filled.count() == 2


def test_a_person_comes_first_and_a_machine_text_stays_unreviewed(demo, admin_client, deepl):
    lesulis = signed_in("lesulis")
    by_machine = submitted_report(demo, admin_client, "Maschine", SUMMARY, FINDINGS[:1])
    response = lesulis.post(reverse("wagtail_localize:machine_translate", args=[by_machine.id]))
    assert response.status_code == 302
    assert translated(by_machine, SUMMARY).data == f"[FR] {SUMMARY}"
    by_person = submitted_report(demo, admin_client, "Person", SUMMARY, [])
    type_in_editor(lesulis, by_person, SUMMARY, SUMMARY_FR)
    second = submitted_report(demo, admin_client, "Dritter Bericht", SUMMARY, FINDINGS[:1])

    page = text(lesulis.get(review_url(second, "memory")))
    # A person's text comes before a machine's.
    assert page.index(SUMMARY_FR) < page.index(f"[FR] {SUMMARY}")
    assert "Machine (DeepL), non relue" in page

    response = lesulis.post(apply_url(second), follow=True)
    assert "2 textes remplis à partir de la mémoire de traduction." in text(response)
    summary = translated(second, SUMMARY)
    assert (summary.data, summary.translation_type) == (SUMMARY_FR, "manual")
    finding = translated(second, FINDINGS[0])
    assert (finding.data, finding.translation_type) == (f"[FR] {FINDINGS[0]}", "machine")
    assert finding.tool_name == "translation memory (DeepL)"

    # The machine text needs a review here; the person's does not.
    unreviewed = lesulis.get(review_url(second, "machine-unreviewed"))
    ids = re.findall(r'name="review" value="(\d+)"', unreviewed.text)
    assert ids == [str(finding.pk)]
    assert "Machine (DeepL), de la mémoire de traduction" in text(unreviewed)


def test_suggestions_and_messages_in_german_for_the_german_team(demo, admin_client):
    naumburg = signed_in("naumburg")
    parent = ArtistExchangeIndexPage.objects.get(locale=demo.fr)
    summary = "Une association propose un échange d'artistes."
    translations = []
    for title in ("Échange d'artistes", "Deuxième échange"):
        page = ArtistExchangePageFactory(parent=parent, title=title, summary=summary)
        response = admin_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.id]),
            {"locales": [demo.de.id]},
        )
        assert response.status_code == 302
        translations.append(
            Translation.objects.get(source__object_id=page.translation_key, target_locale=demo.de)
        )
    first, second = translations
    type_in_editor(naumburg, first, "Échange d'artistes", "Künstleraustausch")
    type_in_editor(naumburg, first, summary, "Ein Verein bietet einen Künstleraustausch an.")

    response = naumburg.get(review_url(second, "memory"))
    assert response.status_code == 200
    page = text(response)
    assert MEMORY_DE in page
    assert "Ein Verein bietet einen Künstleraustausch an." in page
    assert "„Künstleraustausch“" in page
    assert "Von einem Menschen geschrieben" in page
    assert len(use_buttons(response)) == 1

    response = naumburg.post(apply_url(second), follow=True)
    assert "1 Text aus dem Übersetzungsspeicher übernommen." in text(response)
    assert translated(second, summary).data == "Ein Verein bietet einen Künstleraustausch an."

    lesulis = signed_in("lesulis")
    refused = lesulis.post(apply_url(first))
    assert refused.status_code == 403
    assert (
        "Seule l’équipe de rédaction de cette langue (allemand) peut remplir cette traduction "
        "à partir de la mémoire de traduction." in text(refused)
    )


def test_the_other_team_and_bad_requests_are_refused(client, remembered):
    first, second, lesulis = remembered
    summary_segment = segment(second, SUMMARY)
    suggestion = translated(first, SUMMARY)

    naumburg = signed_in("naumburg")
    for response in (
        naumburg.post(apply_url(second)),
        naumburg.post(use_url(second), {"use": f"{summary_segment.id}-{suggestion.id}"}),
    ):
        assert response.status_code == 403
        assert (
            "Nur das Redaktionsteam für Französisch darf diese Übersetzung aus dem "
            "Übersetzungsspeicher füllen." in text(response)
        )
    assert translated(second, SUMMARY) is None

    # Signed out: to the login page. GET: not allowed. No CSRF token: refused.
    response = client.post(apply_url(second))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert lesulis.get(apply_url(second)).status_code == 405
    assert lesulis.get(use_url(second)).status_code == 405
    strict = signed_in("lesulis", enforce_csrf_checks=True)
    assert strict.post(apply_url(second)).status_code == 403
    assert translated(second, SUMMARY) is None

    missing = reverse("translation_memory_apply", args=[999999])
    assert lesulis.post(missing).status_code == 404

    other = segment(first, SUMMARY)
    not_a_suggestion = translated(first, FINDINGS[0])
    for value, message in [
        ("", "Choisissez une suggestion de la mémoire de traduction."),
        ("un-deux", "Choisissez une suggestion de la mémoire de traduction."),
        (f"{summary_segment.id}", "Choisissez une suggestion de la mémoire de traduction."),
        (f"{other.id}-{suggestion.id}", "Ce texte ne fait pas partie de cette traduction."),
        (f"{summary_segment.id}-{not_a_suggestion.id}", "La mémoire de traduction n'a pas"),
        (f"{summary_segment.id}-999999", "La mémoire de traduction n'a pas"),
        (f"{10**30}-{10**30}", "Ce texte ne fait pas partie de cette traduction."),
    ]:
        response = lesulis.post(use_url(second), {"use": value})
        assert response.status_code == 400, value
        assert message in text(response)
    assert translated(second, SUMMARY) is None

    # A text translated meanwhile is left as it is.
    type_in_editor(lesulis, second, SUMMARY, "Déjà traduit.")
    response = lesulis.post(
        use_url(second), {"use": f"{summary_segment.id}-{suggestion.id}"}, follow=True
    )
    assert response.status_code == 200
    assert "Ce texte a été traduit entre-temps ; il est resté tel quel." in text(response)
    assert translated(second, SUMMARY).data == "Déjà traduit."


def test_the_lookup_costs_the_same_for_10_and_50_texts(demo, admin_client):
    lesulis = signed_in("lesulis")

    def report_with(count):
        findings = [
            f"Befund {n} von {count}: ein Satz, der schon übersetzt wurde." for n in range(count)
        ]
        earlier = submitted_report(demo, admin_client, f"Früher {count}", SUMMARY, findings)
        for finding in findings:
            found = segment(earlier, finding)
            StringTranslation.objects.create(
                translation_of_id=found.string_id,
                context_id=found.context_id,
                locale=demo.fr,
                data=f"Constat {finding}",
                translation_type="manual",
            )
        return submitted_report(demo, admin_client, f"Später {count}", SUMMARY, findings)

    def queries(translation):
        url = review_url(translation, "memory")
        lesulis.get(url)  # warm up what any first visit fills
        with CaptureQueriesContext(connection) as captured:
            response = lesulis.get(url)
        assert response.status_code == 200
        return len(use_buttons(response)), len(captured)

    small, large = report_with(10), report_with(50)
    assert queries(small)[0] == 10
    shown, small_count = queries(small)
    shown_large, large_count = queries(large)
    assert (shown, shown_large) == (10, 50)
    assert small_count == large_count


def test_a_record_translated_before_is_named_as_the_place(
    demo, admin_client, admin_user, django_capture_on_commit_callbacks
):
    from tests.translation.test_snippet_translation import edit_url, save_german

    lesulis = signed_in("lesulis")
    description = "Eine kleine Stadt an der Saale."
    german = PartnerCity.objects.create(
        locale=demo.de, name="Teststadt an der Saale", country="DE", description=description
    )
    save_german(german, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["partnership", "partnercity", german.pk],
            ),
            {"locales": [demo.fr.id]},
        )
    assert response.status_code == 302
    city = Translation.objects.get(source__object_id=german.translation_key, target_locale=demo.fr)
    type_in_editor(lesulis, city, "Teststadt an der Saale", "Villetest-sur-Saale")
    type_in_editor(lesulis, city, description, "Une petite ville sur la Saale.")
    with django_capture_on_commit_callbacks(execute=True):
        response = lesulis.post(edit_url(german.get_translation(demo.fr)), {"action": "publish"})
    assert response.status_code == 302

    report = submitted_report(demo, admin_client, "Ausflug", description, [])
    page = text(lesulis.get(review_url(report, "memory")))
    with translation.override("fr"):
        kind = str(PartnerCity._meta.verbose_name)
        field = str(PartnerCity._meta.get_field("description").verbose_name)
    assert f"{kind} « Villetest-sur-Saale », {field}" in page
    assert "Une petite ville sur la Saale." in page


def test_a_title_from_the_memory_sets_the_slug_as_a_typed_one(remembered, demo, admin_client):
    first, _second, lesulis = remembered
    again = submitted_report(
        demo, admin_client, "Besuch in Les Ulis", "Neu.", [], slug="noch-ein-besuch"
    )
    response = lesulis.post(apply_url(again), follow=True)
    assert "1 texte rempli à partir de la mémoire de traduction." in text(response)
    french = again.get_target_instance()
    french.refresh_from_db()
    assert french.draft_title == "Visite aux Ulis"
    slug = StringTranslation.objects.get(
        context__object_id=again.source.object_id, context__path="slug", locale=demo.fr
    )
    assert slug.data == "visite-aux-ulis"

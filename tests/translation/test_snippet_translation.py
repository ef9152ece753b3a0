"""Every snippet type goes through wagtail-localize's admin: submit, edit, publish, sync.

Text is translated in the editor; names of people, web and e-mail addresses,
phone numbers, numbers, choices and images are synchronised and follow the
German record when it is synchronised again. Links to other translatable
records point at their French versions.
"""

import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import RevisionMixin
from wagtail_localize.models import StringSegment, Translation

from exhibitions.models import Artist
from home.models import SiteIdentity
from partnership.models import Association, ContactPerson, FundingProgramme, PartnerCity
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@dataclass
class Snippet:
    model: type
    german: dict
    french: dict  # each German string, as the editor shows it, and its French
    translated: dict  # the French record's text fields after publishing
    synchronised: list  # contentPaths the editor shows as synchronised values
    change: dict  # new synchronised values for the German record
    related: list = field(default_factory=list)  # links to translatable records


def translated_record(model, demo, exclude=None):
    return next(
        record
        for record in model.objects.filter(locale=demo.de)
        if record.has_translation(demo.fr) and record != exclude
    )


def partner_city(demo, images):
    return Snippet(
        model=PartnerCity,
        german={
            "name": "Teststadt an der Saale",
            "country": "DE",
            "region": "Sachsen-Anhalt",
            "partner_since": 2019,
            "website": "https://teststadt.example.org/",
            "coat_of_arms": images[0],
            "description": "Eine kleine Stadt an der Saale.",
        },
        french={
            "Teststadt an der Saale": "Villetest-sur-Saale",
            "Sachsen-Anhalt": "Saxe-Anhalt",
            "Eine kleine Stadt an der Saale.": "Une petite ville sur la Saale.",
        },
        translated={
            "name": "Villetest-sur-Saale",
            "region": "Saxe-Anhalt",
            "description": "Une petite ville sur la Saale.",
        },
        synchronised=["website", "coat_of_arms"],
        change={
            "country": "FR",
            "partner_since": 2021,
            "website": "https://www.teststadt.example.org/",
            "coat_of_arms": images[1],
        },
    )


def association(demo, images):
    city = translated_record(PartnerCity, demo)
    return Snippet(
        model=Association,
        german={
            "name": "Chor der Partnerschaft",
            "city": city,
            "kind": "association",
            "website": "https://chor.example.org/",
            "email": "chor@example.org",
            "phone": "+49 3445 000000",
            "description": "Wir singen in beiden Sprachen.",
            "logo": images[0],
        },
        french={
            "Chor der Partnerschaft": "Chœur du jumelage",
            "Wir singen in beiden Sprachen.": "Nous chantons dans les deux langues.",
        },
        translated={
            "name": "Chœur du jumelage",
            "description": "Nous chantons dans les deux langues.",
        },
        synchronised=["website", "email", "phone", "logo"],
        change={
            "kind": "initiative",
            "website": "https://www.chor.example.org/",
            "email": "info@chor.example.org",
            "phone": "+49 3445 111111",
            "logo": images[1],
            "city": translated_record(PartnerCity, demo, exclude=city),
        },
        related=["city"],
    )


def contact_person(demo, images):
    organisation = translated_record(Association, demo)
    return Snippet(
        model=ContactPerson,
        german={
            "name": "Erika Muster",
            "role": "Leiterin der Freiwilligenagentur",
            "organisation": organisation,
            "email": "erika@example.org",
            "phone": "+49 3445 222222",
            "photo": images[0],
        },
        french={"Leiterin der Freiwilligenagentur": "Directrice du centre du bénévolat"},
        translated={"role": "Directrice du centre du bénévolat"},
        synchronised=["name", "email", "phone", "photo"],
        change={
            "name": "Erika Muster-Beispiel",
            "email": "erika.muster@example.org",
            "phone": "+49 3445 333333",
            "photo": images[1],
            "organisation": translated_record(Association, demo, exclude=organisation),
        },
        related=["organisation"],
    )


def funding_programme(demo, images):
    return Snippet(
        model=FundingProgramme,
        german={
            "name": "Kleine Begegnungen",
            "funder": "Stiftung Partnerschaft",
            "website": "https://stiftung.example.org/",
            "description": "Fördert Begegnungen von Vereinen.",
        },
        french={
            "Kleine Begegnungen": "Petites rencontres",
            "Stiftung Partnerschaft": "Fondation Jumelage",
            "Fördert Begegnungen von Vereinen.": "Soutient les rencontres entre associations.",
        },
        translated={
            "name": "Petites rencontres",
            "funder": "Fondation Jumelage",
            "description": "Soutient les rencontres entre associations.",
        },
        synchronised=["website"],
        change={"website": "https://www.stiftung.example.org/foerderung"},
    )


def artist(demo, images):
    city = translated_record(PartnerCity, demo)
    return Snippet(
        model=Artist,
        german={
            "name": "Jana Pinsel",
            "city": city,
            "discipline": "Malerei",
            "biography": "Malt die Landschaften der Saale.",
            "website": "https://pinsel.example.org/",
            "portrait": images[0],
        },
        french={
            "Malerei": "Peinture",
            "Malt die Landschaften der Saale.": "Peint les paysages de la Saale.",
        },
        translated={"discipline": "Peinture", "biography": "Peint les paysages de la Saale."},
        synchronised=["name", "website", "portrait"],
        change={
            "name": "Jana Pinsel-Farbe",
            "website": "https://www.pinsel.example.org/",
            "portrait": images[1],
            "city": translated_record(PartnerCity, demo, exclude=city),
        },
        related=["city"],
    )


def site_identity(demo, images):
    return Snippet(
        model=SiteIdentity,
        german={
            "site_name": "Partnerschaft Teststadt – Villetest",
            "tagline": "Gemeinsam mehr erleben",
            "contact_heading": "Schreiben Sie uns",
            "organisation": "Freiwilligenagentur Teststadt",
            "address": "Markt 1\n06618 Teststadt",
            "email": "partnerschaft@example.org",
            "phone": "+49 3445 444444",
            "footer_note": "Gepflegt von beiden Städten.",
        },
        french={
            "Partnerschaft Teststadt – Villetest": "Jumelage Teststadt – Villetest",
            "Gemeinsam mehr erleben": "Vivre plus ensemble",
            "Schreiben Sie uns": "Écrivez-nous",
            "Freiwilligenagentur Teststadt": "Centre du bénévolat de Teststadt",
            "Markt 1<br/>06618 Teststadt": "Markt 1<br/>06618 Teststadt<br/>Allemagne",
            # Each town answers the phone in its own way: the number is text.
            "+49 3445 444444": "+49 3445 444444",
            "Gepflegt von beiden Städten.": "Tenu à jour par les deux villes.",
        },
        translated={
            "site_name": "Jumelage Teststadt – Villetest",
            "contact_heading": "Écrivez-nous",
            "address": "Markt 1\n06618 Teststadt\nAllemagne",
            "footer_note": "Tenu à jour par les deux villes.",
        },
        synchronised=["email"],
        change={"email": "kontakt@example.org"},
    )


SNIPPETS = [partner_city, association, contact_person, funding_programme, artist, site_identity]


def edit_url(record):
    opts = record._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[record.pk])


def editor_props(response):
    assert response.status_code == 200
    assert 'class="js-translation-editor"' in response.text
    return json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))


def save_german(record, user):
    record.save()
    if isinstance(record, RevisionMixin):
        record.save_revision(user=user)


def assert_synchronised(snippet, german, french, demo):
    for name in snippet.change:
        if name in snippet.related:
            target = getattr(french, name)
            assert target.locale == demo.fr
            assert target.translation_key == getattr(german, name).translation_key
        else:
            assert getattr(french, name) == getattr(german, name), name


@pytest.mark.parametrize("build", SNIPPETS, ids=lambda build: build.__name__)
def test_snippet_is_translated_published_and_synchronised(
    admin_client, admin_user, demo, build, django_capture_on_commit_callbacks
):
    snippet = build(demo, [ImageFactory(), ImageFactory()])
    german = snippet.model.objects.create(locale=demo.de, **snippet.german)
    save_german(german, admin_user)
    opts = snippet.model._meta

    # 1. Submit it for translation from the admin.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, german.pk],
            ),
            {"locales": [demo.fr.id]},
        )
    assert response.status_code == 302
    french = german.get_translation(demo.fr)
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=demo.fr
    )

    # 2. The French record opens in the translation editor: every text is a
    # string to translate, the rest are synchronised values or linked records.
    props = editor_props(admin_client.get(edit_url(french)))
    strings = {s["source"] for s in props["segments"] if s["type"] == "string"}
    assert strings == set(snippet.french)
    shown = {s["contentPath"] for s in props["segments"] if s["type"] == "synchronised_value"}
    assert shown == set(snippet.synchronised)
    related = {s["contentPath"] for s in props["segments"] if s["type"] == "related_object"}
    assert related == set(snippet.related)

    # 3. Each string is translated through the editor's API, then published.
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        response = admin_client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
            urlencode({"value": snippet.french[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url(french), {"action": "publish"})
    assert response.status_code == 302

    french = snippet.model.objects.get(pk=french.pk)
    for name, value in snippet.translated.items():
        assert getattr(french, name) == value, name
    assert_synchronised(snippet, german, french, demo)

    # 4. The German editors change the synchronised values; a sync carries them
    # over and keeps every translation.
    for name, value in snippet.change.items():
        setattr(german, name, value)
    save_german(german, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[translation.source_id]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    german = snippet.model.objects.get(pk=german.pk)
    french = snippet.model.objects.get(pk=french.pk)
    assert_synchronised(snippet, german, french, demo)
    for name, value in snippet.translated.items():
        assert getattr(french, name) == value, name

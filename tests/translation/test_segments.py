"""Every page type's text reaches the translation editor; everything else stays synchronised.

Each case builds a German page that holds every kind of text its model and its
StreamField blocks allow, submits it through wagtail-localize's admin view,
translates every string through the editor's API, publishes from the editor
and reads the French page as a visitor would. Dates, coordinates, choices,
images, page and document links and web addresses must never be offered for
translation, must be the same in both languages, and must follow the German
page when it is synchronised again.
"""

import datetime
import html
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

import pytest
import wagtail_factories
from django.urls import reverse
from django.utils import timezone
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.fields import StreamField
from wagtail_localize.models import StringSegment, Translation

from exhibitions.models import (
    ArtistExchangeIndexPage,
    ExhibitionIndexPage,
)
from home.models import FormPage, StandardPage
from partnership.models import (
    Association,
    ContactPerson,
    DelegationReportIndexPage,
    PartnerCity,
    WorkshopIndexPage,
)
from tests.factories import (
    ArtistExchangePageFactory,
    DelegationReportPageFactory,
    ExhibitionPageFactory,
    ImageFactory,
    WorkshopPageFactory,
)

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=twinsite"

# Every string a body made of every BodyStreamBlock block holds, as the editor
# shows it (inline markup kept, links as numbered <a> tags), with its French.
BODY_FR = {
    "Ankunft in Les Ulis": "Arrivée aux Ulis",
    'Wir besuchten das <a id="a1">Rathaus</a> und lasen die <a id="a2">anderen Seiten</a> '
    'und das <a id="a3">Protokoll</a>.': 'Nous avons visité la <a id="a1">mairie</a> et lu '
    'les <a id="a2">autres pages</a> et le <a id="a3">procès-verbal</a>.',
    "Empfang im Rathaus": "Réception à la mairie",
    "Besuch der <b>Vereine</b>": "Visite des <b>associations</b>",
    "Abschied am Bahnhof": "Départ à la gare",
    "Der Marktplatz von Les Ulis im Regen": "La place du marché des Ulis sous la pluie",
    "Der Marktplatz am ersten Morgen": "La place du marché le premier matin",
    "Foto: Anna Beispiel": "Photo : Anna Beispiel",
    "Wir kommen wieder.<br/>Ganz bestimmt.": "Nous reviendrons.<br/>Sans aucun doute.",
    "eine Teilnehmerin": "une participante",
    "Selbst mitfahren": "Partir avec nous",
    "Die nächste Reise ist im Mai.": "Le prochain voyage a lieu en mai.",
    "Anmelden": "S'inscrire",
    "Die Reise in Zahlen": "Le voyage en chiffres",
    "24": "24",
    "Teilnehmende": "participants",
    "Das Protokoll lesen": "Lire le procès-verbal",
    "Bilder der Reise": "Images du voyage",
    "Zwei Bürgermeister beim Händeschütteln": "Deux maires se serrent la main",
    "Die Begrüßung vor dem Rathaus": "L'accueil devant la mairie",
    "Ihre Ansprechperson": "Votre contact",
}

# What a visitor of the French page reads (or a screen reader announces).
BODY_SEEN_FR = [
    "Arrivée aux Ulis",
    'alt="La place du marché des Ulis sous la pluie"',
    "La place du marché le premier matin",
    "Nous reviendrons.<br>Sans aucun doute.",
    "Partir avec nous",
    "S'inscrire",
    "Le voyage en chiffres",
    "Lire le procès-verbal",
    'alt="Deux maires se serrent la main"',
    "L'accueil devant la mairie",
    "Votre contact",
]


@dataclass
class Case:
    """A German page, the French of each of its strings, and the facts to compare."""

    page: object
    french: dict
    seen_fr: list
    facts: list = field(default_factory=list)
    # Changes the German page's synchronised values, as an editor would.
    change: object = None
    # The page the body's rich text and call to action link to, if it has a body.
    link_target: object = None


def translated_record(model, demo):
    """A German demo record that has a French translation."""
    return next(r for r in model.objects.filter(locale=demo.de) if r.has_translation(demo.fr))


@pytest.fixture
def media(demo):
    """Images, a document, a page and a contact person for the blocks to point at."""
    Embed.objects.create(
        url=VIDEO,
        hash=get_embed_hash(VIDEO, None, None),
        type="video",
        html='<iframe title="Video" src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    )
    return {
        "image": ImageFactory(),
        "other_image": ImageFactory(),
        "document": wagtail_factories.DocumentFactory(title="Protokoll"),
        "person": translated_record(ContactPerson, demo),
    }


def figure(image, *, alt="", caption="", credit="", decorative=False):
    """A FigureBlock's stored value; its ImageBlock keeps the alt text with the image."""
    return {
        "image": {"image": image.id, "decorative": decorative, "alt_text": alt},
        "caption": caption,
        "credit": credit,
    }


def in_own_language(*names):
    """The records a page links to, by translation key, and whether each is in its language.

    A French page must link to the French version of each record (a town, an
    organisation, a person), never to the German one.
    """

    def fact(page):
        records = []
        for name in names:
            relation, _, attribute = name.partition(".")
            value = getattr(page, relation)
            chosen = [getattr(link, attribute) for link in value.all()] if attribute else [value]
            records += [(r.translation_key, r.locale_id == page.locale_id) for r in chosen]
        return records

    return fact


def body(media, link_target):
    """A body with one block of every BodyStreamBlock type, in German."""
    image, document, person = media["image"], media["document"], media["person"]
    paragraph = (
        '<p>Wir besuchten das <a href="https://www.lesulis.fr/">Rathaus</a> und lasen die '
        f'<a linktype="page" id="{link_target.id}">anderen Seiten</a> und das '
        f'<a linktype="document" id="{document.id}">Protokoll</a>.</p>'
        "<ul><li>Empfang im Rathaus</li><li>Besuch der <b>Vereine</b></li></ul>"
        "<ol><li>Abschied am Bahnhof</li></ol>"
    )
    return [
        {
            "type": "heading",
            "id": "heading",
            "value": {"text": "Ankunft in Les Ulis", "level": "h2"},
        },
        {"type": "paragraph", "id": "paragraph", "value": paragraph},
        {
            "type": "image",
            "id": "figure",
            "value": figure(
                image,
                alt="Der Marktplatz von Les Ulis im Regen",
                caption="Der Marktplatz am ersten Morgen",
                credit="Foto: Anna Beispiel",
            ),
        },
        {
            "type": "quote",
            "id": "quote",
            "value": {
                "quote": "Wir kommen wieder.\nGanz bestimmt.",
                "attribution": "eine Teilnehmerin",
                "language": "de",
            },
        },
        {
            "type": "call_to_action",
            "id": "cta",
            "value": {
                "title": "Selbst mitfahren",
                "text": "Die nächste Reise ist im Mai.",
                "page": link_target.id,
                "url": "https://example.org/anmeldung",
                "button_label": "Anmelden",
            },
        },
        {
            "type": "key_figures",
            "id": "figures",
            "value": {
                "title": "Die Reise in Zahlen",
                "figures": [
                    {
                        "type": "item",
                        "id": "people",
                        "value": {"figure": "24", "label": "Teilnehmende"},
                    }
                ],
            },
        },
        {
            "type": "document",
            "id": "document",
            "value": {"document": document.id, "title": "Das Protokoll lesen"},
        },
        {
            "type": "gallery",
            "id": "gallery",
            "value": {
                "title": "Bilder der Reise",
                "images": [
                    {
                        "type": "item",
                        "id": "handshake",
                        "value": figure(
                            image,
                            alt="Zwei Bürgermeister beim Händeschütteln",
                            caption="Die Begrüßung vor dem Rathaus",
                        ),
                    },
                    {
                        "type": "item",
                        "id": "ornament",
                        "value": figure(image, decorative=True),
                    },
                ],
            },
        },
        {
            "type": "contact_person",
            "id": "contact",
            "value": {"heading": "Ihre Ansprechperson", "person": person.id},
        },
        {"type": "embed", "id": "video", "value": VIDEO},
    ]


def change_body(page, media):
    """Change every synchronised value in the body, and no text."""
    data = page.body.get_prep_value()
    blocks = {block["id"]: block["value"] for block in data}
    blocks["heading"]["level"] = "h3"
    blocks["figure"]["image"]["image"] = media["other_image"].id
    blocks["quote"]["language"] = ""
    blocks["cta"]["url"] = "https://example.org/anmeldung-2026"
    blocks["gallery"]["images"][1]["value"]["image"]["image"] = media["other_image"].id
    page.body = data


def content_page(factory, index_model, demo, **kwargs):
    index = index_model.objects.get(locale=demo.de)
    return factory(parent=index, **kwargs)


def delegation_report(demo, media):
    cities = [translated_record(PartnerCity, demo)]
    cities.append(
        next(
            c
            for c in PartnerCity.objects.filter(locale=demo.de)
            if c.has_translation(demo.fr) and c != cities[0]
        )
    )
    page = content_page(
        DelegationReportPageFactory,
        DelegationReportIndexPage,
        demo,
        title="Besuch in Les Ulis im Herbst",
        slug="besuch-in-les-ulis",
        seo_title="Delegationsreise nach Les Ulis",
        search_description="Was die Delegation in Les Ulis erlebt hat.",
        summary="Zwölf Engagierte reisten nach Les Ulis.",
        teaser_image=media["image"],
        contact_person=media["person"],
        from_city=cities[0],
        to_city=cities[1],
        participant_count=12,
        aim="<p>Voneinander <i>lernen</i>.</p>",
        programme=[
            {
                "type": "day",
                "id": "day-1",
                "value": {
                    "date": "2025-10-06",
                    "title": "Erster Tag",
                    "items": "<ul><li>Empfang im Rathaus</li></ul>",
                },
            }
        ],
        findings="<p>Vereine stellen sich ähnliche Fragen.</p>",
        outcomes="<p>Ein Gegenbesuch ist geplant.</p>",
    )
    page.body = body(media, page.get_parent())
    page.participants.create(association=translated_record(Association, demo), locale=demo.de)
    page.save_revision().publish()

    def change(page):
        page.start_date = datetime.date(2025, 10, 13)
        page.end_date = datetime.date(2025, 10, 16)
        page.participant_count = 14
        page.teaser_image = media["other_image"]
        programme = page.programme.get_prep_value()
        programme[0]["value"]["date"] = "2025-10-13"
        page.programme = programme
        change_body(page, media)

    return Case(
        page=page,
        link_target=page.get_parent(),
        french=BODY_FR
        | {
            "Besuch in Les Ulis im Herbst": "Visite aux Ulis en automne",
            "besuch-in-les-ulis": "visite-aux-ulis",
            "Delegationsreise nach Les Ulis": "Voyage de délégation aux Ulis",
            "Was die Delegation in Les Ulis erlebt hat.": "Ce que la délégation a vécu aux Ulis.",
            "Zwölf Engagierte reisten nach Les Ulis.": "Douze bénévoles sont partis aux Ulis.",
            "Voneinander <i>lernen</i>.": "Apprendre <i>les uns des autres</i>.",
            "Erster Tag": "Premier jour",
            "Vereine stellen sich ähnliche Fragen.": "Les associations se posent les mêmes "
            "questions.",
            "Ein Gegenbesuch ist geplant.": "Une visite retour est prévue.",
        },
        seen_fr=BODY_SEEN_FR
        + [
            "Visite aux Ulis en automne",
            "Douze bénévoles sont partis aux Ulis.",
            "Apprendre <i>les uns des autres</i>.",
            "Premier jour",
            "Les associations se posent les mêmes questions.",
            "Une visite retour est prévue.",
        ],
        facts=[
            "start_date",
            "end_date",
            "participant_count",
            "teaser_image_id",
            in_own_language("from_city", "to_city", "contact_person", "participants.association"),
        ],
        change=change,
    )


def workshop(demo, media):
    # Editors set times to the minute; a revision keeps no more than milliseconds.
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    page = content_page(
        WorkshopPageFactory,
        WorkshopIndexPage,
        demo,
        title="Ehrenamt gewinnen",
        slug="ehrenamt-gewinnen",
        summary="Wie Vereine neue Freiwillige finden.",
        start=start,
        end=start + datetime.timedelta(hours=6),
        format="hybrid",
        venue_name="Bürgerhaus",
        venue_address="Markt 1",
        venue_town="Naumburg (Saale)",
        latitude=Decimal("51.152600"),
        longitude=Decimal("11.809800"),
        online_url="https://meet.example.org/ehrenamt",
        moderators="Anna Beispiel und Claire Exemple",
        audience="Vereine aus beiden Städten",
        registration_deadline=timezone.localdate() + datetime.timedelta(days=20),
        registration_url="https://example.org/ehrenamt",
        registration_email="anmeldung@example.org",
        agenda=[
            {
                "type": "item",
                "id": "welcome",
                "value": {
                    "time": "10:00:00",
                    "title": "Begrüßung",
                    "description": "Kaffee und Vorstellungsrunde",
                },
            }
        ],
        topics="<ul><li>Nachwuchs finden</li></ul>",
        questions="<p>Wie bleiben Freiwillige dabei?</p>",
        results="<p>Eine gemeinsame Checkliste.</p>",
        documents=[
            {
                "type": "document",
                "id": "checklist",
                "value": {"document": media["document"].id, "title": "Die Checkliste"},
            }
        ],
    )
    page.body = body(media, page.get_parent())
    page.organisers.create(association=translated_record(Association, demo), locale=demo.de)
    page.save_revision().publish()

    def change(page):
        page.start += datetime.timedelta(days=7)
        page.end += datetime.timedelta(days=7)
        page.format = "in_person"
        page.venue_address = "Markt 2"
        page.venue_town = "Bad Kösen"
        page.latitude, page.longitude = Decimal("51.133300"), Decimal("11.716700")
        page.registration_url = "https://example.org/ehrenamt-neu"
        page.registration_email = "neu@example.org"
        agenda = page.agenda.get_prep_value()
        agenda[0]["value"]["time"] = "09:30:00"
        page.agenda = agenda
        change_body(page, media)

    return Case(
        page=page,
        link_target=page.get_parent(),
        french=BODY_FR
        | {
            "Ehrenamt gewinnen": "Recruter des bénévoles",
            "ehrenamt-gewinnen": "recruter-des-benevoles",
            "Wie Vereine neue Freiwillige finden.": "Comment les associations trouvent des "
            "bénévoles.",
            "Bürgerhaus": "Maison des citoyens",
            "Anna Beispiel und Claire Exemple": "Anna Beispiel et Claire Exemple",
            "Vereine aus beiden Städten": "Associations des deux villes",
            "Begrüßung": "Accueil",
            "Kaffee und Vorstellungsrunde": "Café et tour de table",
            "Nachwuchs finden": "Trouver la relève",
            "Wie bleiben Freiwillige dabei?": "Comment garder les bénévoles ?",
            "Eine gemeinsame Checkliste.": "Une liste de contrôle commune.",
            "Die Checkliste": "La liste de contrôle",
        },
        seen_fr=BODY_SEEN_FR
        + [
            "Recruter des bénévoles",
            "Maison des citoyens",
            "Anna Beispiel et Claire Exemple",
            "Associations des deux villes",
            "Café et tour de table",
            "Trouver la relève",
            "Comment garder les bénévoles ?",
            "Une liste de contrôle commune.",
            "La liste de contrôle",
        ],
        facts=[
            "start",
            "end",
            "format",
            "venue_address",
            "venue_town",
            "latitude",
            "longitude",
            "online_url",
            "registration_deadline",
            "registration_url",
            "registration_email",
            in_own_language("organisers.association"),
        ],
        change=change,
    )


def exhibition(demo, media):
    from exhibitions.models import Artist

    page = content_page(
        ExhibitionPageFactory,
        ExhibitionIndexPage,
        demo,
        title="Die Saale in Farbe",
        slug="die-saale-in-farbe",
        summary="Aquarelle aus beiden Städten.",
        opening=timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(days=3),
        venue_name="Rathausgalerie",
        venue_address="Markt 1",
        city=translated_record(PartnerCity, demo),
        latitude=Decimal("51.152600"),
        longitude=Decimal("11.809800"),
        opening_hours="Dienstag bis Sonntag\n10 bis 18 Uhr",
        admission="Eintritt frei",
        works=[
            {
                "type": "work",
                "id": "fog",
                "value": {
                    "image": {
                        "image": media["image"].id,
                        "decorative": False,
                        "alt_text": "Ein Aquarell der Saale im Nebel",
                    },
                    "title": "Die Saale im Nebel",
                    "title_language": "de",
                    "artist": translated_record(Artist, demo).id,
                    "year": 2024,
                    "technique": "Aquarell auf Papier",
                },
            }
        ],
    )
    page.body = body(media, page.get_parent())
    page.save_revision().publish()

    def change(page):
        page.opening += datetime.timedelta(days=1)
        page.closing_date += datetime.timedelta(days=14)
        page.venue_address = "Markt 2"
        page.latitude = Decimal("51.150000")
        works = page.works.get_prep_value()
        works[0]["value"].update(year=2025, title_language="")
        works[0]["value"]["image"]["image"] = media["other_image"].id
        page.works = works
        change_body(page, media)

    return Case(
        page=page,
        link_target=page.get_parent(),
        french=BODY_FR
        | {
            "Die Saale in Farbe": "La Saale en couleurs",
            "die-saale-in-farbe": "la-saale-en-couleurs",
            "Aquarelle aus beiden Städten.": "Des aquarelles des deux villes.",
            "Rathausgalerie": "Galerie de la mairie",
            "Dienstag bis Sonntag<br/>10 bis 18 Uhr": "Du mardi au dimanche<br/>de 10 h à 18 h",
            "Eintritt frei": "Entrée libre",
            "Ein Aquarell der Saale im Nebel": "Une aquarelle de la Saale dans la brume",
            "Die Saale im Nebel": "La Saale dans la brume",
            "Aquarell auf Papier": "Aquarelle sur papier",
        },
        seen_fr=BODY_SEEN_FR
        + [
            "La Saale en couleurs",
            "Galerie de la mairie",
            "Du mardi au dimanche",
            "Entrée libre",
            'alt="Une aquarelle de la Saale dans la brume"',
            "La Saale dans la brume",
            "Aquarelle sur papier",
        ],
        facts=[
            "opening",
            "closing_date",
            "venue_address",
            "latitude",
            "longitude",
            in_own_language("city"),
        ],
        change=change,
    )


def artist_exchange(demo, media):
    from exhibitions.models import Artist

    page = content_page(
        ArtistExchangePageFactory,
        ArtistExchangeIndexPage,
        demo,
        title="Ateliers ohne Grenzen",
        slug="ateliers-ohne-grenzen",
        summary="Künstlerinnen beider Städte arbeiten zusammen.",
        status="running",
        proposed_by=translated_record(Association, demo),
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 9, 30),
        call_deadline=timezone.localdate() + datetime.timedelta(days=60),
        call_how_to_apply="<p>Schreiben Sie uns rechtzeitig.</p>",
        phases=[
            {
                "type": "phase",
                "id": "studio",
                "value": {
                    "title": "Atelierwoche in Naumburg",
                    "start_date": "2026-05-01",
                    "end_date": "2026-05-08",
                    "description": "Sechs Künstlerinnen arbeiten gemeinsam.",
                },
            }
        ],
    )
    page.body = body(media, page.get_parent())
    page.towns.create(city=translated_record(PartnerCity, demo), locale=demo.de)
    page.artists.create(artist=translated_record(Artist, demo), locale=demo.de)
    page.save_revision().publish()

    def change(page):
        page.status = "planned"
        page.start_date = datetime.date(2026, 6, 1)
        page.call_deadline += datetime.timedelta(days=30)
        phases = page.phases.get_prep_value()
        phases[0]["value"]["end_date"] = "2026-05-10"
        page.phases = phases
        change_body(page, media)

    return Case(
        page=page,
        link_target=page.get_parent(),
        french=BODY_FR
        | {
            "Ateliers ohne Grenzen": "Ateliers sans frontières",
            "ateliers-ohne-grenzen": "ateliers-sans-frontieres",
            "Künstlerinnen beider Städte arbeiten zusammen.": "Des artistes des deux villes "
            "travaillent ensemble.",
            "Schreiben Sie uns rechtzeitig.": "Écrivez-nous à temps.",
            "Atelierwoche in Naumburg": "Semaine d'atelier à Naumburg",
            "Sechs Künstlerinnen arbeiten gemeinsam.": "Six artistes travaillent ensemble.",
        },
        seen_fr=BODY_SEEN_FR
        + [
            "Ateliers sans frontières",
            "Écrivez-nous à temps.",
            "Semaine d'atelier à Naumburg",
            "Six artistes travaillent ensemble.",
        ],
        facts=[
            "status",
            "start_date",
            "end_date",
            "call_deadline",
            in_own_language("proposed_by", "towns.city", "artists.artist"),
        ],
        change=change,
    )


def standard_page(demo, media):
    page = demo.home_de.add_child(
        instance=StandardPage(
            title="Über die Partnerschaft",
            slug="ueber-uns",
            intro="Wer wir sind\nund was wir tun.",
        )
    )
    page.body = body(media, demo.home_de)
    page.save_revision().publish()

    def change(page):
        change_body(page, media)

    return Case(
        page=page,
        link_target=page.get_parent(),
        french=BODY_FR
        | {
            "Über die Partnerschaft": "À propos du jumelage",
            "ueber-uns": "a-propos",
            "Wer wir sind<br/>und was wir tun.": "Qui nous sommes<br/>et ce que nous faisons.",
        },
        seen_fr=BODY_SEEN_FR + ["À propos du jumelage", "Qui nous sommes"],
        change=change,
    )


def form_field_facts(page):
    """What a form field is, apart from its texts; answers are stored under clean_name."""
    return [(f.clean_name, f.field_type, f.required) for f in page.form_fields.all()]


def form_page(demo, media):
    privacy = StandardPage.objects.get(locale=demo.de, slug="datenschutz")
    page = demo.home_de.add_child(
        instance=FormPage(
            title="Mitfahren",
            slug="mitfahren",
            intro="<p>Melden Sie sich für die <b>nächste Reise</b> an.</p>",
            thank_you_text="<p>Danke, wir melden uns.</p>",
            privacy_page=privacy,
            to_address="reise@example.org",
            from_address="noreply@example.org",
            subject="Neue Anmeldung zur Reise",
        )
    )
    page.form_fields.create(
        label="Ihr Name",
        field_type="singleline",
        required=True,
        help_text="Vor- und Nachname",
        locale=demo.de,
    )
    page.form_fields.create(
        label="Wie haben Sie von uns erfahren?",
        field_type="dropdown",
        required=False,
        choices="Zeitung\nFreunde",
        default_value="Zeitung",
        locale=demo.de,
    )
    page.save_revision().publish()

    def change(page):
        page.from_address = "reise@example.org"
        field = page.form_fields.get(label="Ihr Name")
        field.required = False
        field.field_type = "multiline"
        field.save()

    return Case(
        page=page,
        french={
            "Mitfahren": "Partir avec nous",
            "mitfahren": "partir-avec-nous",
            "Melden Sie sich für die <b>nächste Reise</b> an.": "Inscrivez-vous pour le "
            "<b>prochain voyage</b>.",
            "Danke, wir melden uns.": "Merci, nous revenons vers vous.",
            "reise@example.org": "voyage@example.org",
            "Neue Anmeldung zur Reise": "Nouvelle inscription au voyage",
            "Ihr Name": "Votre nom",
            "Vor- und Nachname": "Prénom et nom",
            "Wie haben Sie von uns erfahren?": "Comment nous avez-vous connus ?",
            "Zeitung<br/>Freunde": "Journal<br/>Amis",
            "Zeitung": "Journal",
        },
        seen_fr=[
            "Partir avec nous",
            "Inscrivez-vous pour le <b>prochain voyage</b>.",
            "Votre nom",
            "Prénom et nom",
            "Comment nous avez-vous connus ?",
            '<option value="Journal" selected>Journal</option>',
            '<option value="Amis">Amis</option>',
        ],
        facts=["from_address", "privacy_page_id", form_field_facts],
        change=change,
    )


PAGE_CASES = {
    "delegation-report": delegation_report,
    "workshop": workshop,
    "exhibition": exhibition,
    "artist-exchange": artist_exchange,
    "standard-page": standard_page,
    "form-page": form_page,
}


# Helpers ------------------------------------------------------------------------


def editor_props(response):
    assert response.status_code == 200
    assert 'class="js-translation-editor"' in response.text
    return json.loads(html.unescape(re.search(r'data-props="([^"]*)"', response.text)[1]))


def submit_page(client, page, locale):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [locale.id]},
    )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translate_strings(client, translation, french):
    """Translate every string through the editor's API, as a translator types them."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    untranslated = sorted({s.string.data for s in segments} - set(french))
    assert not untranslated, "strings the test does not know"
    for segment in segments:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
        response = client.put(
            url,
            urlencode({"value": french[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def publish_from_editor(client, instance_edit_url, capture):
    with capture(execute=True):
        response = client.post(instance_edit_url, {"action": "publish"})
    assert response.status_code == 302


def leaves(value, path=()):
    """Each scalar of a StreamField's stored JSON, keyed by its content path (block ids)."""
    if isinstance(value, list):
        for item in value:
            yield from leaves(item["value"], (*path, item["id"]))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    else:
        yield ".".join(path), value


def stream_facts(page, source):
    """Every stored StreamField value that is neither text nor a link to a translatable record."""
    translated = {
        segment.context.path
        for segments in (
            source.stringsegment_set,
            source.templatesegment_set,
            source.relatedobjectsegment_set,
        )
        for segment in segments.select_related("context")
    }
    facts = {}
    for model_field in page._meta.get_fields():
        if not isinstance(model_field, StreamField):
            continue
        stored = getattr(page, model_field.name).get_prep_value()
        for path, value in leaves(stored, (model_field.name,)):
            if path not in translated:
                facts[path] = value
    return facts


def string_paths(source):
    return {segment.context.path for segment in source.stringsegment_set.select_related("context")}


# Tests --------------------------------------------------------------------------

BODY_SYNCHRONISED = {
    # choices
    "body.heading.level",
    "body.quote.language",
    # images, with the ImageBlock's "decorative" flag
    "body.figure.image.image",
    "body.figure.image.decorative",
    "body.gallery.images.handshake.image.image",
    "body.gallery.images.ornament.image.decorative",
    # links to pages and documents, web addresses, embeds
    "body.cta.page",
    "body.cta.url",
    "body.document.document",
    "body.video",
}


def round_trip(case, *, admin_client, client, locale, capture):
    """Submit, translate in the editor, publish, read; then change the facts and sync."""
    german = case.page
    translation = submit_page(admin_client, german, locale)
    source = translation.source
    french = german.get_translation(locale).specific
    assert not french.live

    # Every text is a segment, and nothing else is: no date, number, choice,
    # coordinate, image, document, page link or web address.
    strings = {s.string.data for s in source.stringsegment_set.select_related("string")}
    assert strings == set(case.french)

    # The editor offers each of them (a field without a panel would be left out),
    # and shows images, links and addresses as synchronised values.
    edit_url = reverse("wagtailadmin_pages:edit", args=[french.id])
    props = editor_props(admin_client.get(edit_url))
    offered = {s["contentPath"] for s in props["segments"] if s["type"] == "string"}
    assert offered == string_paths(source)
    synchronised = {
        s["contentPath"] for s in props["segments"] if s["type"] == "synchronised_value"
    }
    if case.link_target:
        assert {
            "body.figure.image.image",
            "body.gallery.images.handshake.image.image",
            "body.cta.page",
            "body.cta.url",
            "body.document.document",
            "body.video",
        } <= synchronised
        assert stream_facts(german, source).keys() >= BODY_SYNCHRONISED

    translate_strings(admin_client, translation, case.french)
    publish_from_editor(admin_client, edit_url, capture)
    french = french.__class__.objects.get(pk=french.pk)
    assert french.live
    assert french.url.startswith("/fr/")

    def read_french():
        response = client.get(french.url)
        assert response.status_code == 200
        text = html.unescape(response.text)
        for seen in case.seen_fr:
            assert seen in text
        if case.link_target:
            # Links to pages lead to their French translations.
            target_fr = case.link_target.get_translation(locale)
            assert f'<a href="{target_fr.url}">autres pages</a>' in text
            assert f'href="{target_fr.url}">S\'inscrire</a>' in text
        return text

    assert german.title not in read_french()

    def assert_synchronised(german, french):
        for fact in case.facts:
            if callable(fact):
                assert fact(french) == fact(german)
            else:
                assert getattr(french, fact) == getattr(german, fact), fact
        assert stream_facts(french, source) == stream_facts(german, source)
        # Records chosen in blocks (contact people, artists) are their French versions.
        for segment in source.relatedobjectsegment_set.select_related("context", "object"):
            name, _, path = segment.context.path.partition(".")
            if isinstance(german._meta.get_field(name), StreamField):
                chosen = dict(leaves(getattr(french, name).get_prep_value()))
                assert chosen[path] == segment.object.get_instance(locale).pk

    german = german.__class__.objects.get(pk=german.pk)
    assert_synchronised(german, french)
    if case.change is None:
        return french

    # The German editors change the facts; a sync carries them over and keeps
    # every French text.
    case.change(german)
    german.save_revision().publish()
    with capture(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.id]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    german = german.__class__.objects.get(pk=german.pk)
    french = french.__class__.objects.get(pk=french.pk)
    assert_synchronised(german, french)
    read_french()
    return french


@pytest.mark.parametrize("build", PAGE_CASES.values(), ids=PAGE_CASES.keys())
def test_page_text_is_translated_and_facts_stay_synchronised(
    admin_client, client, demo, media, build, django_capture_on_commit_callbacks
):
    round_trip(
        build(demo, media),
        admin_client=admin_client,
        client=client,
        locale=demo.fr,
        capture=django_capture_on_commit_callbacks,
    )


def test_home_page_text_is_translated_and_facts_stay_synchronised(
    admin_client, client, german_site, media, django_capture_on_commit_callbacks
):
    home = german_site.home
    home.title = "Zwei Städte"
    home.hero_text = "Partnerstädte seit 2019."
    home.hero_image = media["image"]
    home.intro = '<p>Willkommen bei der <a href="https://example.org/">Partnerschaft</a>.</p>'
    home.body = body(media, home)
    home.save_revision().publish()

    def change(page):
        page.hero_image = media["other_image"]
        change_body(page, media)

    case = Case(
        page=home,
        link_target=home,
        french=BODY_FR
        | {
            "Zwei Städte": "Deux villes",
            "startseite": "accueil",
            "Partnerstädte seit 2019.": "Villes jumelées depuis 2019.",
            'Willkommen bei der <a id="a1">Partnerschaft</a>.': 'Bienvenue au <a id="a1">'
            "jumelage</a>.",
        },
        seen_fr=BODY_SEEN_FR
        + [
            "Deux villes",
            "Villes jumelées depuis 2019.",
            'Bienvenue au <a href="https://example.org/">jumelage</a>.',
        ],
        facts=["hero_image_id"],
        change=change,
    )
    french = round_trip(
        case,
        admin_client=admin_client,
        client=client,
        locale=german_site.fr,
        capture=django_capture_on_commit_callbacks,
    )
    assert french.url == "/fr/"


INDEX_MODELS = [
    DelegationReportIndexPage,
    WorkshopIndexPage,
    ExhibitionIndexPage,
    ArtistExchangeIndexPage,
]


@pytest.mark.parametrize("model", INDEX_MODELS, ids=lambda model: model.__name__)
def test_index_page_intro_is_translated(
    admin_client, client, german_site, model, django_capture_on_commit_callbacks
):
    home = german_site.home
    index = home.add_child(
        instance=model(
            title="Aus der Partnerschaft",
            slug="aus-der-partnerschaft",
            intro="<p>Alles, was die <b>beiden Städte</b> verbindet.</p>",
        )
    )
    # The French home page comes first, as an editor would translate it.
    translation = submit_page(admin_client, home, german_site.fr)
    publish_from_editor(
        admin_client,
        reverse("wagtailadmin_pages:edit", args=[home.get_translation(german_site.fr).id]),
        django_capture_on_commit_callbacks,
    )
    assert translation.get_target_instance().live

    case = Case(
        page=index,
        french={
            "Aus der Partnerschaft": "Du jumelage",
            "aus-der-partnerschaft": "du-jumelage",
            "Alles, was die <b>beiden Städte</b> verbindet.": "Tout ce qui relie les "
            "<b>deux villes</b>.",
        },
        seen_fr=["Du jumelage", "Tout ce qui relie les <b>deux villes</b>."],
    )
    french = round_trip(
        case,
        admin_client=admin_client,
        client=client,
        locale=german_site.fr,
        capture=django_capture_on_commit_callbacks,
    )
    assert french.url == "/fr/du-jumelage/"

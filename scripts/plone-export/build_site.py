"""Build a small bilingual Plone 6.2 site with plone.app.multilingual and export it.

Run by build.sh through `zconsole run`, inside the Plone virtualenv (never twinsite's):
the test fixture for `manage.py import_plone` must come from a real Plone, exported by
collective.exportimport's own views, so that the importer is tested against what sites
really produce. CONTENTS.md beside the export lists every item and the case it covers.

Everything that Plone would otherwise make random or "now" is fixed here (UIDs, the
created/modified/effective dates, the workflow history's times), so that a rebuild gives
a near-identical export and a diff shows real changes only.

Usage: zconsole run etc/zope.conf build_site.py  (COLLECTIVE_EXPORTIMPORT_CENTRAL_DIRECTORY
names the directory the export views write to; build.sh sets it).
"""

import base64
import hashlib
import io
import os
import sys
from datetime import datetime

import pytz
import transaction
from AccessControl.SecurityManagement import newSecurityManager
from DateTime import DateTime
from PIL import Image
from plone import api
from plone.app.multilingual.browser.setup import SetupMultilingualSite
from plone.app.multilingual.interfaces import IMutableTG, ITranslationManager
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile, NamedBlobImage
from plone.uuid.interfaces import IMutableUUID
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.event import notify
from zope.globalrequest import setRequest
from zope.interface import alsoProvides
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import modified
from zope.traversing.interfaces import BeforeTraverseEvent

SITE_ID = "Plone"
EXPORT_TYPES = [
    "LRF",
    "LIF",
    "Folder",
    "Document",
    "News Item",
    "Event",
    "Image",
    "File",
    "Link",
    "Collection",
]
# Every item gets a created, modified and effective date from this table (Europe/Berlin).
CREATED = {}
ALL = {}  # key -> object, filled by make()


def fixed_uid(key):
    """A UID derived from the item's key: stable across rebuilds, unlike Plone's uuid4."""
    return hashlib.md5(f"twinsite-plone-fixture:{key}".encode()).hexdigest()


def png(colour, size=(8, 8)):
    """A tiny real PNG, so the fixture stays small while Plone still scales it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(colour, size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def tiny_pdf(text):
    """A minimal one-page PDF (a real, valid file of a few hundred bytes)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def local(year, month, day, hour, minute, second=0, zone="Europe/Berlin"):
    """An aware datetime in a real zone (DateTime(...).asdatetime() gives pytz's LMT offset)."""
    return pytz.timezone(zone).localize(datetime(year, month, day, hour, minute, second))


def rich(html):
    return RichTextValue(html, "text/html", "text/x-html-safe")


def uid(key):
    return fixed_uid(key)


def make(key, container, type_, id_, title, when, language, **fields):
    """Create one item with a fixed UID, and check PAM gave it the expected language."""
    subjects = fields.pop("subjects", ())
    obj = api.content.create(
        container=container, type=type_, id=id_, title=title, safe_id=False, **fields
    )
    if subjects:
        obj.setSubject(subjects)  # the `subjects` field writes through setSubject, not setattr
    IMutableUUID(obj).set(fixed_uid(key))
    # A fixed translation group too: export_translations lists the groups in TG order.
    IMutableTG(obj).set(fixed_uid(f"tg:{key}"))
    if (obj.Language() or "") != language:
        # PAM sets the language from the language root folder only when the request has its
        # browser layer; fail loudly rather than export items without a language.
        raise RuntimeError(f"{key}: language {obj.Language()!r}, expected {language!r}")
    obj.reindexObject()
    CREATED[key] = when
    ALL[key] = obj
    return obj


def link_translations(*keys):
    """One PAM translation group; the first key is the original."""
    manager = ITranslationManager(ALL[keys[0]])
    for key in keys[1:]:
        manager.register_translation(ALL[key].Language(), ALL[key])


def transition(key, *names):
    for name in names:
        api.content.transition(obj=ALL[key], transition=name)


def setup_site(app):
    if SITE_ID in app.objectIds():
        app.manage_delObjects([SITE_ID])
    site = addPloneSite(
        app,
        SITE_ID,
        title="Städtepartnerschaft Naumburg – Les Ulis",
        description="Testseite für den Plone-Import von twinsite",
        extension_ids=[
            "plone.app.contenttypes:default",
            "plone.app.layout:default",
            "plonetheme.barceloneta:default",
        ],
        default_language="de",
        portal_timezone="Europe/Berlin",
    )
    setSite(site)
    languages = api.portal.get_tool("portal_languages")
    languages.addSupportedLanguage("de")
    languages.addSupportedLanguage("fr")
    languages.setDefaultLanguage("de")
    api.portal.set_registry_record("plone.available_languages", ["de", "fr"])
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-plone.app.multilingual:default")
    SetupMultilingualSite().setupSite(site)
    return site


def mark_request(site, request):
    """Give the script's request the browser layers a real HTTP request gets.

    `zconsole run` publishes nothing, so plone.browserlayer never marks the request; PAM's
    subscribers then leave new content without a language. BeforeTraverseEvent on the site
    is what the publisher fires, and plone.browserlayer's handler adds every installed layer.
    """
    setRequest(request)
    notify(BeforeTraverseEvent(site, request))
    from plone.app.multilingual.interfaces import IPloneAppMultilingualInstalled

    if not IPloneAppMultilingualInstalled.providedBy(request):
        alsoProvides(request, IPloneAppMultilingualInstalled)


def build_content(site):
    IMutableUUID(site).set(fixed_uid("site"))
    de, fr = site["de"], site["fr"]
    for key, lrf in (("lrf-de", de), ("lrf-fr", fr)):
        IMutableUUID(lrf).set(fixed_uid(key))
        IMutableTG(lrf).set(fixed_uid("tg:lrf"))  # setupSite linked the two root folders
        lrf.reindexObject()
        ALL[key] = lrf
        CREATED[key] = "2019-03-01 09:00"
    # The language-independent asset folders PAM made inside each root folder.
    for lrf in (de, fr):
        for obj in lrf.objectValues():
            if obj.portal_type == "LIF":
                key = f"lif-{lrf.getId()}"
                IMutableUUID(obj).set(fixed_uid(key))
                obj.reindexObject()
                ALL[key] = obj
                CREATED[key] = "2019-03-01 09:00"

    # --- Folders -------------------------------------------------------------------------
    make(
        "f-de-partnerschaft",
        de,
        "Folder",
        "partnerschaft",
        "Die Partnerschaft",
        "2019-04-01 10:00",
        "de",
        description="Naumburg (Saale) und Les Ulis seit 2019",
    )
    make(
        "f-fr-jumelage",
        fr,
        "Folder",
        "jumelage",
        "Le jumelage",
        "2019-04-02 10:00",
        "fr",
        description="Naumburg (Saale) et Les Ulis depuis 2019",
    )
    link_translations("f-de-partnerschaft", "f-fr-jumelage")

    make("f-de-aktuelles", de, "Folder", "aktuelles", "Aktuelles", "2019-04-01 11:00", "de")
    make("f-fr-actualites", fr, "Folder", "actualites", "Actualités", "2019-04-02 11:00", "fr")
    link_translations("f-de-aktuelles", "f-fr-actualites")

    make("f-de-termine", de, "Folder", "termine", "Termine", "2019-04-01 12:00", "de")
    make("f-fr-agenda", fr, "Folder", "agenda", "Agenda", "2019-04-02 12:00", "fr")
    link_translations("f-de-termine", "f-fr-agenda")

    make("f-de-medien", de, "Folder", "medien", "Bilder und Dateien", "2019-04-01 13:00", "de")
    make("f-fr-medias", fr, "Folder", "medias", "Images et fichiers", "2019-04-02 13:00", "fr")
    link_translations("f-de-medien", "f-fr-medias")

    # A folder in German only, private (an unpublished section).
    make(
        "f-de-intern",
        de,
        "Folder",
        "intern",
        "Intern (Vorstand)",
        "2024-01-10 09:00",
        "de",
        description="Nur für den Vorstand",
    )

    # --- Images and files ------------------------------------------------------------------
    make(
        "img-de-fotoausstellung",
        site["de"]["medien"],
        "Image",
        "fotoausstellung.png",
        "Fotoausstellung „Glücksmomente im Fokus“",
        "2025-10-10 09:00",
        "de",
        description="Blick in die Ausstellung",
        image=NamedBlobImage(png((200, 120, 40)), filename="fotoausstellung.png"),
    )
    make(
        "img-fr-exposition",
        site["fr"]["medias"],
        "Image",
        "exposition-photo.png",
        "Exposition photo « Moments de bonheur »",
        "2025-10-11 09:00",
        "fr",
        description="Vue de l'exposition",
        image=NamedBlobImage(png((200, 120, 41)), filename="exposition-photo.png"),
    )
    link_translations("img-de-fotoausstellung", "img-fr-exposition")
    # German only, shown inline in a French page too.
    make(
        "img-de-delegation",
        site["de"]["medien"],
        "Image",
        "delegation-les-ulis.jpg",
        "Die Delegation in Les Ulis",
        "2025-10-09 18:00",
        "de",
        description="Gruppenfoto der zehn Reisenden",
        image=NamedBlobImage(jpeg((30, 60, 150)), filename="delegation-les-ulis.jpg"),
    )
    # Language-independent asset (in PAM's shared assets folder of the German root).
    lif_de = ALL["lif-de"]
    make(
        "img-lif-logo",
        lif_de,
        "Image",
        "logo-partnerschaft.png",
        "Logo der Partnerschaft / Logo du jumelage",
        "2019-04-01 09:30",
        "",
        image=NamedBlobImage(png((0, 85, 164), (16, 8)), filename="logo-partnerschaft.png"),
    )

    make(
        "file-de-programm",
        site["de"]["medien"],
        "File",
        "programm-delegation-2025.pdf",
        "Programm der Delegationsreise 2025",
        "2025-09-15 10:00",
        "de",
        description="Ablauf 6. bis 9. Oktober 2025",
        file=NamedBlobFile(
            tiny_pdf("Programm 6.-9.10.2025"),
            filename="programm-delegation-2025.pdf",
            contentType="application/pdf",
        ),
    )
    make(
        "file-fr-programme",
        site["fr"]["medias"],
        "File",
        "programme-delegation-2025.pdf",
        "Programme du voyage de la délégation 2025",
        "2025-09-16 10:00",
        "fr",
        description="Déroulement du 6 au 9 octobre 2025",
        file=NamedBlobFile(
            tiny_pdf("Programme 6-9/10/2025"),
            filename="programme-delegation-2025.pdf",
            contentType="application/pdf",
        ),
    )
    link_translations("file-de-programm", "file-fr-programme")
    make(
        "file-fr-inscription",
        site["fr"]["medias"],
        "File",
        "inscription-atelier.txt",
        "Fiche d'inscription (texte)",
        "2025-04-20 10:00",
        "fr",
        file=NamedBlobFile(
            b"Nom :\nAssociation :\nCourriel : ...@example.org\n",
            filename="inscription-atelier.txt",
            contentType="text/plain",
        ),
    )

    # --- Documents -------------------------------------------------------------------------
    img_de, img_fr = uid("img-de-fotoausstellung"), uid("img-fr-exposition")
    img_deleg, logo = uid("img-de-delegation"), uid("img-lif-logo")
    # PAM gives an item in a language-independent folder one UID per root folder
    # ("<uid>-de", "<uid>-fr"); the editor's image picker inserts the one of the page's language.
    make(
        "doc-de-ueber-uns",
        site["de"]["partnerschaft"],
        "Document",
        "ueber-uns",
        "Über die Partnerschaft",
        "2019-04-05 10:00",
        "de",
        description="Seit 2019 sind Naumburg (Saale) und Les Ulis Partnerstädte.",
        subjects=("Städtepartnerschaft", "Engagement"),
        text=rich(
            "<h2>Wie alles begann</h2>"
            "<p>Seit 2019 verbindet eine <strong>Städtepartnerschaft</strong> Naumburg (Saale) "
            "mit Les Ulis in der Essonne. Sie lebt von Begegnungen und gemeinsamen Aktionen.</p>"
            f'<p><img class="image-richtext image-inline" src="resolveuid/{logo}-de/@@images/image/'
            'preview" alt="Logo der Partnerschaft" /></p>'
            "<h3>Was wir tun</h3><ul><li>Begegnungen von Vereinen</li>"
            "<li>Workshops zum Ehrenamt</li><li>Ausstellungen</li></ul>"
            f'<p>Mehr im <a href="resolveuid/{uid("news-de-delegation")}">Bericht über die '
            "Delegationsreise</a> und im "
            f'<a href="resolveuid/{uid("file-de-programm")}">Programm (PDF)</a>.</p>'
        ),
    )
    make(
        "doc-fr-a-propos",
        site["fr"]["jumelage"],
        "Document",
        "a-propos",
        "À propos du jumelage",
        "2019-04-06 10:00",
        "fr",
        description="Depuis 2019, Naumburg (Saale) et Les Ulis sont villes jumelées.",
        subjects=("jumelage", "engagement citoyen"),
        text=rich(
            "<h2>Les débuts</h2>"
            "<p>Depuis 2019, un <strong>jumelage</strong> relie Les Ulis à Naumburg (Saale), "
            "en Saxe-Anhalt. Il vit de rencontres et d'activités communes.</p>"
            f'<p><img class="image-richtext image-inline" src="resolveuid/{logo}-fr/@@images/image/'
            'preview" alt="Logo du jumelage" /></p>'
            "<h3>Nos activités</h3><ol><li>Rencontres entre associations</li>"
            "<li>Ateliers sur le bénévolat</li><li>Expositions</li></ol>"
            f'<p>Lire le <a href="resolveuid/{uid("news-fr-delegation")}">compte rendu du voyage'
            "</a>.</p>"
        ),
    )
    link_translations("doc-de-ueber-uns", "doc-fr-a-propos")

    # Renamed and then moved: two old paths in the redirector.
    make(
        "doc-de-vereinsforum",
        site["de"]["aktuelles"],
        "Document",
        "vereinsforum-alt",
        "Vereinsforum: Fortbildungen für Vereine",
        "2023-02-01 10:00",
        "de",
        text=rich(
            "<p>Das <em>Vereinsforum</em> bietet Fortbildungen für Vereine an, etwa zu "
            "Förderung und Mitgliedergewinnung.</p>"
            "<table><thead><tr><th>Thema</th><th>Monat</th></tr></thead><tbody>"
            "<tr><td>Förderanträge</td><td>März</td></tr>"
            "<tr><td>Datenschutz im Verein</td><td>Mai</td></tr></tbody></table>"
            '<p style="color: #c00">Anmeldung über '
            '<a href="mailto:vereinsforum@example.org">vereinsforum@example.org</a>.</p>'
        ),
    )

    # A link to a page that is deleted below: resolveuid that points nowhere.
    make(
        "doc-de-geloescht",
        site["de"]["partnerschaft"],
        "Document",
        "alte-seite",
        "Alte Seite (wird gelöscht)",
        "2020-01-01 10:00",
        "de",
    )
    make(
        "doc-de-engagierte-stadt",
        site["de"]["partnerschaft"],
        "Document",
        "engagierte-stadt",
        "Engagierte Stadt Naumburg",
        "2021-06-01 10:00",
        "de",
        description="Naumburg im Netzwerkprogramm „Engagierte Stadt“",
        subjects=("Engagierte Stadt", "Engagement"),
        text=rich(
            "<p>Naumburg nimmt an der zweiten Phase des Programms "
            "<strong>Engagierte Stadt</strong> teil.</p>"
            "<ul><li>Vereinsmesse</li><li>Engagement-Werkstatt</li><li>Freiwilligentag</li>"
            "</ul>"
            f'<p>Diese <a href="resolveuid/{uid("doc-de-geloescht")}">alte Seite</a> gibt es '
            "nicht mehr.</p>"
            f'<p><img src="resolveuid/{img_deleg}/@@images/image/large" '
            'alt="Die Delegation" class="image-richtext image-left" /></p>'
        ),
    )

    # --- News Items --------------------------------------------------------------------------
    event_de, event_fr = uid("event-de-workshop"), uid("event-fr-atelier")
    make(
        "news-de-delegation",
        site["de"]["aktuelles"],
        "News Item",
        "delegationsreise-les-ulis",
        "Gemeinsam Zukunft gestalten: Delegation in Les Ulis",
        "2025-10-12 10:00",
        "de",
        description="Zehn Naumburgerinnen und Naumburger besuchten vom 6. bis 9. Oktober 2025 "
        "Les Ulis.",
        subjects=("Delegation", "Ehrenamt", "Les Ulis"),
        image=NamedBlobImage(png((200, 120, 40)), filename="teaser-delegation.png"),
        image_caption="Empfang im Rathaus von Les Ulis",
        text=rich(
            "<h2>Ideenaustausch zum Ehrenamt</h2>"
            "<p>Vom 6. bis 9. Oktober 2025 reiste eine Delegation von zehn Personen nach "
            "Les Ulis, um zu erfahren, wie dort das Ehrenamt organisiert ist.</p>"
            f'<p><img class="image-richtext image-inline" src="resolveuid/{img_de}/@@images/'
            'image/preview" alt="Fotoausstellung" /></p>'
            "<h3>Erkenntnisse</h3><ul><li>Ähnliche Strukturen: Tafeln, Geschichtsvereine, "
            "Repair-Café</li><li>Gemeinsame Herausforderung: Einsamkeit</li></ul>"
            f'<p>Siehe auch den <a href="resolveuid/{event_de}">Workshop in Hildesheim</a> '
            f'und die <a href="resolveuid/{uid("doc-de-ueber-uns")}">Partnerschaft</a>.</p>'
        ),
    )
    make(
        "news-fr-delegation",
        site["fr"]["actualites"],
        "News Item",
        "delegation-naumburg-aux-ulis",
        "Construire l'avenir ensemble : la délégation aux Ulis",
        "2025-10-13 10:00",
        "fr",
        description="Dix habitants de Naumburg ont visité Les Ulis du 6 au 9 octobre 2025.",
        subjects=("délégation", "bénévolat", "Les Ulis"),
        image=NamedBlobImage(png((200, 120, 41)), filename="teaser-delegation.png"),
        image_caption="Accueil à la mairie des Ulis",
        text=rich(
            "<h2>Échange d'idées sur l'engagement citoyen</h2>"
            "<p>Du 6 au 9 octobre 2025, une délégation de dix personnes venue de Naumburg a "
            "découvert l'organisation du bénévolat aux Ulis.</p>"
            f'<p><img class="image-richtext image-inline" src="resolveuid/{img_fr}/@@images/'
            'image/preview" alt="Exposition photo" /></p>'
            f'<p><img class="image-richtext image-right" src="resolveuid/{img_deleg}/@@images/'
            'image/mini" alt="La délégation (photo allemande)" /></p>'
            "<h3>Constats</h3><ul><li>Des structures proches : banques alimentaires, "
            "sociétés d'histoire, Repair Café</li><li>Un défi commun : la solitude</li></ul>"
            f'<p>Voir aussi l\'<a href="resolveuid/{event_fr}">atelier de Hildesheim</a>.</p>'
        ),
    )
    link_translations("news-de-delegation", "news-fr-delegation")

    # Written in French first; the German translation came a week later.
    make(
        "news-fr-fonds",
        site["fr"]["actualites"],
        "News Item",
        "fonds-citoyen-2022",
        "Journée franco-allemande : deux projets soutenus",
        "2022-01-10 10:00",
        "fr",
        description="Le Fonds citoyen franco-allemand a financé nos projets du 22 janvier.",
        subjects=("Fonds citoyen", "22 janvier"),
        text=rich(
            "<p>En 2022 et 2023, deux projets pour la Journée franco-allemande ont créé les "
            "premiers contacts entre citoyens engagés des deux villes.</p>"
        ),
    )
    make(
        "news-de-fonds",
        site["de"]["aktuelles"],
        "News Item",
        "buergerfonds-2022",
        "Deutsch-Französischer Tag: zwei geförderte Projekte",
        "2022-01-17 10:00",
        "de",
        description="Der Deutsch-Französische Bürgerfonds förderte unsere Projekte zum 22. Januar.",
        subjects=("Bürgerfonds", "22. Januar"),
        text=rich(
            "<p>2022 und 2023 knüpften zwei Projekte zum Deutsch-Französischen Tag die ersten "
            "Kontakte zwischen engagierten Menschen beider Städte.</p>"
        ),
    )
    link_translations("news-fr-fonds", "news-de-fonds")

    # German only, pending review.
    make(
        "news-de-ue60",
        site["de"]["aktuelles"],
        "News Item",
        "ue60-aktiv",
        "Ü60 aktiv! – Engagiert gegen Einsamkeit",
        "2025-11-03 10:00",
        "de",
        description="Ein Projekt für Menschen über 60.",
        subjects=("Einsamkeit", "Senioren"),
        text=rich("<p>Das Projekt bringt ältere Menschen ins Ehrenamt.</p>"),
    )
    # French only, private (a draft nobody published).
    make(
        "news-fr-brouillon",
        site["fr"]["actualites"],
        "News Item",
        "echange-artistes",
        "Projet : un échange d'artistes",
        "2025-11-05 10:00",
        "fr",
        description="Une association d'art des Ulis propose des expositions communes.",
        text=rich("<p>Brouillon : l'échange d'artistes est seulement <em>proposé</em>.</p>"),
    )
    # Published with an expiry date in the past.
    make(
        "news-de-vereinsmesse",
        site["de"]["aktuelles"],
        "News Item",
        "vereinsmesse-2024",
        "Vereinsmesse 2024",
        "2024-05-01 10:00",
        "de",
        description="Über 40 Vereine stellten sich vor.",
        text=rich("<p>Die Vereinsmesse fand auf dem Marktplatz statt.</p>"),
    )

    # --- Events ------------------------------------------------------------------------------
    make(
        "event-de-workshop",
        site["de"]["termine"],
        "Event",
        "workshop-hildesheim-2025",
        "Gemeinsam wachsen: Kommunale Partnerschaften im Austausch",
        "2025-03-01 10:00",
        "de",
        description="Workshop für Aktive in deutsch-französischen Partnerschaften",
        subjects=("Workshop", "Städtepartnerschaft"),
        start=local(2025, 5, 20, 10, 0, 0, "Europe/Berlin"),
        end=local(2025, 5, 20, 16, 30, 0, "Europe/Berlin"),
        whole_day=False,
        open_end=False,
        location="Hildesheim",
        event_url="https://example.org/gemeinsam-wachsen",
        contact_name="Partnerschaftsbüro (fiktiv)",
        contact_email="partnerschaftsbuero@example.org",
        contact_phone="+49 5121 000000",
        attendees=("Vereine", "Verwaltung"),
        text=rich("<p>Rund 40 Aktive tauschten sich in Kleingruppen aus.</p>"),
    )
    make(
        "event-fr-atelier",
        site["fr"]["agenda"],
        "Event",
        "atelier-hildesheim-2025",
        "Grandir ensemble : les jumelages en échange",
        "2025-03-02 10:00",
        "fr",
        description="Atelier pour les acteurs des jumelages franco-allemands",
        subjects=("atelier", "jumelage"),
        start=local(2025, 5, 20, 10, 0, 0, "Europe/Berlin"),
        end=local(2025, 5, 20, 16, 30, 0, "Europe/Berlin"),
        whole_day=False,
        open_end=False,
        location="Hildesheim (Allemagne)",
        event_url="https://example.org/grandir-ensemble",
        contact_name="Bureau de partenariat (fictif)",
        contact_email="bureau-partenariat@example.org",
        contact_phone="+49 5121 000000",
        text=rich("<p>Une quarantaine de personnes ont échangé en petits groupes.</p>"),
    )
    link_translations("event-de-workshop", "event-fr-atelier")
    # German only, a whole-day event.
    make(
        "event-de-foerderung",
        site["de"]["termine"],
        "Event",
        "workshop-foerdermoeglichkeiten",
        "Folgeworkshop: Fördermöglichkeiten",
        "2025-06-01 10:00",
        "de",
        start=local(2025, 9, 2, 0, 0, 0, "Europe/Berlin"),
        end=local(2025, 9, 2, 23, 59, 59, "Europe/Berlin"),
        whole_day=True,
        open_end=False,
        location="Online",
    )
    # French only, several whole days, no end time of day.
    make(
        "event-fr-voyage",
        site["fr"]["agenda"],
        "Event",
        "voyage-delegation-2025",
        "Visite de la délégation de Naumburg",
        "2025-08-20 10:00",
        "fr",
        start=local(2025, 10, 6, 0, 0, 0, "Europe/Paris"),
        end=local(2025, 10, 9, 23, 59, 59, "Europe/Paris"),
        whole_day=True,
        open_end=False,
        location="Les Ulis",
        contact_email="jumelage@example.org",
    )

    # --- Links and collections -------------------------------------------------------------
    make(
        "link-de-engagierte-stadt",
        site["de"]["partnerschaft"],
        "Link",
        "netzwerk",
        "Netzwerk Engagierte Stadt",
        "2021-06-02 10:00",
        "de",
        remoteUrl="https://example.org/engagierte-stadt",
    )
    make(
        "link-fr-engagierte-stadt",
        site["fr"]["jumelage"],
        "Link",
        "reseau",
        "Le réseau « Engagierte Stadt »",
        "2021-06-03 10:00",
        "fr",
        remoteUrl="https://example.org/engagierte-stadt?lang=fr",
    )
    link_translations("link-de-engagierte-stadt", "link-fr-engagierte-stadt")
    # An internal link, the way Plone's link widget stores it.
    make(
        "link-fr-interne",
        site["fr"]["jumelage"],
        "Link",
        "lire-le-compte-rendu",
        "Lire le compte rendu",
        "2025-10-14 10:00",
        "fr",
        remoteUrl="${portal_url}/resolveuid/" + uid("news-fr-delegation"),
    )

    make(
        "coll-de-termine",
        site["de"]["termine"],
        "Collection",
        "alle-termine",
        "Alle Termine",
        "2025-01-05 10:00",
        "de",
        query=[
            {
                "i": "portal_type",
                "o": "plone.app.querystring.operation.selection.any",
                "v": ["Event"],
            },
            {"i": "path", "o": "plone.app.querystring.operation.string.relativePath", "v": ".."},
        ],
        sort_on="start",
        sort_reversed=False,
        limit=100,
    )

    # --- Relations (relatedItems) --------------------------------------------------------------
    intids = getUtility(IIntIds)
    news_de = ALL["news-de-delegation"]
    news_de.relatedItems = [
        RelationValue(intids.getId(ALL["doc-de-ueber-uns"])),
        RelationValue(intids.getId(ALL["event-de-workshop"])),
    ]
    modified(news_de)

    # --- Default page, order, rename, move, deletion ------------------------------------------
    site["de"]["partnerschaft"].setDefaultPage("ueber-uns")
    site["fr"]["jumelage"].setDefaultPage("a-propos")
    # An editor moved the pending item to the top of the German news folder (ordering.json:
    # the order is no longer the order of creation).
    site["de"]["aktuelles"].moveObjectsToTop(["ue60-aktiv"])

    api.content.rename(obj=ALL["doc-de-vereinsforum"], new_id="vereinsforum")
    api.content.move(source=ALL["doc-de-vereinsforum"], target=site["de"]["partnerschaft"])
    ALL["doc-de-vereinsforum"] = site["de"]["partnerschaft"]["vereinsforum"]
    api.content.delete(obj=ALL.pop("doc-de-geloescht"), check_linkintegrity=False)
    CREATED.pop("doc-de-geloescht")


UNPUBLISHED = {"news-de-ue60", "news-fr-brouillon", "f-de-intern"}


def set_states():
    """Publish everything but the three unpublished items; one of those goes to review."""
    for key, obj in ALL.items():
        if key not in UNPUBLISHED and api.content.get_state(obj, default=None) == "private":
            transition(key, "publish")
    transition("news-de-ue60", "submit")


def members_and_roles(site):
    for username, email, fullname in (
        ("redaktion-naumburg", "redaktion-naumburg@example.org", "Redaktion Naumburg"),
        ("redaction-lesulis", "redaction-lesulis@example.org", "Rédaction Les Ulis"),
    ):
        password = "fixture-only-" + username
        api.user.create(
            username=username, email=email, password=password, properties={"fullname": fullname}
        )
        # Plone salts the hash at random; store the same SSHA with a fixed salt instead, so
        # members.json does not change on every rebuild.
        salt = b"twinsite"
        digest = hashlib.sha1(password.encode() + salt).digest()
        users = site.acl_users.source_users
        users._user_passwords[username] = "{SSHA}" + base64.b64encode(digest + salt).decode()
    api.group.create(groupname="vorstand", title="Vorstand")
    api.group.add_user(groupname="vorstand", username="redaktion-naumburg")
    api.user.grant_roles(username="redaktion-naumburg", obj=site["de"], roles=["Editor"])
    api.user.grant_roles(username="redaction-lesulis", obj=site["fr"], roles=["Editor"])
    api.group.grant_roles(groupname="vorstand", obj=site["de"]["intern"], roles=["Reader"])


def fix_dates():
    """Fixed dates, set last: every change above stamped 'now' on the items it touched."""
    expires = {"news-de-vereinsmesse": "2024-07-01 00:00"}
    for key, obj in ALL.items():
        when = DateTime(CREATED[key] + " Europe/Berlin")
        obj.creation_date = when
        if key not in UNPUBLISHED and not key.startswith("lif-"):
            obj.setEffectiveDate(when + 1.0 / 24)  # published an hour after it was written
        if key in expires:
            obj.setExpirationDate(DateTime(expires[key] + " Europe/Berlin"))
        history = getattr(obj, "workflow_history", None)
        if history:
            for workflow_id, entries in list(history.items()):
                fixed = []
                for number, entry in enumerate(entries):
                    entry = dict(entry)
                    entry["time"] = when + number / (24.0 * 60)  # a minute per step
                    fixed.append(entry)
                history[workflow_id] = tuple(fixed)
        obj.setModificationDate(when + 1.0)  # last edited a day later
        obj.reindexObject(idxs=["created", "modified", "effective", "expires", "review_state"])


EXPORTS = [
    (
        "@@export_content",
        "content.json",
        {"portal_type": EXPORT_TYPES, "include_blobs": 1, "download_to_server": True},
    ),
    ("@@export_translations", "translations.json", {"download_to_server": True}),
    ("@@export_relations", "relations.json", {"download_to_server": True}),
    ("@@export_members", "members.json", {"download_to_server": True}),
    ("@@export_localroles", "localroles.json", {"download_to_server": True}),
    ("@@export_ordering", "ordering.json", {"download_to_server": True}),
    ("@@export_defaultpages", "defaultpages.json", {"download_to_server": True}),
    ("@@export_redirects", "redirects.json", {"download_to_server": True}),
    ("@@export_portlets", "portlets.json", {"download_to_server": True}),
]


def export(site, request):
    """Call collective.exportimport's views as the export form would (form.submitted)."""
    for view_name, filename, kwargs in EXPORTS:
        request.form.clear()
        request.form.update({"form.submitted": True, "filename": filename})
        view = site.restrictedTraverse(view_name)
        view(**kwargs)
        print(f"exported {view_name} -> {filename}")


def main(app):
    if not os.environ.get("COLLECTIVE_EXPORTIMPORT_CENTRAL_DIRECTORY"):
        sys.exit("Set COLLECTIVE_EXPORTIMPORT_CENTRAL_DIRECTORY (build.sh does).")
    app = makerequest(app, environ={"SERVER_NAME": "localhost", "SERVER_PORT": "8080"})
    request = app.REQUEST
    request["PARENTS"] = [app]
    # The URLs in the export (@id, parent, resolved links) as from an instance on port 8080.
    request.setServerURL(protocol="http", hostname="localhost", port="8080")
    admin = app.acl_users.getUserById("admin")
    if admin is None:
        app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
        admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    site = setup_site(app)
    transaction.commit()
    mark_request(site, request)
    build_content(site)
    set_states()
    members_and_roles(site)
    fix_dates()
    transaction.commit()
    export(site, request)
    transaction.commit()


main(app)  # noqa: F821 -- `zconsole run` provides `app`

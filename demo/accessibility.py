"""The two accessibility statements: Naumburg's (BITV 2.0, Saxony-Anhalt) and Les Ulis's (RGAA).

They are written separately, each by its own town under its own law, as an
editor creates them: each under its own language's home page, then linked to
each other (``counterpart``) for the language switcher. Every address is an
example.org one; the town halls put in their own.
"""

import datetime

from accessibility.models import (
    AccessibilityStatementPage,
    Conformity,
    Enforcement,
    Method,
    Reason,
    Regime,
)
from demo.sections import demo_key


def item(content, reason, explanation, criteria="", alternative="", fix_planned=""):
    return (
        "item",
        {
            "content": content,
            "reason": reason,
            "criteria": criteria,
            "explanation": explanation,
            "alternative": alternative,
            "fix_planned": fix_planned,
        },
    )


GERMAN = {
    "title": "Erklärung zur Barrierefreiheit",
    "slug": "barrierefreiheit",
    "intro": (
        "Die Stadt Naumburg (Saale) möchte, dass alle Menschen diese Partnerschaftsseite "
        "nutzen können. Hier steht, wie weit das gelingt, wo es noch hakt und wie Sie uns "
        "Barrieren melden."
    ),
    "regime": Regime.BITV,
    "body_name": "Stadt Naumburg (Saale)",
    "legal_basis": (
        "dem Behindertengleichstellungsgesetz des Landes Sachsen-Anhalt und der "
        "Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)"
    ),
    "scope": (
        "den deutschsprachigen Teil der Partnerschaftsseite Naumburg – Les Ulis "
        "(https://partnerschaft.example.org/de/)."
    ),
    "conformity": Conformity.PARTIAL,
    "standard": "BITV 2.0 und EN 301 549 (WCAG 2.1, Stufe AA)",
    "non_accessible": [
        item(
            "Ältere Broschüren als PDF",
            Reason.NON_CONFORMITY,
            "Einige vor 2024 erstellte PDF-Broschüren haben keine Überschriftenstruktur und "
            "keine Alternativtexte für Bilder.",
            criteria="WCAG 1.1.1, 1.3.1",
            alternative="Wir schicken Ihnen den Inhalt gern als barrierefreies Dokument oder "
            "als Text in der E-Mail.",
            fix_planned="Bis Ende 2027 ersetzen wir sie durch barrierefreie Fassungen.",
        ),
        item(
            "Fotogalerien der Vereine",
            Reason.DISPROPORTIONATE,
            "Mehrere hundert ältere Fotos der Vereine haben nur kurze Bildbeschreibungen. Jedes "
            "einzeln zu beschreiben, wäre für die ehrenamtliche Redaktion derzeit eine "
            "unverhältnismäßige Belastung.",
            criteria="WCAG 1.1.1",
            alternative="Neue Fotos beschreiben wir vollständig; zu einem älteren Foto "
            "beschreiben wir Ihnen auf Anfrage, was es zeigt.",
        ),
        item(
            "Eingebettete Videos von Partnerseiten",
            Reason.OUT_OF_SCOPE,
            "Videos, die Vereine auf eigenen Plattformen veröffentlichen und hier einbinden, "
            "werden weder von der Stadt erstellt noch finanziert oder kontrolliert.",
        ),
    ],
    "prepared_on": datetime.date(2026, 11, 16),
    "method": Method.SELF_ASSESSMENT,
    "auditor": "Redaktion Naumburg mit der Freiwilligenagentur",
    "reviewed_on": datetime.date(2026, 11, 30),
    "feedback_body": "Stadt Naumburg (Saale), Büro für Städtepartnerschaften",
    "feedback_email": "barrierefreiheit@example.org",
    "feedback_phone": "+49 3445 000000",
    "feedback_address": "Markt 1\n06618 Naumburg (Saale)",
    "enforcement": Enforcement.LAND,
    "enforcement_name": "Schlichtungsstelle des Landes Sachsen-Anhalt (Beispieladresse)",
    "enforcement_url": "https://schlichtung.example.org/sachsen-anhalt/",
    "enforcement_note": (
        "Wenn Sie auf Ihre Rückmeldung innerhalb von sechs Wochen keine zufriedenstellende "
        "Antwort erhalten, können Sie dort kostenlos ein Schlichtungsverfahren beantragen. "
        "Sie brauchen dafür keinen Anwalt."
    ),
}

FRENCH = {
    "title": "Déclaration d'accessibilité",
    "slug": "accessibilite",
    "intro": (
        "La ville des Ulis s'attache à rendre ce site du jumelage accessible à toutes et à "
        "tous. Cette déclaration dit où nous en sommes et comment nous signaler un obstacle."
    ),
    "regime": Regime.RGAA,
    "body_name": "La ville des Ulis",
    "legal_basis": "l'article 47 de la loi n° 2005-102 du 11 février 2005",
    "scope": (
        "la partie en français du site du jumelage Les Ulis – Naumburg "
        "(https://partnerschaft.example.org/fr/)."
    ),
    "conformity": Conformity.NONE,
    "standard": "RGAA version 4.1.2",
    "rgaa_audit": False,
    "non_accessible": [
        item(
            "Documents PDF anciens",
            Reason.NON_CONFORMITY,
            "Certains documents PDF publiés avant 2024 ne sont pas balisés et leurs images "
            "n'ont pas d'alternative textuelle.",
            criteria="RGAA 1.1, 9.1",
            alternative="Sur demande, nous vous envoyons le contenu dans un format accessible.",
            fix_planned="Remplacement progressif d'ici fin 2027.",
        ),
        item(
            "Vidéos intégrées des associations",
            Reason.OUT_OF_SCOPE,
            "Les vidéos que les associations publient sur leurs propres plateformes et que "
            "nous intégrons ne sont ni produites, ni financées, ni contrôlées par la ville.",
        ),
    ],
    "prepared_on": datetime.date(2026, 11, 18),
    "method": Method.SELF_ASSESSMENT,
    "auditor": "Service communication de la ville",
    "feedback_body": "Mairie des Ulis, service des relations internationales",
    "feedback_email": "accessibilite@example.org",
    "feedback_address": "Place de la Libération\n91940 Les Ulis",
    "enforcement": Enforcement.DEFENSEUR,
    "enforcement_name": "Défenseur des droits",
    "enforcement_url": "https://defenseur.example.org/",
    "enforcement_note": (
        "Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse "
        "satisfaisante, vous pouvez écrire au Défenseur des droits, contacter son délégué "
        "dans votre région ou lui écrire par courrier gratuit (Défenseur des droits, "
        "Libre réponse 71120, 75342 Paris CEDEX 07)."
    ),
    "multi_year_plan_url": "https://www.example.org/les-ulis/schema-pluriannuel-2026-2028",
    "action_plan_url": "https://www.example.org/les-ulis/plan-action-2026",
}


def _statement(log, home, key, spec, privacy):
    page = AccessibilityStatementPage.objects.filter(
        translation_key=demo_key(f"page:{key}"), locale=home.locale
    ).first()
    if page is None:
        page = home.add_child(
            instance=AccessibilityStatementPage(
                locale=home.locale,
                translation_key=demo_key(f"page:{key}"),
                privacy_page=privacy,
                **spec,
            )
        )
        page.save_revision().publish()
        log(f"  {AccessibilityStatementPage._meta.verbose_name}: {page.title}")
    return page


def _link(page, counterpart):
    """Point ``page`` at ``counterpart``, as an editor would: a new revision, published."""
    if page.counterpart_id == counterpart.pk:
        return
    page.counterpart = counterpart
    page.save_revision().publish()


def load_accessibility(log, *, homes, privacy):
    """Each town's statement under its home page, linked to the other's."""
    german = _statement(log, homes["de"], "accessibility-de", GERMAN, privacy)
    french_privacy = privacy.get_translation_or_none(homes["fr"].locale)
    french = _statement(log, homes["fr"], "accessibility-fr", FRENCH, french_privacy)
    _link(german, french)
    _link(french, german)
    return {"de": german, "fr": french}

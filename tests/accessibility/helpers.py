"""The demo's statements, the admin form of a statement, and the feedback form's answers."""

import time

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accessibility.models import AccessibilityStatementPage
from accounts.public_forms import HONEYPOT_NAME_FIELD, HONEYPOT_TIME_FIELD

STATEMENT = {"de": "/de/barrierefreiheit/", "fr": "/fr/accessibilite/"}


def statement(language):
    return AccessibilityStatementPage.objects.get(locale__language_code=language)


def add_url(parent):
    return reverse(
        "wagtailadmin_pages:add", args=("accessibility", "accessibilitystatementpage", parent.pk)
    )


def statement_form(**fields):
    """The page editor's form data for a complete German statement under BITV 2.0."""
    data = {
        "comments": inline_formset([]),
        "title": "Erklärung zur Barrierefreiheit",
        "slug": "barrierefreiheit",
        "intro": "",
        "regime": "bitv",
        "body_name": "Stadt Beispielhausen",
        "legal_basis": "dem Behindertengleichstellungsgesetz des Landes",
        "scope": "https://partnerschaft.example.org/de/",
        "conformity": "partial",
        "standard": "BITV 2.0",
        "compliance_rate": "",
        "non_accessible": streamfield(
            [
                (
                    "item",
                    {
                        "content": "PDF-Protokolle",
                        "reason": "non-conformity",
                        "criteria": "WCAG 1.3.1",
                        "explanation": "Ohne Überschriften.",
                        "alternative": "Auf Anfrage als Text.",
                        "fix_planned": "",
                    },
                )
            ]
        ),
        "prepared_on": "2026-11-20",
        "method": "self",
        "auditor": "",
        "reviewed_on": "",
        "automatic_checks": "",
        "feedback_body": "Bürgerbüro",
        "feedback_email": "barrieren@example.org",
        "feedback_phone": "",
        "feedback_address": "",
        "privacy_page": "",
        "enforcement": "bgg16",
        "enforcement_name": "Schlichtungsstelle nach § 16 BGG",
        "enforcement_url": "https://schlichtung.example.org/",
        "enforcement_note": "",
        "multi_year_plan_url": "",
        "action_plan_url": "",
        "counterpart": "",
    }
    data.update(fields)
    return nested_form_data(data)


def french_form(**fields):
    """A French statement under the RGAA, without an RGAA audit: “non conforme”."""
    values = {
        "title": "Déclaration d'accessibilité",
        "slug": "accessibilite",
        "regime": "rgaa",
        "body_name": "Ville exemple",
        "legal_basis": "l'article 47 de la loi n° 2005-102 du 11 février 2005",
        "scope": "https://jumelage.example.org/fr/",
        "conformity": "none",
        "standard": "RGAA 4.1.2",
        "feedback_body": "Mairie",
        "feedback_email": "accessibilite@example.org",
        "enforcement": "defenseur",
        "enforcement_name": "Défenseur des droits",
        "enforcement_url": "https://defenseur.example.org/",
        "multi_year_plan_url": "https://www.example.org/schema-pluriannuel",
        "non_accessible": streamfield([]),
    }
    values.update(fields)
    return statement_form(**values)


def feedback(**overrides):
    data = {
        "kind": "barrier",
        "where": "/fr/accessibilite/",
        "message": "Le PDF du programme ne se lit pas avec mon lecteur d'écran.",
        "name": "Marie Dupont",
        "email": "marie@example.org",
        "consent": "on",
        HONEYPOT_NAME_FIELD: "",
        HONEYPOT_TIME_FIELD: str(int(time.time()) - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def feedback_url(page, language):
    from django.utils import translation

    with translation.override(language):
        return reverse("accessibility:feedback", args=[page.pk])

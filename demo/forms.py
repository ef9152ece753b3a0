"""The privacy page and the two public forms, German first, each language mailing its own town."""

from demo.sections import demo_key
from demo.text import Paragraphs, T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from home.models import FormField, FormPage, StandardPage

PRIVACY = {
    "title": T("Datenschutz", "Protection des données"),
    "slug": T("datenschutz", "protection-des-donnees"),
    "intro": T(
        "Wie wir mit den Angaben umgehen, die Sie uns über diese Website schicken.",
        "Comment nous traitons les informations que vous nous envoyez par ce site.",
    ),
    "body": [
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Wenn Sie uns über ein Formular schreiben, speichern wir Ihre Angaben, "
                    "um Ihnen zu antworten, und leiten sie an die Ansprechperson Ihrer Stadt "
                    "weiter.",
                    "Lorsque vous nous écrivez par un formulaire, nous enregistrons vos "
                    "informations pour vous répondre et les transmettons au contact de votre "
                    "ville.",
                ),
                T(
                    "Wir geben sie an niemanden sonst weiter und löschen sie, sobald Ihr "
                    "Anliegen erledigt ist. Auf Wunsch sagen wir Ihnen, was wir über Sie "
                    "gespeichert haben.",
                    "Nous ne les communiquons à personne d'autre et les effaçons dès que votre "
                    "demande est traitée. Sur demande, nous vous indiquons ce que nous avons "
                    "enregistré.",
                ),
            ),
        }
    ],
}

CONTACT = {
    "title": T("Kontakt", "Nous écrire"),
    "slug": T("kontakt", "nous-ecrire"),
    "intro": Paragraphs(
        T(
            "Fragen zur Partnerschaft, Ideen für einen Besuch oder ein gemeinsames Projekt? "
            "Schreiben Sie uns – wir antworten in Ihrer Sprache.",
            "Une question sur le jumelage, une idée de visite ou de projet commun ? "
            "Écrivez-nous – nous vous répondons dans votre langue.",
        )
    ),
    "thank_you_text": Paragraphs(
        T(
            "Danke für Ihre Nachricht! Wir melden uns in den nächsten Tagen.",
            "Merci pour votre message ! Nous vous répondons dans les prochains jours.",
        )
    ),
    "subject": T("Nachricht über die Partnerschaftsseite", "Message depuis le site du jumelage"),
    "to_address": T("partnerschaft@example.org", "jumelage@example.org"),
    "fields": [
        {"label": T("Ihr Name", "Votre nom"), "field_type": "singleline", "required": True},
        {
            "label": T("Ihre E-Mail-Adresse", "Votre adresse e-mail"),
            "field_type": "email",
            "required": True,
        },
        {
            "label": T("Ihre Nachricht", "Votre message"),
            "field_type": "multiline",
            "required": True,
        },
    ],
}

REGISTRATION = {
    "title": T("Verein eintragen", "Inscrire une association"),
    "slug": T("verein-eintragen", "inscrire-une-association"),
    "intro": Paragraphs(
        T(
            "Ihr Verein möchte Kontakte in die Partnerstadt knüpfen? Tragen Sie ihn ein – wir "
            "stellen ihn vor und bringen Sie mit passenden Partnern zusammen.",
            "Votre association souhaite nouer des liens avec la ville jumelée ? Inscrivez-la : "
            "nous la présentons et vous mettons en relation avec des partenaires.",
        )
    ),
    "thank_you_text": Paragraphs(
        T(
            "Danke! Wir prüfen die Angaben und melden uns, bevor wir Ihren Verein vorstellen.",
            "Merci ! Nous vérifions les informations et vous recontactons avant de présenter "
            "votre association.",
        )
    ),
    "subject": T("Neue Vereinseintragung", "Nouvelle inscription d'association"),
    "to_address": T("partnerschaft@example.org", "jumelage@example.org"),
    "fields": [
        {
            "label": T("Name des Vereins", "Nom de l'association"),
            "field_type": "singleline",
            "required": True,
        },
        {
            "label": T("Stadt", "Ville"),
            "field_type": "dropdown",
            "required": True,
            "choices": T("Naumburg (Saale), Les Ulis", "Naumburg (Saale), Les Ulis"),
        },
        {
            "label": T("Ansprechperson", "Personne à contacter"),
            "field_type": "singleline",
            "required": True,
        },
        {"label": T("E-Mail-Adresse", "Adresse e-mail"), "field_type": "email", "required": True},
        {"label": T("Website", "Site web"), "field_type": "url", "required": False},
        {
            "label": T("Was macht Ihr Verein?", "Que fait votre association ?"),
            "field_type": "multiline",
            "required": True,
        },
        {
            "label": T("Wofür suchen Sie Partner?", "Pour quoi cherchez-vous des partenaires ?"),
            "field_type": "checkboxes",
            "required": False,
            "choices": T(
                "Besuche und Begegnungen, Gemeinsame Projekte, Austausch von Erfahrungen",
                "Visites et rencontres, Projets communs, Échange d'expériences",
            ),
        },
    ],
}


def _create(log, model, home, key, spec, french, **fields):
    page = model.objects.filter(translation_key=demo_key(f"page:{key}"), locale=home.locale).first()
    if page is None:
        page = home.add_child(
            instance=as_an_editor_saves(
                model(
                    locale=home.locale,
                    translation_key=demo_key(f"page:{key}"),
                    **pick({k: v for k, v in spec.items() if k != "fields"}, "de"),
                    **fields,
                )
            )
        )
        page.save_revision().publish()
        log(f"  {model._meta.verbose_name}: {page.title}")
    if not page.has_translation(french):
        translate(page, french, pairs(spec, "de", "fr"))
    return page


def load_forms(log, *, home, french):
    """The privacy page and the forms; gives the privacy page, which other forms link to."""
    privacy = _create(log, StandardPage, home, "privacy", PRIVACY, french)
    for key, spec in (("contact", CONTACT), ("registration", REGISTRATION)):
        fields = [FormField(**pick(field, "de")) for field in spec["fields"]]
        _create(
            log,
            FormPage,
            home,
            key,
            spec,
            french,
            privacy_page=privacy,
            from_address="noreply@example.org",
            show_in_menus=key == "contact",
            form_fields=fields,
        )
    return privacy

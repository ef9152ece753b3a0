"""The two home pages and the site identity, German first."""

from wagtail.models import Locale, Page, Site

from demo.images import demo_image
from demo.text import Paragraphs, T, pairs, pick
from demo.translate import as_an_editor_saves, translate
from home.models import HomePage, SiteIdentity

IDENTITY = {
    "site_name": T("Städtepartnerschaft Naumburg – Les Ulis", "Jumelage Naumburg – Les Ulis"),
    "tagline": T("Gemeinsam Zukunft gestalten", "Construire l'avenir ensemble"),
    "contact_heading": T("Kontakt", "Contact"),
    "organisation": T(
        "BeLK e.V. – Freiwilligenagentur Naumburg", "BeLK e.V. – centre du bénévolat de Naumburg"
    ),
    "address": T("06618 Naumburg (Saale)\nDeutschland", "06618 Naumburg (Saale)\nAllemagne"),
    "email": "partnerschaft@example.org",
    "footer_note": T(
        "Diese Seite wird gemeinsam von Redaktionen in Naumburg und Les Ulis gepflegt.",
        "Ce site est tenu à jour ensemble par des rédactions à Naumburg et aux Ulis.",
    ),
}

HOME = {
    "title": T("Naumburg und Les Ulis", "Naumburg et Les Ulis"),
    "slug": T("startseite", "accueil"),
    "seo_title": T(
        "Städtepartnerschaft Naumburg (Saale) – Les Ulis", "Jumelage Naumburg (Saale) – Les Ulis"
    ),
    "search_description": T(
        "Berichte, Workshops und Ausstellungen der Partnerstädte Naumburg und Les Ulis.",
        "Récits, ateliers et expositions des villes jumelées Naumburg et Les Ulis.",
    ),
    "hero_text": T(
        "Zwei Städte, ein Austausch: Partnerstädte seit 2019.",
        "Deux villes, un échange : villes jumelées depuis 2019.",
    ),
    "intro": Paragraphs(
        T(
            "Seit 2019 verbindet eine Städtepartnerschaft Naumburg (Saale) in Sachsen-Anhalt "
            "mit Les Ulis in der Essonne bei Paris. Sie lebt von Begegnungen: Vereine, "
            "Verwaltungen und engagierte Menschen besuchen sich, arbeiten an gemeinsamen "
            "Projekten und lernen dabei das Nachbarland kennen.",
            "Depuis 2019, un jumelage relie Naumburg (Saale), en Saxe-Anhalt, à Les Ulis, "
            "dans l'Essonne près de Paris. Il vit de rencontres : associations, "
            "administrations et citoyens engagés se rendent visite, mènent des projets "
            "communs et découvrent ainsi le pays voisin.",
        ),
    ),
    "body": [
        {
            "type": "heading",
            "value": {
                "text": T("Was wir gemeinsam tun", "Ce que nous faisons ensemble"),
                "level": "h2",
            },
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Hier berichten beide Städte in ihrer eigenen Sprache: von Delegationsreisen, "
                    "Workshops, Ausstellungen und dem Austausch von Künstlerinnen und Künstlern. "
                    "Jede Seite erscheint auf Deutsch und auf Französisch.",
                    "Ici, les deux villes racontent dans leur propre langue : voyages de "
                    "délégations, ateliers, expositions et échanges d'artistes. Chaque page "
                    "paraît en allemand et en français.",
                ),
                T(
                    "Die ersten Kontakte entstanden 2022 und 2023 in zwei Projekten zum "
                    "Deutsch-Französischen Tag am 22. Januar. Beide förderte der "
                    "Deutsch-Französische Bürgerfonds.",
                    "Les premiers contacts sont nés en 2022 et 2023 de deux projets pour la "
                    "Journée franco-allemande du 22 janvier. Le Fonds citoyen franco-allemand "
                    "les a financés tous les deux.",
                ),
            ),
        },
        {
            "type": "key_figures",
            "value": {
                "title": T("Die Partnerschaft in Zahlen", "Le jumelage en chiffres"),
                "figures": [
                    {
                        "figure": T("2019", "2019"),
                        "label": T("Partnerstädte seit", "Villes jumelées depuis"),
                    },
                    {
                        "figure": T("10", "10"),
                        "label": T(
                            "Reisende in der Delegation 2025", "Membres de la délégation 2025"
                        ),
                    },
                    {
                        "figure": T("≈ 300", "≈ 300"),
                        "label": T("Vereine in Les Ulis", "Associations aux Ulis"),
                    },
                    {
                        "figure": T("8", "8"),
                        "label": T(
                            "Engagement-Zentren in Naumburg", "Centres d'engagement à Naumburg"
                        ),
                    },
                ],
            },
        },
    ],
}


def ensure_locales():
    german, _ = Locale.objects.get_or_create(language_code="de")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    return german, french


def load_home(log, *, german, french, user=None):
    """Create the German home page as the site root and translate it into French."""
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(locale=german).first()
    if home is None:
        hero = demo_image(
            "Naumburg und Les Ulis",
            label="Naumburg  ⇄  Les Ulis",
            colours=((58, 96, 160), (205, 220, 240), (168, 50, 45)),
            seed="home-hero",
        )
        root = Page.get_first_root_node()
        # Wagtail's installer leaves a "Welcome" page; the home page replaces it.
        placeholder = root.get_children().filter(content_type__model="page", locale=german)
        fields = pick(HOME, "de")
        home = root.add_child(
            instance=as_an_editor_saves(HomePage(locale=german, hero_image=hero, **fields))
        )
        home.save_revision(user=user).publish()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = fields["seo_title"]
        site.save()
        placeholder.delete()
        log(f"  created the German home page ({home.url_path})")
    else:
        log("  German home page exists, kept as it is")

    if not home.has_translation(french):
        translate(home, french, pairs(HOME, "de", "fr"), user=user)
        log("  translated the home page into French through wagtail-localize")
    else:
        log("  French home page exists, kept as it is")
    return home


def load_identity(log, *, german, french, user=None):
    identity = SiteIdentity.objects.filter(locale=german).first()
    if identity is None:
        identity = SiteIdentity.objects.create(locale=german, **pick(IDENTITY, "de"))
        log("  created the German site identity")
    if not identity.has_translation(french):
        translate(identity, french, pairs(IDENTITY, "de", "fr"), user=user)
        log("  translated the site identity into French")
    return identity

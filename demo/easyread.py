"""The easy-read start pages: Leichte Sprache for Naumburg, FALC for Les Ulis.

Each town writes its own page, as its editors would: the German page is not a
translation of the French one, and the two are tied together through the
French page's counterpart field. The German page gives the four explanations
BITV 2.0 § 4 asks for on a public body's start page (what the site contains,
how to find one's way, the essentials of the accessibility statement, where
more Leichte Sprache is); the French page says the same things in FALC.
The demo has no sign-language video: a real one needs a DGS interpreter.
"""

from demo.images import demo_image
from demo.sections import demo_key
from easyread.models import EasyReadPage
from home.models import FormPage


def heading(text):
    return {"type": "heading", "value": text}


def paragraph(*sentences, image=None, alt=""):
    value = {"sentences": list(sentences)}
    if image is not None:
        value["image"] = {"image": image.pk, "decorative": False, "alt_text": alt}
    return {"type": "paragraph", "value": value}


def word(term, *explanation):
    return {"type": "word", "value": {"word": term, "explanation": list(explanation)}}


def points(*items):
    return {"type": "list", "value": {"items": list(items)}}


def link(text, page):
    return {"type": "link", "value": {"text": text, "page": page.pk if page else None, "url": ""}}


def german_body(picture, contact):
    return [
        heading("Willkommen"),
        paragraph(
            "Hier finden Sie Informationen in Leichter Sprache.",
            "Diese Internet-Seite gehört zu 2 Städten.",
            "Die Städte heißen Naumburg und Les Ulis.",
            "Naumburg liegt in Deutschland.",
            "Les Ulis liegt in Frankreich.",
            image=picture,
            alt="Zwei Städte mit bunten Häusern",
        ),
        word(
            "Partner-Stadt",
            "Eine Partner-Stadt ist eine befreundete Stadt in einem anderen Land.",
            "Die Menschen aus beiden Städten besuchen sich.",
            "Sie lernen sich kennen.",
            "Sie machen Dinge zusammen.",
        ),
        paragraph("Naumburg und Les Ulis sind seit dem Jahr 2019 Partner-Städte."),
        heading("Was steht auf dieser Internet-Seite?"),
        paragraph("Auf dieser Internet-Seite finden Sie:"),
        points(
            "Berichte von Reisen in die Partner-Stadt.",
            "Termine für Treffen und Workshops.",
            "Ausstellungen von Bildern und Fotos.",
            "Einen Austausch zwischen Künstlern aus beiden Städten.",
            "Einen Rundbrief per E-Mail.",
        ),
        word(
            "Workshop",
            "Bei einem Workshop treffen sich Menschen.",
            "Sie reden zusammen über ein Thema.",
            "Oder sie lernen zusammen etwas Neues.",
        ),
        paragraph(
            "Die meisten Texte sind in schwerer Sprache.",
            "Die Texte gibt es auf Deutsch und auf Französisch.",
        ),
        heading("Wie finden Sie sich auf der Internet-Seite zurecht?"),
        paragraph(
            "Ganz oben auf jeder Seite ist ein dunkler Streifen.",
            "In dem Streifen finden Sie:",
        ),
        points(
            "Den Namen der Internet-Seite. Er führt Sie zur Start-Seite.",
            "Das Menü mit allen Teilen der Internet-Seite.",
            "Ein Feld für die Suche.",
            "Die Sprache: Deutsch oder Französisch.",
            "Knöpfe für eine größere Schrift.",
            "Den Link zu dieser Seite in Leichter Sprache.",
        ),
        word(
            "Link",
            "Ein Link ist ein Wort auf einer Internet-Seite.",
            "Sie können auf das Wort klicken.",
            "Dann kommen Sie auf eine andere Seite.",
        ),
        paragraph(
            "Sie können die Internet-Seite auch nur mit der Tastatur benutzen.",
            "Drücken Sie dafür die Taste Tab.",
            "Dann springen Sie von Link zu Link.",
        ),
        heading("Ist die Internet-Seite barriere-frei?"),
        word(
            "barriere-frei",
            "Barriere-frei bedeutet:",
            "Alle Menschen können die Internet-Seite gut benutzen.",
            "Auch Menschen mit Behinderung.",
        ),
        paragraph(
            "Wir wollen eine barriere-freie Internet-Seite.",
            "Wir prüfen die Internet-Seite mit Computer-Programmen.",
            "Vieles ist schon barriere-frei.",
            "Manches ist noch nicht barriere-frei.",
            "Zum Beispiel sind die meisten Texte in schwerer Sprache.",
        ),
        paragraph(
            "Das alles steht genau in der Erklärung zur Barriere-Freiheit.",
            "Die Erklärung ist in schwerer Sprache.",
        ),
        paragraph(
            "Haben Sie ein Problem mit der Internet-Seite?",
            "Dann schreiben Sie uns.",
            "Wir helfen Ihnen gern.",
        ),
        link("Schreiben Sie uns", contact),
        paragraph(
            "Haben Sie keine Antwort bekommen?",
            "Oder sind Sie mit der Antwort nicht zufrieden?",
            "Dann können Sie sich beschweren.",
            "Wie das geht, steht auch in der Erklärung zur Barriere-Freiheit.",
        ),
        heading("Wo gibt es mehr in Leichter Sprache?"),
        paragraph(
            "Auf dieser Internet-Seite gibt es bis jetzt nur diese Seite in Leichter Sprache.",
            "Es gibt noch kein Video in Gebärden-Sprache.",
        ),
        paragraph(
            "Möchten Sie eine Information in Leichter Sprache?",
            "Oder in Gebärden-Sprache?",
            "Dann schreiben Sie uns.",
            "Wir versuchen, Ihnen zu helfen.",
        ),
        link("Schreiben Sie uns", contact),
    ]


def french_body(picture, contact):
    return [
        heading("Bienvenue"),
        paragraph(
            "Ici, vous trouvez des informations faciles à lire et à comprendre.",
            "Ce site internet est le site de 2 villes.",
            "Les villes s’appellent Les Ulis et Naumburg.",
            "Les Ulis est en France.",
            "Naumburg est en Allemagne.",
            image=picture,
            alt="Deux villes avec des maisons de couleur",
        ),
        word(
            "ville jumelée",
            "Une ville jumelée est une ville amie dans un autre pays.",
            "Les habitants des 2 villes se rendent visite.",
            "Ils apprennent à se connaître.",
            "Ils font des projets ensemble.",
        ),
        paragraph("Les Ulis et Naumburg sont jumelées depuis 2019."),
        heading("Que trouvez-vous sur ce site ?"),
        paragraph("Sur ce site, vous trouvez :"),
        points(
            "Des récits de voyages dans la ville jumelée.",
            "Des dates de rencontres et d’ateliers.",
            "Des expositions de tableaux et de photos.",
            "Des échanges entre artistes des 2 villes.",
            "Une lettre d’information par e-mail.",
        ),
        word(
            "atelier",
            "Dans un atelier, des personnes se retrouvent.",
            "Elles parlent ensemble d’un sujet.",
            "Ou elles apprennent ensemble quelque chose de nouveau.",
        ),
        paragraph(
            "La plupart des textes sont difficiles à lire.",
            "Les textes sont en français et en allemand.",
        ),
        heading("Comment utiliser le site ?"),
        paragraph(
            "En haut de chaque page, il y a une bande foncée.",
            "Dans cette bande, vous trouvez :",
        ),
        points(
            "Le nom du site. Il vous ramène à la page d’accueil.",
            "Le menu avec toutes les parties du site.",
            "Une case pour chercher un mot.",
            "La langue : allemand ou français.",
            "Des boutons pour écrire plus gros.",
            "Le lien vers cette page en FALC.",
        ),
        word(
            "lien",
            "Un lien est un mot sur un site internet.",
            "Vous pouvez cliquer sur ce mot.",
            "Vous arrivez alors sur une autre page.",
        ),
        paragraph(
            "Vous pouvez aussi utiliser le site seulement avec le clavier.",
            "Pour cela, appuyez sur la touche Tab.",
            "Vous allez alors d’un lien à l’autre.",
        ),
        heading("Le site est-il accessible ?"),
        word(
            "accessible",
            "Accessible veut dire :",
            "Tout le monde peut utiliser le site facilement.",
            "Aussi les personnes handicapées.",
        ),
        paragraph(
            "Nous voulons un site accessible.",
            "Nous vérifions le site avec des programmes informatiques.",
            "Beaucoup de choses sont déjà accessibles.",
            "Certaines choses ne sont pas encore accessibles.",
            "Par exemple, la plupart des textes sont difficiles à lire.",
        ),
        paragraph(
            "Tout cela est expliqué dans la déclaration d’accessibilité.",
            "La déclaration n’est pas en FALC.",
        ),
        paragraph(
            "Vous avez un problème avec le site ?",
            "Écrivez-nous.",
            "Nous vous aidons volontiers.",
        ),
        link("Nous écrire", contact),
        paragraph(
            "Vous n’avez pas reçu de réponse ?",
            "Ou la réponse ne vous convient pas ?",
            "Vous pouvez alors contacter le Défenseur des droits.",
            "La déclaration d’accessibilité explique comment faire.",
        ),
        heading("Où trouver d’autres textes en FALC ?"),
        paragraph("Pour l’instant, il y a seulement cette page en FALC sur le site."),
        paragraph(
            "Vous voulez une information facile à lire ?",
            "Écrivez-nous.",
            "Nous essayons de vous aider.",
        ),
        link("Nous écrire", contact),
    ]


PAGES = {
    "de": {"title": "Leichte Sprache", "slug": "leichte-sprache", "body": german_body},
    "fr": {
        "title": "Facile à lire et à comprendre (FALC)",
        "slug": "facile-a-lire",
        "body": french_body,
    },
}


def load_easy_read(log, *, homes):
    """One easy-read page under each language's home page; what exists is kept."""
    picture = demo_image(
        "Leichte Sprache · FALC: zwei Städte",
        label="Naumburg + Les Ulis",
        colours=((70, 120, 60), (222, 236, 210), (200, 90, 40)),
        seed="easy-read-towns",
    )
    pages = {}
    for language in ("de", "fr"):
        home = homes[language]
        key = demo_key(f"page:easy-read:{language}")
        page = EasyReadPage.objects.filter(translation_key=key, locale=home.locale).first()
        if page is None:
            spec = PAGES[language]
            contact = FormPage.objects.filter(
                translation_key=demo_key("page:contact"), locale=home.locale, live=True
            ).first()
            page = home.add_child(
                instance=EasyReadPage(
                    locale=home.locale,
                    translation_key=key,
                    title=spec["title"],
                    slug=spec["slug"],
                    body=spec["body"](picture, contact),
                    # Each town links its page to the other's; one side is enough.
                    counterpart=pages.get("de"),
                )
            )
            page.save_revision().publish()
            log(f"  {EasyReadPage._meta.verbose_name}: {page.title}")
        pages[language] = page
    return pages

"""The demo content of the partnership Naumburg – Les Ulis, every text a German/French pair.

demo/sections.py turns these records into snippets and pages. Each page is
written in its source language ("de" or "fr") and translated through
wagtail-localize, so within this module one German text always has one French
text (and one French text one German text on French-source pages).

The people and artists are fictional; their e-mail addresses use example.org.
"""

from datetime import date, datetime

from demo.text import Bullets, Paragraphs, T


def _image(title, label, colours, seed, alt=None):
    """An image spec for demo.images.demo_image (labels stay Latin-1).

    ``alt`` is the alt text of a page's teaser image, a text of the page and so
    translated with it (the image's own title is in one language only).
    """
    spec = {"title": title, "label": label, "colours": colours, "seed": seed}
    if alt is not None:
        spec["alt"] = alt
    return spec


DEMO_CREDIT = T("Demo", "Démo")

# Snippets ----------------------------------------------------------------------

CITIES = {
    "naumburg": {
        "name": T("Naumburg (Saale)", "Naumburg (Saale)"),
        "country": "DE",
        "region": T("Sachsen-Anhalt", "Saxe-Anhalt"),
        "partner_since": 2019,
        "website": "",
        "description": T(
            "Stadt in Sachsen-Anhalt und seit 2019 Partnerstadt von Les Ulis. Naumburg nimmt "
            "am Bundesprogramm „Engagierte Stadt“ teil und hat seit 2015 acht "
            "Engagement-Zentren aufgebaut, die Freiwillige und Vereine zusammenbringen.",
            "Ville de Saxe-Anhalt, jumelée avec Les Ulis depuis 2019. Naumburg participe au "
            "programme fédéral « Engagierte Stadt » et a créé depuis 2015 huit centres "
            "d'engagement qui mettent en relation bénévoles et associations.",
        ),
        "arms": _image(
            "Wappenbild Naumburg (Saale)",
            "Naumburg (Saale)",
            ((64, 112, 170), (214, 228, 242), (196, 58, 48)),
            "city-naumburg",
        ),
    },
    "les-ulis": {
        "name": T("Les Ulis", "Les Ulis"),
        "country": "FR",
        "region": T("Essonne (Île-de-France)", "Essonne (Île-de-France)"),
        "partner_since": 2019,
        "website": "",
        "description": T(
            "Junge Stadt in der Essonne bei Paris und seit 2019 Partnerstadt von Naumburg. "
            "Hier leben Menschen aus mehr als 50 Nationen, rund 300 Vereine prägen das "
            "Stadtleben, und die Verwaltung arbeitet eng mit den Ehrenamtlichen zusammen.",
            "Ville jeune de l'Essonne, près de Paris, jumelée avec Naumburg depuis 2019. Des "
            "habitants de plus de 50 nationalités y vivent, quelque 300 associations animent "
            "la vie locale et la mairie travaille en lien étroit avec les bénévoles.",
        ),
        "arms": _image(
            "Wappenbild Les Ulis",
            "Les Ulis",
            ((40, 84, 150), (238, 226, 204), (222, 120, 52)),
            "city-les-ulis",
        ),
    },
}

ASSOCIATIONS = {
    "belk": {
        "name": T(
            "BeLK e.V. – Freiwilligenagentur Naumburg",
            "BeLK e.V. – centre du bénévolat de Naumburg",
        ),
        "city": "naumburg",
        "town": "",
        "kind": "agency",
        "website": "",
        "email": "freiwilligenagentur@example.org",
        "description": T(
            "Der Verein betreibt die Freiwilligenagentur der Stadt Naumburg und koordiniert "
            "vor Ort das Bundesprogramm „Engagierte Stadt“. Er vermittelt Freiwillige, berät "
            "Vereine und organisiert die Begegnungen mit der Partnerstadt Les Ulis.",
            "L'association gère le centre du bénévolat de la ville de Naumburg et coordonne "
            "sur place le programme fédéral « Engagierte Stadt ». Elle oriente les bénévoles, "
            "conseille les associations et organise les rencontres avec la ville jumelée "
            "des Ulis.",
        ),
    },
    "vdi": {
        "name": T(
            "VDI – Verein Deutscher Ingenieure",
            "VDI – Association des ingénieurs allemands",
        ),
        "city": "naumburg",
        "town": "",
        "kind": "association",
        "website": "",
        "email": "",
        "description": T(
            "Der Ingenieurverein VDI bringt Fachleute aus Technik und Naturwissenschaft "
            "zusammen. Mitglieder aus Naumburg reisten im Oktober 2025 mit der Delegation "
            "nach Les Ulis.",
            "Le VDI rassemble des ingénieurs et des spécialistes des sciences et techniques. "
            "Des membres de Naumburg faisaient partie de la délégation partie aux Ulis en "
            "octobre 2025.",
        ),
    },
    "frankophile": {
        "name": T(
            "Interessengemeinschaft „Frankophile Bürger“",
            "Groupe d'intérêt « Frankophile Bürger » (citoyens francophiles)",
        ),
        "city": "naumburg",
        "town": "",
        "kind": "initiative",
        "website": "",
        "email": "",
        "description": T(
            "Naumburgerinnen und Naumburger, die Frankreich, seine Sprache und seine Kultur "
            "lieben und die Städtepartnerschaft mit Leben füllen möchten. Die Gruppe war Teil "
            "der Delegation 2025.",
            "Des habitants de Naumburg qui aiment la France, sa langue et sa culture, et "
            "veulent faire vivre le jumelage. Le groupe faisait partie de la délégation "
            "de 2025.",
        ),
    },
    "naumburg-for-future": {
        "name": T("Naumburg for Future", "Naumburg for Future"),
        "city": "naumburg",
        "town": "",
        "kind": "initiative",
        "website": "",
        "email": "",
        "description": T(
            "Bürgerinitiative, die sich für eine zukunftsfähige Stadt einsetzt. Mitglieder "
            "reisten 2025 mit nach Les Ulis, um Ideen zum Engagement für Natur und Umwelt "
            "auszutauschen.",
            "Initiative citoyenne qui s'engage pour une ville tournée vers l'avenir. Des "
            "membres ont participé au voyage de 2025 aux Ulis pour échanger des idées sur "
            "l'engagement en faveur de la nature et de l'environnement.",
        ),
    },
    "buergerverein-naumburg": {
        "name": T("Bürgerverein Naumburg", "Association citoyenne de Naumburg (Bürgerverein)"),
        "city": "naumburg",
        "town": "",
        "kind": "association",
        "website": "",
        "email": "",
        "description": T(
            "Verein engagierter Bürgerinnen und Bürger in Naumburg. Seine Projekte ähneln "
            "denen des Vereins „Die Welle“ in Les Ulis – ein naheliegender Partner für "
            "künftige Begegnungen.",
            "Association de citoyens engagés de Naumburg. Ses projets ressemblent à ceux de "
            "l'association « Die Welle » aux Ulis – un partenaire tout trouvé pour de "
            "futures rencontres.",
        ),
    },
    "die-welle": {
        "name": T("Die Welle", "Die Welle"),
        "city": "les-ulis",
        "town": "",
        "kind": "association",
        "website": "",
        "email": "",
        "description": T(
            "Verein in Les Ulis, dessen Projekte denen des Naumburger Bürgervereins ähneln. "
            "Im Oktober 2025 empfing er die Delegation aus Naumburg zum Austausch.",
            "Association des Ulis dont les projets ressemblent à ceux du Bürgerverein de "
            "Naumburg. En octobre 2025, elle a accueilli la délégation de Naumburg pour "
            "un échange.",
        ),
    },
    "art-les-ulis": {
        "name": T("Kunstverein aus Les Ulis", "Association artistique des Ulis"),
        "city": "les-ulis",
        "town": "",
        "kind": "association",
        "website": "",
        "email": "artistes@example.org",
        "description": T(
            "Verein von Künstlerinnen und Künstlern in Les Ulis. Er hat der Naumburger "
            "Delegation im Oktober 2025 einen Künstleraustausch mit gemeinsamen "
            "Ausstellungen in beiden Städten vorgeschlagen.",
            "Association d'artistes des Ulis. En octobre 2025, elle a proposé à la "
            "délégation de Naumburg un échange d'artistes avec des expositions communes "
            "dans les deux villes.",
        ),
    },
    "mairie-les-ulis": {
        "name": T("Stadtverwaltung Les Ulis", "Mairie des Ulis"),
        "city": "les-ulis",
        "town": "",
        "kind": "town_hall",
        "website": "",
        "email": "",
        "description": T(
            "Die Stadtverwaltung arbeitet eng mit den rund 300 Vereinen der Stadt zusammen "
            "und betreut die Städtepartnerschaft mit Naumburg.",
            "La mairie travaille en lien étroit avec les quelque 300 associations de la ville "
            "et suit le jumelage avec Naumburg.",
        ),
    },
    "partnership-office": {
        "name": T(
            "Partnerschaftsbüro der Metropolregion",
            "Bureau des jumelages de la région métropolitaine",
        ),
        "city": None,
        "town": T("Metropolregion", "Région métropolitaine"),
        "kind": "agency",
        "website": "",
        "email": "",
        "description": T(
            "Das Büro unterstützt die deutsch-französischen Städtepartnerschaften seiner "
            "Metropolregion. 2025 lud es zum Workshop „Gemeinsam wachsen“ nach Hildesheim "
            "und zu einem Folgeworkshop über Fördermöglichkeiten ein.",
            "Le bureau accompagne les jumelages franco-allemands de sa région métropolitaine. "
            "En 2025, il a organisé l'atelier « Grandir ensemble » à Hildesheim, puis un "
            "atelier de suivi sur les possibilités de financement.",
        ),
    },
    "dfi": {
        "name": T("Deutsch-Französisches Institut (dfi)", "Institut franco-allemand (dfi)"),
        "city": None,
        "town": T("Ludwigsburg", "Ludwigsburg"),
        "kind": "other",
        "website": "",
        "email": "",
        "description": T(
            "Das Institut begleitet die deutsch-französischen Beziehungen, auch die Arbeit "
            "der Städtepartnerschaften. Zwei Mitarbeitende moderierten den Workshop in "
            "Hildesheim am 20. Mai 2025.",
            "L'institut accompagne les relations franco-allemandes, y compris le travail des "
            "jumelages. Deux membres de son équipe ont animé l'atelier de Hildesheim le "
            "20 mai 2025.",
        ),
    },
}

PEOPLE = {
    "belk-contact": {
        "name": "Anna Beispiel",
        "role": T(
            "Koordinatorin Städtepartnerschaft, Freiwilligenagentur Naumburg",
            "Coordinatrice du jumelage, centre du bénévolat de Naumburg",
        ),
        "organisation": "belk",
        "email": "partnerschaft@example.org",
    },
    "office-contact": {
        "name": "Jonas Muster",
        "role": T(
            "Referent für deutsch-französische Städtepartnerschaften",
            "Chargé de mission pour les jumelages franco-allemands",
        ),
        "organisation": "partnership-office",
        "email": "partnerschaftsbuero@example.org",
    },
    "les-ulis-contact": {
        "name": "Claire Exemple",
        "role": T(
            "Beauftragte für Städtepartnerschaften, Stadtverwaltung Les Ulis",
            "Chargée des jumelages, mairie des Ulis",
        ),
        "organisation": "mairie-les-ulis",
        "email": "jumelage@example.org",
    },
}

FUNDING = {
    "buergerfonds": {
        "name": T("Deutsch-Französischer Bürgerfonds", "Fonds citoyen franco-allemand"),
        "funder": T("Deutschland und Frankreich", "L'Allemagne et la France"),
        "website": "",
        "description": T(
            "Der Fonds fördert Begegnungen und Projekte, die Menschen aus Deutschland und "
            "Frankreich zusammenbringen, auch kleine Vorhaben von Vereinen. Er finanzierte "
            "die Naumburger Projekte zum Deutsch-Französischen Tag 2022 und 2023 sowie die "
            "Delegationsreise nach Les Ulis 2025.",
            "Le fonds soutient des rencontres et des projets qui rapprochent des personnes "
            "d'Allemagne et de France, y compris les petites initiatives associatives. Il a "
            "financé les projets de Naumburg pour la Journée franco-allemande de 2022 et 2023 "
            "ainsi que le voyage de la délégation aux Ulis en 2025.",
        ),
    },
    "engagierte-stadt": {
        "name": T("Engagierte Stadt", "Engagierte Stadt (« Ville engagée »)"),
        "funder": T(
            "Bundesfamilienministerium und mehrere Stiftungen",
            "Ministère fédéral allemand de la Famille et plusieurs fondations",
        ),
        "website": "",
        "description": T(
            "Bundesweites Netzwerkprogramm seit 2015 für Städte mit 10.000 bis 100.000 "
            "Einwohnern, die sich gemeinsam mit einer Partnerorganisation bewerben. Es gibt "
            "kein Geld, sondern Qualifizierung, Infrastruktur und Begleitung; neue Städte "
            "lernen im Tandem von erfahrenen. Dabei sind unter anderem Bitburg, Lüneburg "
            "und Naumburg.",
            "Programme de réseau national lancé en 2015 pour les villes de 10 000 à 100 000 "
            "habitants, qui se portent candidates avec une organisation partenaire. Il "
            "n'apporte pas d'argent, mais de la formation, des infrastructures et un "
            "accompagnement ; les nouvelles villes apprennent en tandem auprès de villes "
            "expérimentées. Bitburg, Lüneburg et Naumburg en font partie, entre autres.",
        ),
    },
}

ARTISTS = {
    "paul-platzhalter": {
        "name": "Paul Platzhalter",
        "city": "naumburg",
        "discipline": T("Fotografie", "Photographie"),
        "biography": T(
            "Paul Platzhalter fotografiert seit vielen Jahren den Alltag in Naumburg, am "
            "liebsten Menschen, die sich für andere einsetzen. Seine Bilder gehören zum "
            "Fotoprojekt „Glücksmomente im Fokus“ der Freiwilligenagentur.",
            "Paul Platzhalter photographie depuis de nombreuses années le quotidien de "
            "Naumburg, et surtout les personnes qui s'engagent pour les autres. Ses images "
            "font partie du projet photo « Glücksmomente im Fokus » du centre du bénévolat.",
        ),
        "website": "",
    },
    "lotte-entwurf": {
        "name": "Lotte Entwurf",
        "city": "naumburg",
        "discipline": T("Malerei und Fotocollage", "Peinture et photocollage"),
        "biography": T(
            "Lotte Entwurf verbindet Malerei mit Fotografie. In ihren Collagen treffen "
            "Porträts von Ehrenamtlichen auf Farbe und Papier; sie leitet außerdem einen "
            "offenen Malkreis für Seniorinnen und Senioren.",
            "Lotte Entwurf associe peinture et photographie. Dans ses collages, des portraits "
            "de bénévoles rencontrent la couleur et le papier ; elle anime aussi un atelier "
            "de peinture ouvert aux seniors.",
        ),
        "website": "",
    },
    "camille-modele": {
        "name": "Camille Modèle",
        "city": "les-ulis",
        "discipline": T("Porträtfotografie", "Photographie de portrait"),
        "biography": T(
            "Camille Modèle porträtiert die Menschen von Les Ulis, oft in Schwarz-Weiß und "
            "analog. Sie interessiert sich für die Orte, an denen sich Nachbarinnen und "
            "Nachbarn begegnen.",
            "Camille Modèle fait le portrait des habitants des Ulis, souvent en noir et blanc "
            "et en argentique. Elle s'intéresse aux lieux où les voisins se rencontrent.",
        ),
        "website": "",
    },
    "hugo-fictif": {
        "name": "Hugo Fictif",
        "city": "les-ulis",
        "discipline": T("Keramik und Fotografie", "Céramique et photographie"),
        "biography": T(
            "Hugo Fictif ist Keramiker und gibt Töpferkurse für alle Generationen. Er "
            "fotografiert die Hände seiner Kursteilnehmenden bei der Arbeit und stellt "
            "Bilder und Gefäße gemeinsam aus.",
            "Hugo Fictif est céramiste et donne des cours de poterie ouverts à toutes les "
            "générations. Il photographie les mains de ses élèves au travail et expose "
            "ensemble images et pièces.",
        ),
        "website": "",
    },
}

# Section indexes -----------------------------------------------------------------

INDEXES = {
    "reports": {
        "title": T("Delegationsreisen", "Voyages de délégation"),
        "slug": T("delegationsreisen", "voyages-de-delegation"),
        "intro": Paragraphs(
            T(
                "Hier berichten Vereine und Delegationen von ihren Reisen in die Partnerstadt: "
                "was sie erlebt und gelernt haben und was daraus entstehen soll.",
                "Ici, associations et délégations racontent leurs voyages dans la ville "
                "jumelée : ce qu'elles ont vécu et appris, et ce qui doit en naître.",
            ),
        ),
    },
    "workshops": {
        "title": T("Workshops", "Ateliers"),
        "slug": T("workshops", "ateliers"),
        "intro": Paragraphs(
            T(
                "Workshops und Austauschtreffen für alle, die Städtepartnerschaften gestalten – "
                "mit Programm, Ergebnissen und Anmeldung.",
                "Ateliers et rencontres pour toutes celles et tous ceux qui font vivre les "
                "jumelages – avec le programme, les résultats et l'inscription.",
            ),
        ),
    },
    "exhibitions": {
        "title": T("Ausstellungen", "Expositions"),
        "slug": T("ausstellungen", "expositions"),
        "intro": Paragraphs(
            T(
                "Fotografie, Malerei und Keramik aus Naumburg und Les Ulis: laufende, "
                "kommende und vergangene Ausstellungen der Partnerschaft.",
                "Photographie, peinture et céramique de Naumburg et des Ulis : les expositions "
                "du jumelage, en cours, à venir et passées.",
            ),
        ),
    },
    "exchanges": {
        "title": T("Künstleraustausch", "Échanges d'artistes"),
        "slug": T("kuenstleraustausch", "echanges-d-artistes"),
        "intro": Paragraphs(
            T(
                "Künstlerinnen und Künstler beider Städte besuchen sich, arbeiten zusammen und "
                "stellen gemeinsam aus. Hier finden Sie die Vorhaben und die Ausschreibungen.",
                "Des artistes des deux villes se rendent visite, travaillent ensemble et "
                "exposent côte à côte. Retrouvez ici les projets et les appels à candidatures.",
            ),
        ),
    },
}

# Delegation report -------------------------------------------------------------

REPORT = {
    "source": "de",
    "slug": T(
        "gemeinsam-zukunft-gestalten-les-ulis-2025",
        "construire-l-avenir-ensemble-les-ulis-2025",
    ),
    "title": T(
        "Gemeinsam Zukunft gestalten – Ideenaustausch zum bürgerschaftlichen Engagement in "
        "Naumburg und Les Ulis",
        "Construire l'avenir ensemble – échange d'idées sur l'engagement citoyen à Naumburg "
        "et aux Ulis",
    ),
    "summary": T(
        "Vom 6. bis 9. Oktober 2025 reiste eine zehnköpfige Delegation aus Naumburg nach "
        "Les Ulis. Sie wollte erfahren, wie Ehrenamt in der Partnerstadt organisiert ist – "
        "und kam mit vielen Gemeinsamkeiten und dem Vorschlag für einen Künstleraustausch "
        "zurück.",
        "Du 6 au 9 octobre 2025, une délégation de dix personnes de Naumburg s'est rendue "
        "aux Ulis. Elle voulait découvrir comment le bénévolat s'organise dans la ville "
        "jumelée – et elle est revenue avec de nombreux points communs et la proposition "
        "d'un échange d'artistes.",
    ),
    "image": _image(
        "Delegationsreise Les Ulis 2025",
        "Naumburg -> Les Ulis 2025",
        ((92, 134, 190), (236, 214, 188), (178, 62, 58)),
        "report-les-ulis-2025",
        alt=T(
            "Gezeichnete Stadtsilhouette mit einem Pfeil von Naumburg nach Les Ulis, 2025",
            "Silhouette de ville dessinée avec une flèche de Naumburg aux Ulis, 2025",
        ),
    ),
    "start_date": date(2025, 10, 6),
    "end_date": date(2025, 10, 9),
    "from_city": "naumburg",
    "to_city": "les-ulis",
    "participant_count": 10,
    "participants": ["vdi", "frankophile", "naumburg-for-future", "belk"],
    "aim": Paragraphs(
        T(
            "Die Reise sollte zeigen, wie bürgerschaftliches Engagement in beiden Städten "
            "organisiert ist: Wer bringt Freiwillige und Vereine zusammen, wie arbeiten "
            "Verwaltung und Ehrenamt miteinander, und welche Ideen lassen sich übertragen?",
            "Le voyage devait montrer comment l'engagement citoyen est organisé dans les deux "
            "villes : qui met en relation bénévoles et associations, comment administration "
            "et bénévoles travaillent ensemble, et quelles idées peuvent passer d'une ville "
            "à l'autre ?",
        ),
        T(
            "Zur Delegation gehörten Mitglieder des VDI, der Interessengemeinschaft "
            "„Frankophile Bürger“ und der Initiative „Naumburg for Future“, Mitarbeitende von "
            "BeLK e.V. sowie Bürgerinnen und Bürger, die sich für Kultur, Natur und "
            "Demokratie interessieren.",
            "La délégation réunissait des membres du VDI, du groupe d'intérêt « Frankophile "
            "Bürger » et de l'initiative « Naumburg for Future », des salariés de BeLK e.V. "
            "ainsi que des habitants intéressés par la culture, la nature et la démocratie.",
        ),
    ),
    "programme": [
        {
            "date": date(2025, 10, 6),
            "title": T(
                "Vereine aus Les Ulis und Workshop zum Ehrenamt",
                "Les associations des Ulis et atelier sur le bénévolat",
            ),
            "items": Paragraphs(
                Bullets(
                    T("Ankunft und Begrüßung in Les Ulis", "Arrivée et accueil aux Ulis"),
                    T(
                        "Vereine aus Les Ulis stellen sich und ihre Arbeit vor",
                        "Les associations des Ulis présentent leur travail",
                    ),
                    T(
                        "Workshop von BeLK e.V.: die Freiwilligenagentur Naumburg und ihre "
                        "Angebote",
                        "Atelier animé par BeLK e.V. : le centre du bénévolat de Naumburg et "
                        "ses services",
                    ),
                    T(
                        "Freiwillige gewinnen – unter anderem mit der Engagementbörse",
                        "Recruter des bénévoles – notamment grâce à la bourse du bénévolat "
                        "(« Engagementbörse »)",
                    ),
                    T(
                        "Die Engagementstrategie der Stadt Naumburg",
                        "La stratégie d'engagement citoyen de la ville de Naumburg",
                    ),
                    T(
                        "Die Projekte „Ü60 aktiv! – Engagiert gegen Einsamkeit“ und "
                        "Nachbarschaftshilfe",
                        "Les projets « Ü60 aktiv! – Engagiert gegen Einsamkeit » (les plus de "
                        "60 ans engagés contre la solitude) et l'entraide entre voisins",
                    ),
                ),
            ),
        },
        {
            "date": date(2025, 10, 7),
            "title": T(
                "Austausch mit „Die Welle“ und Vernissage",
                "Rencontre avec « Die Welle » et vernissage",
            ),
            "items": Paragraphs(
                Bullets(
                    T(
                        "Besuch beim Verein „Die Welle“, dessen Projekte denen des Naumburger "
                        "Bürgervereins ähneln",
                        "Visite de l'association « Die Welle », dont les projets ressemblent à "
                        "ceux du Bürgerverein de Naumburg",
                    ),
                    T(
                        "Gespräch über Nachbarschaftsprojekte und darüber, wie neue Mitglieder "
                        "gewonnen werden",
                        "Échange sur les projets de quartier et sur la manière d'attirer de "
                        "nouveaux membres",
                    ),
                    T(
                        "Am Abend: Eröffnung einer Fotoausstellung, deren Thema dem Naumburger "
                        "Projekt „Glücksmomente im Fokus“ nahekommt",
                        "En soirée : vernissage d'une exposition photo dont le thème rejoint "
                        "celui du projet de Naumburg « Glücksmomente im Fokus »",
                    ),
                ),
            ),
        },
        {
            "date": date(2025, 10, 8),
            "title": T(
                "Seniorentheater und Gespräche über Einsamkeit",
                "Théâtre des seniors et échanges sur la solitude",
            ),
            "items": Paragraphs(
                Bullets(
                    T(
                        "Vorstellung einer Theatergruppe von Seniorinnen und Senioren",
                        "Représentation d'une troupe de théâtre de seniors",
                    ),
                    T(
                        "Gesprächsrunde: Wie begegnen Vereine und Verwaltung in beiden Städten "
                        "Einsamkeit und psychischen Belastungen?",
                        "Table ronde : comment associations et administrations répondent-elles, "
                        "dans les deux villes, à la solitude et aux difficultés psychiques ?",
                    ),
                    T(
                        "Treffen mit einem Kunstverein aus Les Ulis",
                        "Rencontre avec une association artistique des Ulis",
                    ),
                ),
            ),
        },
        {
            "date": date(2025, 10, 9),
            "title": T("Bilanz und Rückreise", "Bilan et retour"),
            "items": Paragraphs(
                Bullets(
                    T(
                        "Gemeinsame Auswertung mit den Gastgeberinnen und Gastgebern",
                        "Bilan commun avec nos hôtes",
                    ),
                    T("Verabredung der nächsten Schritte", "Définition des prochaines étapes"),
                    T("Rückreise nach Naumburg", "Retour à Naumburg"),
                ),
            ),
        },
    ],
    "findings": Paragraphs(
        T(
            "Die Delegation fand in Les Ulis viele vertraute Strukturen wieder. In beiden "
            "Städten gibt es:",
            "La délégation a retrouvé aux Ulis beaucoup de structures familières. Dans les "
            "deux villes, on trouve :",
        ),
        Bullets(
            T("Bürgervereine", "des associations citoyennes"),
            T("Tafeln, die Lebensmittel an Bedürftige weitergeben", "des banques alimentaires"),
            T("Geschichtsvereine", "des associations d'histoire locale"),
            T("Vereine rund um die Gesundheit", "des associations liées à la santé"),
            T("Gartenvereine", "des associations de jardinage"),
            T("ein Repair Café", "un Repair Café"),
        ),
        T(
            "Beide Städte beschäftigt dieselbe Herausforderung: Einsamkeit und psychische "
            "Gesundheit. Gerade hier verspricht der Austausch viel, etwa mit den Erfahrungen "
            "aus dem Naumburger Projekt „Ü60 aktiv!“.",
            "Les deux villes font face au même défi : la solitude et la santé mentale. C'est "
            "là que l'échange promet le plus, par exemple grâce à l'expérience du projet "
            "« Ü60 aktiv! » de Naumburg.",
        ),
        T(
            "Les Ulis ist eine junge Stadt. Hier leben Menschen aus mehr als 50 Nationen, und "
            "rund 300 Vereine gestalten das Stadtleben mit. Die Verwaltung arbeitet eng mit "
            "den Ehrenamtlichen zusammen – das hat die Delegation besonders beeindruckt.",
            "Les Ulis est une ville jeune. Des habitants de plus de 50 nationalités y vivent "
            "et quelque 300 associations participent à la vie locale. La mairie travaille en "
            "lien étroit avec les bénévoles – ce qui a particulièrement marqué la délégation.",
        ),
    ),
    "outcomes": Paragraphs(
        T(
            "Das greifbarste Ergebnis kam aus der Kunst: Ein Kunstverein aus Les Ulis schlug "
            "einen Künstleraustausch mit Naumburg vor, mit gemeinsamen Ausstellungen in "
            "beiden Städten.",
            "Le résultat le plus concret est venu de l'art : une association artistique des "
            "Ulis a proposé un échange d'artistes avec Naumburg, avec des expositions communes "
            "dans les deux villes.",
        ),
        T(
            "Für die kommenden Monate hat sich die Delegation vorgenommen:",
            "Pour les mois à venir, la délégation s'est fixé plusieurs objectifs :",
        ),
        Bullets(
            T(
                "den Vorschlag für den Künstleraustausch mit Kunstschaffenden aus Naumburg "
                "auszuarbeiten",
                "préparer la proposition d'échange d'artistes avec des artistes de Naumburg",
            ),
            T(
                "den Kontakt zwischen dem Bürgerverein Naumburg und „Die Welle“ zu vertiefen",
                "approfondir le contact entre le Bürgerverein de Naumburg et « Die Welle »",
            ),
            T(
                "sich regelmäßig über Wege gegen Einsamkeit auszutauschen",
                "échanger régulièrement sur les moyens de lutter contre la solitude",
            ),
            T(
                "die Eindrücke der Reise in Naumburg vorzustellen, etwa bei der Vereinsmesse",
                "présenter les impressions du voyage à Naumburg, par exemple lors du salon "
                "des associations",
            ),
        ),
        T(
            "Die Reise wurde vom Deutsch-Französischen Bürgerfonds gefördert.",
            "Le voyage a été financé par le Fonds citoyen franco-allemand.",
        ),
    ),
    "body": [
        {
            "type": "heading",
            "value": {"text": T("Eindrücke aus Les Ulis", "Impressions des Ulis"), "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Schon am ersten Tag wurde deutlich, wie viel beide Städte verbindet. Die "
                    "Vereine aus Les Ulis stellten ihre Arbeit vor, und im Workshop von BeLK "
                    "e.V. kamen schnell Fragen auf, die man auch in Naumburg kennt: Wie findet "
                    "man neue Freiwillige, und wie hält man sie?",
                    "Dès le premier jour, on a vu tout ce qui rapproche les deux villes. Les "
                    "associations des Ulis ont présenté leur travail, et l'atelier de BeLK e.V. "
                    "a vite soulevé des questions bien connues à Naumburg aussi : comment "
                    "trouver de nouveaux bénévoles, et comment les garder ?",
                ),
                T(
                    "Das Kulturprogramm vertiefte diese Eindrücke. Beim Verein „Die Welle“ "
                    "erkannte die Delegation vieles aus der Arbeit des Naumburger Bürgervereins "
                    "wieder. Eine Theatervorstellung von Seniorinnen und Senioren zeigte, wie "
                    "Kultur gegen Einsamkeit wirken kann.",
                    "Le programme culturel a approfondi ces impressions. À l'association « Die "
                    "Welle », la délégation a reconnu bien des aspects du travail du Bürgerverein "
                    "de Naumburg. Une pièce jouée par des seniors a montré combien la culture peut "
                    "aider à rompre la solitude.",
                ),
                T(
                    "Bei der Vernissage einer Fotoausstellung fühlten sich viele an das "
                    "Naumburger Projekt „Glücksmomente im Fokus“ erinnert. An diesem Abend "
                    "wurde zum ersten Mal über einen Austausch zwischen Kunstschaffenden "
                    "beider Städte gesprochen.",
                    "Au vernissage d'une exposition photo, beaucoup ont pensé au projet de "
                    "Naumburg « Glücksmomente im Fokus ». Ce soir-là, on a parlé pour la "
                    "première fois d'un échange entre les artistes des deux villes.",
                ),
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": T(
                    "Ich hatte erwartet, dass vieles anders ist. Überrascht hat mich, wie "
                    "ähnlich die Fragen sind, die sich Vereine hier und bei uns stellen.",
                    "Je m'attendais à ce que beaucoup de choses soient différentes. Ce qui m'a "
                    "surprise, c'est à quel point les questions que se posent les associations, "
                    "ici et chez nous, se ressemblent.",
                ),
                "attribution": T(
                    "eine Teilnehmerin der Delegation", "une participante de la délégation"
                ),
                "language": "",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": T("Bilder der Reise", "Images du voyage"),
                "images": [
                    {
                        "image": _image(
                            "Delegation 2025: Vereine stellen sich vor",
                            "Vereine stellen sich vor",
                            ((120, 150, 200), (230, 236, 244), (160, 70, 60)),
                            "report-2025-associations",
                        ),
                        "alt": T(
                            "Gezeichnete Stadtsilhouette mit der Aufschrift „Vereine stellen "
                            "sich vor“",
                            "Silhouette de ville dessinée avec l'inscription « Vereine stellen "
                            "sich vor »",
                        ),
                        "caption": T(
                            "Am ersten Tag stellten Vereine aus Les Ulis ihre Arbeit vor.",
                            "Le premier jour, des associations des Ulis ont présenté leur travail.",
                        ),
                        "credit": DEMO_CREDIT,
                    },
                    {
                        "image": _image(
                            "Delegation 2025: Seniorentheater",
                            "Seniorentheater",
                            ((96, 60, 120), (236, 200, 170), (210, 150, 40)),
                            "report-2025-theatre",
                        ),
                        "alt": T(
                            "Gezeichnete Stadtsilhouette in Abendfarben mit der Aufschrift "
                            "„Seniorentheater“",
                            "Silhouette de ville dessinée aux couleurs du soir avec "
                            "l'inscription « Seniorentheater »",
                        ),
                        "caption": T(
                            "Eine Theatergruppe von Seniorinnen und Senioren spielte für die "
                            "Gäste aus Naumburg.",
                            "Une troupe de théâtre de seniors a joué pour les invités de Naumburg.",
                        ),
                        "credit": DEMO_CREDIT,
                    },
                    {
                        "image": _image(
                            "Delegation 2025: Vernissage in Les Ulis",
                            "Vernissage Les Ulis",
                            ((30, 50, 90), (200, 170, 120), (240, 200, 90)),
                            "report-2025-vernissage",
                        ),
                        "alt": T(
                            "Gezeichnete Stadtsilhouette bei Nacht mit der Aufschrift "
                            "„Vernissage Les Ulis“",
                            "Silhouette de ville dessinée de nuit avec l'inscription "
                            "« Vernissage Les Ulis »",
                        ),
                        "caption": T(
                            "Die Eröffnung der Fotoausstellung erinnerte an das Naumburger "
                            "Projekt „Glücksmomente im Fokus“.",
                            "Le vernissage de l'exposition photo rappelait le projet de "
                            "Naumburg « Glücksmomente im Fokus ».",
                        ),
                        "credit": DEMO_CREDIT,
                    },
                ],
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": T(
                    "La solitude ne connaît pas de frontières. Les réponses non plus, si l'on "
                    "travaille ensemble.",
                    "La solitude ne connaît pas de frontières. Les réponses non plus, si l'on "
                    "travaille ensemble.",
                ),
                "attribution": T(
                    "ein Mitglied des Vereins „Die Welle“",
                    "un membre de l'association « Die Welle »",
                ),
                "language": "fr",
            },
        },
        {
            "type": "key_figures",
            "value": {
                "title": T("Die Reise in Zahlen", "Le voyage en chiffres"),
                "figures": [
                    {
                        "figure": T("10", "10"),
                        "label": T("Reisende aus Naumburg", "Voyageurs de Naumburg"),
                    },
                    {"figure": T("4", "4"), "label": T("Tage in Les Ulis", "Jours aux Ulis")},
                    {
                        "figure": T("≈ 300", "≈ 300"),
                        "label": T("Vereine in Les Ulis", "Associations aux Ulis"),
                    },
                    {
                        "figure": T("> 50", "> 50"),
                        "label": T("Nationen in Les Ulis", "Nationalités aux Ulis"),
                    },
                ],
            },
        },
    ],
    "funding": ["buergerfonds"],
    "contact": "belk-contact",
}

# Workshops ---------------------------------------------------------------------

WORKSHOP = {
    "source": "de",
    "slug": T("gemeinsam-wachsen-hildesheim-2025", "grandir-ensemble-hildesheim-2025"),
    "title": T(
        "Gemeinsam wachsen: Kommunale Partnerschaften im Austausch",
        "Grandir ensemble : échanges entre jumelages",
    ),
    "summary": T(
        "Rund 40 Aktive aus deutsch-französischen Städtepartnerschaften trafen sich am "
        "20. Mai 2025 in Hildesheim. In kleinen Gruppen ging es darum, was Partnerschaften "
        "tragfähig macht – und welche Fragen noch offen sind.",
        "Une quarantaine d'acteurs de jumelages franco-allemands se sont retrouvés le "
        "20 mai 2025 à Hildesheim. En petits groupes, ils ont cherché ce qui fait durer un "
        "jumelage – et quelles questions restent ouvertes.",
    ),
    "image": _image(
        "Workshop Gemeinsam wachsen, Hildesheim 2025",
        "Gemeinsam wachsen",
        ((70, 140, 110), (226, 240, 214), (200, 90, 50)),
        "workshop-hildesheim-2025",
        alt=T(
            "Gezeichnete Stadtsilhouette zum Workshop in Hildesheim",
            "Silhouette de ville dessinée pour l'atelier de Hildesheim",
        ),
    ),
    "start": datetime(2025, 5, 20, 10, 0),
    "end": datetime(2025, 5, 20, 16, 30),
    "format": "in_person",
    "venue_name": T("Tagungsstätte in Hildesheim", "Lieu de conférence à Hildesheim"),
    "venue_address": "",
    "venue_town": T("Hildesheim", "Hildesheim"),
    "moderators": T(
        "Zwei Mitarbeitende des Deutsch-Französischen Instituts (dfi)",
        "Deux membres de l'équipe de l'Institut franco-allemand (dfi)",
    ),
    "audience": T(
        "Aktive aus deutsch-französischen Städtepartnerschaften: Partnerschaftskomitees, "
        "Vereine und Verwaltungen",
        "Acteurs des jumelages franco-allemands : comités de jumelage, associations et "
        "administrations",
    ),
    "organisers": ["partnership-office"],
    "agenda": [
        {
            "time": "10:00",
            "title": T("Ankommen und Begrüßung", "Accueil et mot de bienvenue"),
            "description": T(
                "Das Partnerschaftsbüro der Metropolregion begrüßt die Teilnehmenden; kurze "
                "Vorstellungsrunde.",
                "Le bureau des jumelages de la région métropolitaine accueille les participants ; "
                "courte présentation de chacun.",
            ),
        },
        {
            "time": "10:30",
            "title": T("Einführung durch das dfi", "Introduction par le dfi"),
            "description": T(
                "Die beiden Moderierenden des Deutsch-Französischen Instituts stellen Ablauf "
                "und Leitfragen des Tages vor.",
                "Les deux animateurs de l'Institut franco-allemand présentent le déroulement "
                "et les questions clés de la journée.",
            ),
        },
        {
            "time": "11:00",
            "title": T(
                "Kleingruppen: Was brauchen Partnerschaften?",
                "Petits groupes : de quoi les jumelages ont-ils besoin ?",
            ),
            "description": T(
                "Erfahrungen sammeln: Was hält eine Partnerschaft lebendig, woran scheitert sie?",
                "Partager les expériences : qu'est-ce qui fait vivre un jumelage, et qu'est-ce "
                "qui le fait échouer ?",
            ),
        },
        {"time": "12:30", "title": T("Mittagspause", "Pause déjeuner"), "description": ""},
        {
            "time": "13:30",
            "title": T(
                "Kleingruppen: Freiwillige Feuerwehren und Hochschulen als Partner",
                "Petits groupes : pompiers volontaires et universités comme partenaires",
            ),
            "description": T(
                "Wie können Partnerschaften mit Freiwilligen Feuerwehren und Hochschulen "
                "zusammenarbeiten?",
                "Comment les jumelages peuvent-ils coopérer avec les sapeurs-pompiers "
                "volontaires et les universités ?",
            ),
        },
        {
            "time": "15:00",
            "title": T("Offene Fragen im Plenum", "Questions ouvertes en séance plénière"),
            "description": T(
                "Die Gruppen tragen zusammen, was noch ungeklärt ist.",
                "Les groupes mettent en commun ce qui reste à éclaircir.",
            ),
        },
        {
            "time": "16:00",
            "title": T("Ausblick und Abschluss", "Perspectives et clôture"),
            "description": T(
                "Verabredung eines Folgeworkshops zu Fördermöglichkeiten.",
                "Un atelier de suivi sur les possibilités de financement est fixé.",
            ),
        },
    ],
    "topics": Paragraphs(
        T(
            "In kleinen Gruppen, moderiert von zwei Mitarbeitenden des dfi, standen drei "
            "Themen im Mittelpunkt:",
            "En petits groupes animés par deux membres de l'équipe du dfi, trois thèmes "
            "étaient au centre des échanges :",
        ),
        Bullets(
            T(
                "was Partnerschaften brauchen, um lebendig zu bleiben",
                "ce dont les jumelages ont besoin pour rester vivants",
            ),
            T(
                "die Zusammenarbeit mit Freiwilligen Feuerwehren und Hochschulen",
                "la coopération avec les sapeurs-pompiers volontaires et les universités",
            ),
            T(
                "offene Fragen für die Zukunft der Partnerschaften",
                "les questions ouvertes pour l'avenir des jumelages",
            ),
        ),
    ),
    "questions": Paragraphs(
        T(
            "Einige Fragen blieben offen und sollen weiter bearbeitet werden:",
            "Certaines questions sont restées ouvertes et doivent être approfondies :",
        ),
        Bullets(
            T(
                "Wie können sich Partnerschaften untereinander besser vernetzen?",
                "Comment les jumelages peuvent-ils mieux travailler en réseau ?",
            ),
            T(
                "Wie bleiben Menschen dabei, wenn der Schwung der ersten Zeit nachlässt?",
                "Comment garder les personnes engagées une fois passé l'élan des débuts ?",
            ),
            T(
                "Wie erreichen Partnerschaften mehr Altersgruppen?",
                "Comment les jumelages peuvent-ils toucher davantage de tranches d'âge ?",
            ),
        ),
    ),
    "results": Paragraphs(
        T(
            "Die Gruppen waren sich einig, dass eine Partnerschaft vor allem vier Dinge braucht:",
            "Les groupes se sont accordés sur quatre conditions essentielles pour un jumelage :",
        ),
        Bullets(
            T("motivierte Schlüsselpersonen", "des personnes clés motivées"),
            T("eine dauerhafte Struktur", "une structure durable"),
            T("einen guten Draht zur Stadtverwaltung", "un bon contact avec la mairie"),
            T("eine verlässliche Finanzierung", "un financement fiable"),
        ),
        T(
            "Freiwillige Feuerwehren und Hochschulen wurden als Partner gesehen, die neue "
            "Menschen und Themen in den Austausch bringen können.",
            "Les sapeurs-pompiers volontaires et les universités ont été vus comme des "
            "partenaires capables d'apporter de nouvelles personnes et de nouveaux thèmes "
            "à l'échange.",
        ),
        T(
            "Weil die Finanzierung viele beschäftigte, wurde für den 2. September 2025 ein "
            "Folgeworkshop zu Fördermöglichkeiten vereinbart.",
            "Comme la question du financement préoccupait beaucoup de participants, un atelier "
            "de suivi sur les possibilités de financement a été fixé au 2 septembre 2025.",
        ),
    ),
    "body": [
        {
            "type": "heading",
            "value": {"text": T("Rückblick", "Retour sur la journée"), "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Rund 40 Menschen aus deutsch-französischen Städtepartnerschaften kamen nach "
                    "Hildesheim: Mitglieder von Partnerschaftskomitees, Vereinen und "
                    "Verwaltungen. Viele kannten sich vorher nicht – und stellten schnell fest, "
                    "dass sie vor ähnlichen Aufgaben stehen.",
                    "Une quarantaine de personnes engagées dans des jumelages franco-allemands "
                    "sont venues à Hildesheim : membres de comités de jumelage, d'associations "
                    "et d'administrations. Beaucoup ne se connaissaient pas – et ont vite "
                    "constaté qu'elles avaient des tâches semblables.",
                ),
                T(
                    "Zwei Mitarbeitende des Deutsch-Französischen Instituts führten durch den "
                    "Tag. Gearbeitet wurde vor allem in kleinen Gruppen, deren Ergebnisse am "
                    "Nachmittag im Plenum zusammenkamen.",
                    "Deux membres de l'équipe de l'Institut franco-allemand ont animé la "
                    "journée. Le travail s'est fait surtout en petits groupes, dont les "
                    "résultats ont été mis en commun l'après-midi en plénière.",
                ),
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": T(
                    "Eine Partnerschaft lebt nicht von der Urkunde, sondern von den Menschen, "
                    "die sie tragen.",
                    "Un jumelage ne vit pas de sa charte, mais des personnes qui le portent.",
                ),
                "attribution": T(
                    "ein Teilnehmer aus einem Partnerschaftskomitee",
                    "un participant membre d'un comité de jumelage",
                ),
                "language": "",
            },
        },
        {
            "type": "key_figures",
            "value": {
                "title": T("Der Workshop in Zahlen", "L'atelier en chiffres"),
                "figures": [
                    {"figure": T("≈ 40", "≈ 40"), "label": T("Teilnehmende", "Participants")},
                    {
                        "figure": T("2", "2"),
                        "label": T("Moderierende vom dfi", "Animateurs du dfi"),
                    },
                    {
                        "figure": T("3", "3"),
                        "label": T("Themen in Kleingruppen", "Thèmes en petits groupes"),
                    },
                    {
                        "figure": T("1", "1"),
                        "label": T(
                            "Folgeworkshop zur Förderung", "Atelier de suivi sur le financement"
                        ),
                    },
                ],
            },
        },
    ],
    "contact": "office-contact",
}

FOLLOW_UP = {
    "source": "de",
    "slug": T("folgeworkshop-foerdermoeglichkeiten-2025", "atelier-de-suivi-financement-2025"),
    "title": T(
        "Folgeworkshop: Fördermöglichkeiten für Städtepartnerschaften",
        "Atelier de suivi : financer les jumelages",
    ),
    "summary": T(
        "Beim Workshop in Hildesheim war die Finanzierung eine der drängendsten Fragen. Am "
        "2. September 2025 ging es deshalb online einen Abend lang nur um Förderwege für "
        "Städtepartnerschaften.",
        "À Hildesheim, le financement faisait partie des questions les plus pressantes. Le "
        "2 septembre 2025, une soirée en ligne a donc été entièrement consacrée aux moyens "
        "de financer les jumelages.",
    ),
    "image": _image(
        "Folgeworkshop Fördermöglichkeiten 2025",
        "Foerdermoeglichkeiten",
        ((150, 110, 60), (246, 232, 196), (60, 110, 150)),
        "workshop-funding-2025",
        alt=T(
            "Gezeichnete Stadtsilhouette zum Workshop über Fördermöglichkeiten",
            "Silhouette de ville dessinée pour l'atelier sur les financements",
        ),
    ),
    "start": datetime(2025, 9, 2, 17, 0),
    "end": datetime(2025, 9, 2, 19, 0),
    "format": "online",
    "venue_name": T("Online-Veranstaltung", "Événement en ligne"),
    "venue_address": "",
    "venue_town": "",
    "moderators": T(
        "Partnerschaftsbüro der Metropolregion",
        "Bureau des jumelages de la région métropolitaine",
    ),
    "audience": T(
        "Teilnehmende des Workshops in Hildesheim und alle Interessierten aus "
        "Städtepartnerschaften",
        "Participants de l'atelier de Hildesheim et toutes les personnes intéressées "
        "engagées dans un jumelage",
    ),
    "registration_deadline": date(2025, 8, 25),
    "registration_email": "partnerschaftsbuero@example.org",
    "organisers": ["partnership-office"],
    "agenda": [
        {
            "time": "17:00",
            "title": T(
                "Begrüßung und Rückblick auf Hildesheim",
                "Accueil et retour sur Hildesheim",
            ),
            "description": T(
                "Was der Workshop im Mai zum Thema Finanzierung ergeben hat.",
                "Ce que l'atelier de mai a fait ressortir sur le financement.",
            ),
        },
        {
            "time": "17:15",
            "title": T("Förderprogramme im Überblick", "Tour d'horizon des programmes de soutien"),
            "description": T(
                "Vom Deutsch-Französischen Bürgerfonds bis zu Programmen wie „Engagierte "
                "Stadt“, die kein Geld, aber Qualifizierung und Begleitung bieten.",
                "Du Fonds citoyen franco-allemand à des programmes comme « Engagierte Stadt », "
                "qui n'apportent pas d'argent mais de la formation et un accompagnement.",
            ),
        },
        {
            "time": "18:00",
            "title": T("Erfahrungen aus der Praxis", "Retours d'expérience"),
            "description": T(
                "Partnerschaften berichten, wie sie ihre Vorhaben finanziert haben und was "
                "sie beim nächsten Antrag anders machen würden.",
                "Des jumelages racontent comment ils ont financé leurs projets et ce qu'ils "
                "feraient autrement pour la prochaine demande.",
            ),
        },
        {
            "time": "18:40",
            "title": T("Fragen und nächste Schritte", "Questions et prochaines étapes"),
            "description": "",
        },
    ],
    "topics": Paragraphs(
        T(
            "Der Abend knüpfte an eine Erkenntnis aus Hildesheim an: Ohne verlässliche "
            "Finanzierung bleiben auch gute Ideen liegen. Im Mittelpunkt standen:",
            "La soirée partait d'un constat fait à Hildesheim : sans financement fiable, même "
            "les bonnes idées restent dans les tiroirs. Au programme :",
        ),
        Bullets(
            T(
                "Programme, die Begegnungen zwischen Deutschland und Frankreich fördern",
                "les programmes qui soutiennent les rencontres entre l'Allemagne et la France",
            ),
            T(
                "Unterstützung ohne Geld: Qualifizierung, Beratung, Netzwerke",
                "les soutiens sans argent : formation, conseil, réseaux",
            ),
            T(
                "der Weg von der Idee zum Förderantrag",
                "le chemin de l'idée à la demande de financement",
            ),
        ),
    ),
    "questions": Paragraphs(
        Bullets(
            T(
                "Welche Förderung passt zu kleinen Vereinen ohne Hauptamtliche?",
                "Quel financement convient aux petites associations sans salariés ?",
            ),
            T(
                "Wie früh muss ein Antrag vor einer Reise gestellt werden?",
                "Combien de temps avant un voyage faut-il déposer une demande ?",
            ),
            T(
                "Wie lassen sich Eigenmittel und ehrenamtliche Arbeit sinnvoll einbringen?",
                "Comment valoriser les fonds propres et le travail bénévole ?",
            ),
        ),
    ),
    "results": Paragraphs(
        T(
            "Der Abend hat gezeigt: Auch kleine Vorhaben lassen sich fördern, wenn man früh "
            "plant und sich Rat holt. Die Teilnehmenden wollen in Kontakt bleiben und sich "
            "bei künftigen Anträgen gegenseitig unterstützen.",
            "La soirée l'a montré : même les petits projets peuvent être financés si l'on "
            "s'y prend tôt et que l'on se fait conseiller. Les participants veulent rester "
            "en contact et s'entraider pour leurs prochaines demandes.",
        ),
    ),
    "body": [
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Der Folgeworkshop fand online statt, damit auch Partnerschaften aus "
                    "entfernteren Orten ohne lange Anreise teilnehmen konnten. Den Link zur "
                    "Sitzung erhielten alle Angemeldeten per E-Mail.",
                    "L'atelier de suivi s'est tenu en ligne pour que les jumelages plus "
                    "éloignés puissent participer sans long trajet. Toutes les personnes "
                    "inscrites ont reçu le lien de la séance par courriel.",
                ),
            ),
        },
    ],
    "contact": "office-contact",
}

UPCOMING_WORKSHOP = {
    "source": "fr",
    "slug": T("gemeinsam-gegen-einsamkeit-2027", "ensemble-contre-la-solitude-2027"),
    "title": T(
        "Gemeinsam gegen Einsamkeit: Freiwillige willkommen heißen und begleiten",
        "Ensemble contre la solitude : accueillir et accompagner les bénévoles",
    ),
    "summary": T(
        "Einsamkeit und psychische Gesundheit: Diese Herausforderung teilen Les Ulis und "
        "Naumburg. Der Workshop – vor Ort in Les Ulis und online – bringt Ehrenamtliche und "
        "Vereine beider Städte zusammen: Sie tauschen aus, wie sie neue Freiwillige "
        "aufnehmen, und bereiten ein gemeinsames Repair Café vor.",
        "Solitude et santé mentale : Les Ulis et Naumburg partagent ce défi. Cet atelier, "
        "sur place aux Ulis et en ligne, réunit bénévoles et associations des deux villes : "
        "ils y comparent leurs façons d'accueillir les nouveaux bénévoles et préparent un "
        "Repair Café commun.",
    ),
    "image": _image(
        "Atelier Ensemble contre la solitude 2027",
        "Ensemble contre la solitude",
        ((214, 110, 90), (250, 226, 200), (70, 90, 140)),
        "workshop-les-ulis-2027",
        alt=T(
            "Gezeichnete Stadtsilhouette zum Workshop gegen Einsamkeit in Les Ulis",
            "Silhouette de ville dessinée pour l'atelier contre la solitude aux Ulis",
        ),
    ),
    "start": datetime(2027, 4, 10, 9, 30),
    "end": datetime(2027, 4, 10, 17, 0),
    "format": "hybrid",
    "venue_name": T("Rathaus von Les Ulis", "Hôtel de ville des Ulis"),
    "venue_address": "",
    "venue_town": T("Les Ulis", "Les Ulis"),
    "moderators": T(
        "Claire Exemple (Stadtverwaltung Les Ulis) und Anna Beispiel (BeLK e.V.)",
        "Claire Exemple (mairie des Ulis) et Anna Beispiel (BeLK e.V.)",
    ),
    "audience": T(
        "Ehrenamtliche, Vereine und Verwaltungen aus Les Ulis und Naumburg, vor Ort oder online",
        "Bénévoles, associations et services municipaux des Ulis et de Naumburg, sur place "
        "ou en ligne",
    ),
    "registration_deadline": date(2027, 3, 1),
    "registration_email": "jumelage@example.org",
    "organisers": ["mairie-les-ulis", "belk"],
    "agenda": [
        {
            "time": "09:30",
            "title": T("Ankommen bei einem Kaffee", "Accueil autour d'un café"),
            "description": "",
        },
        {
            "time": "10:00",
            "title": T(
                "Eröffnung: Warum Einsamkeit uns alle angeht",
                "Ouverture : pourquoi la solitude nous concerne tous",
            ),
            "description": T(
                "Die Stadtverwaltung Les Ulis und BeLK e.V. erläutern, was die "
                "Delegationsreise im Oktober 2025 gezeigt hat.",
                "La mairie des Ulis et BeLK e.V. rappellent ce que la visite de la délégation "
                "d'octobre 2025 a mis en lumière.",
            ),
        },
        {
            "time": "10:45",
            "title": T(
                "Kleingruppen: Neue Freiwillige willkommen heißen",
                "Ateliers en petits groupes : accueillir les nouveaux bénévoles",
            ),
            "description": T(
                "Erster Kontakt, Begleitung, Anerkennung: Wie macht es jede Stadt, und was "
                "funktioniert?",
                "Premier contact, accompagnement, reconnaissance : comment fait chaque ville, "
                "et qu'est-ce qui marche ?",
            ),
        },
        {
            "time": "12:30",
            "title": T("Gemeinsames Mittagessen", "Déjeuner partagé"),
            "description": "",
        },
        {
            "time": "13:45",
            "title": T(
                "Erfahrungsberichte: „Ü60 aktiv!“ und Nachbarschaftshilfe",
                "Retours d'expérience : « Ü60 aktiv! » et l'entraide entre voisins",
            ),
            "description": T(
                "Wie die Naumburger Projekte ältere Menschen erreichen, die allein sind, und "
                "was Vereine in Les Ulis dafür tun.",
                "Comment les projets de Naumburg vont vers les personnes âgées isolées, et ce "
                "que font les associations des Ulis.",
            ),
        },
        {
            "time": "15:00",
            "title": T(
                "Ein gemeinsames Repair Café vorbereiten",
                "Préparer un Repair Café commun",
            ),
            "description": T(
                "Die Repair Cafés beider Städte planen einen gemeinsamen Tag, vor Ort und "
                "online verbunden: einen Ort, an dem man Dinge repariert und miteinander "
                "ins Gespräch kommt.",
                "Les Repair Cafés des deux villes imaginent une journée commune, reliée sur "
                "place et en ligne : un lieu où l'on répare des objets et où l'on se parle.",
            ),
        },
        {
            "time": "16:30",
            "title": T("Abschluss und nächste Schritte", "Conclusion et prochaines étapes"),
            "description": "",
        },
    ],
    "topics": Paragraphs(
        T(
            "Der Workshop greift eine Erkenntnis der Delegationsreise vom Oktober 2025 auf: "
            "In beiden Städten gehören Einsamkeit und psychische Gesundheit zu den größten "
            "Herausforderungen für Vereine.",
            "L'atelier part d'un constat fait lors de la visite de la délégation de Naumburg "
            "en octobre 2025 : dans les deux villes, la solitude et la santé mentale comptent "
            "parmi les plus grands défis pour les associations.",
        ),
        Bullets(
            T(
                "neue Freiwillige willkommen heißen und begleiten",
                "accueillir et accompagner les nouveaux bénévoles",
            ),
            T(
                "auf Menschen zugehen, die allein sind, besonders auf ältere",
                "aller vers les personnes isolées, en particulier les plus âgées",
            ),
            T(
                "Begegnungsorte schaffen, etwa ein Repair Café",
                "créer des lieux de rencontre, comme un Repair Café",
            ),
        ),
    ),
    "questions": Paragraphs(
        T(
            "Diese Fragen wollen wir gemeinsam angehen:",
            "Les questions que nous voulons aborder ensemble :",
        ),
        Bullets(
            T(
                "Wie weckt man Lust auf Engagement bei Menschen, die sich selbst einsam fühlen?",
                "Comment donner envie de s'engager à des personnes qui se sentent elles-mêmes "
                "seules ?",
            ),
            T(
                "Wie lässt sich verhindern, dass sich Freiwillige überlasten?",
                "Comment éviter que les bénévoles s'épuisent ?",
            ),
            T(
                "Welche Rolle spielen die Stadtverwaltung und die Freiwilligenagentur?",
                "Quel rôle pour la mairie et pour le centre du bénévolat ?",
            ),
        ),
    ),
    "results": Paragraphs(),
    "body": [
        {
            "type": "heading",
            "value": {
                "text": T("Vor Ort oder online dabei sein", "Participer sur place ou en ligne"),
                "level": "h2",
            },
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Der Workshop findet im Rathaus von Les Ulis statt. Wer aus Naumburg nicht "
                    "anreisen kann, nimmt online teil; den Link erhalten Sie nach der "
                    "Anmeldung. Gesprochen wird Französisch und Deutsch.",
                    "L'atelier se tient à l'hôtel de ville des Ulis. Les participants de "
                    "Naumburg qui ne peuvent pas faire le voyage le suivent en ligne ; le lien "
                    "est envoyé après l'inscription. Les échanges se font en français et en "
                    "allemand.",
                ),
                T(
                    "Anmeldung bis zum 1. März 2027 an jumelage@example.org. Bitte geben Sie "
                    "an, ob Sie vor Ort oder online teilnehmen.",
                    "Inscription jusqu'au 1er mars 2027 à jumelage@example.org. Merci "
                    "d'indiquer si vous participez sur place ou en ligne.",
                ),
            ),
        },
    ],
    "contact": "les-ulis-contact",
}

# Artist exchange ---------------------------------------------------------------

EXCHANGE = {
    "source": "de",
    "slug": T("kuenstleraustausch-naumburg-les-ulis", "echange-d-artistes-naumburg-les-ulis"),
    "title": T(
        "Zwei Städte, ein Blick: Künstleraustausch Naumburg – Les Ulis",
        "Deux villes, un regard : échange d'artistes Naumburg – Les Ulis",
    ),
    "summary": T(
        "Ein Kunstverein aus Les Ulis hat bei der Delegationsreise im Oktober 2025 einen "
        "Künstleraustausch mit Naumburg vorgeschlagen. Kunstschaffende beider Städte sollen "
        "sich besuchen, zusammen arbeiten und ihre Werke in gemeinsamen Ausstellungen zeigen.",
        "Lors du voyage de la délégation en octobre 2025, une association artistique des "
        "Ulis a proposé un échange d'artistes avec Naumburg. Des artistes des deux villes "
        "doivent se rendre visite, travailler ensemble et montrer leurs œuvres dans des "
        "expositions communes.",
    ),
    "image": _image(
        "Künstleraustausch Naumburg - Les Ulis",
        "Kuenstleraustausch",
        ((120, 80, 150), (244, 220, 230), (240, 170, 60)),
        "exchange-naumburg-les-ulis",
        alt=T(
            "Gezeichnete Stadtsilhouette zum Künstleraustausch zwischen Naumburg und Les Ulis",
            "Silhouette de ville dessinée pour l'échange d'artistes entre Naumburg et Les Ulis",
        ),
    ),
    "status": "proposed",
    "proposed_by": "art-les-ulis",
    "start_date": date(2026, 5, 1),
    "end_date": date(2027, 6, 30),
    "towns": ["naumburg", "les-ulis"],
    "artists": ["paul-platzhalter", "lotte-entwurf", "camille-modele", "hugo-fictif"],
    "body": [
        {
            "type": "heading",
            "value": {"text": T("Wie die Idee entstand", "D'où vient l'idée"), "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Bei der Delegationsreise im Oktober 2025 besuchte die Gruppe aus Naumburg "
                    "die Eröffnung einer Fotoausstellung in Les Ulis. Ihr Thema erinnerte an "
                    "das Naumburger Projekt „Glücksmomente im Fokus“.",
                    "Lors du voyage d'octobre 2025, le groupe de Naumburg a assisté au "
                    "vernissage d'une exposition photo aux Ulis. Son thème rappelait le projet "
                    "de Naumburg « Glücksmomente im Fokus ».",
                ),
                T(
                    "Daraus entstand der Vorschlag eines Kunstvereins aus Les Ulis: ein "
                    "Austausch zwischen Künstlerinnen und Künstlern beider Städte, der in "
                    "gemeinsame Ausstellungen mündet.",
                    "Une association artistique des Ulis en a tiré une proposition : un échange "
                    "entre artistes des deux villes, qui débouche sur des expositions communes.",
                ),
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": T(
                    "Vos photos et les nôtres parlent des mêmes petits bonheurs. Montrons-les "
                    "ensemble.",
                    "Vos photos et les nôtres parlent des mêmes petits bonheurs. Montrons-les "
                    "ensemble.",
                ),
                "attribution": T(
                    "ein Mitglied des Kunstvereins aus Les Ulis",
                    "un membre de l'association artistique des Ulis",
                ),
                "language": "fr",
            },
        },
        {
            "type": "heading",
            "value": {"text": T("Was geplant ist", "Ce qui est prévu"), "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Der Austausch soll in drei Schritten wachsen:",
                    "L'échange doit se construire en trois étapes :",
                ),
                Bullets(
                    T(
                        "Kunstschaffende beider Städte lernen sich kennen, zuerst online, dann "
                        "bei Besuchen",
                        "les artistes des deux villes font connaissance, d'abord en ligne, puis "
                        "lors de visites",
                    ),
                    T(
                        "sie arbeiten in der Partnerstadt an neuen Werken, gern auch zu zweit",
                        "ils créent de nouvelles œuvres dans la ville jumelée, volontiers à "
                        "quatre mains",
                    ),
                    T(
                        "die Ergebnisse werden in einer gemeinsamen Ausstellung in Naumburg "
                        "gezeigt; eine zweite Station in Les Ulis ist angedacht",
                        "les résultats sont présentés dans une exposition commune à Naumburg ; "
                        "une deuxième étape aux Ulis est envisagée",
                    ),
                ),
                T(
                    "Noch ist der Austausch ein Vorschlag. Zeitplan und Umfang hängen davon "
                    "ab, ob eine Förderung gelingt; ein Antrag beim Deutsch-Französischen "
                    "Bürgerfonds ist vorgesehen.",
                    "L'échange n'est encore qu'une proposition. Le calendrier et l'ampleur "
                    "dépendront du financement obtenu ; une demande auprès du Fonds citoyen "
                    "franco-allemand est prévue.",
                ),
            ),
        },
    ],
    "phases": [
        {
            "title": T("Kennenlernen und Planung", "Faire connaissance et planifier"),
            "start_date": date(2026, 5, 1),
            "end_date": date(2026, 12, 31),
            "description": T(
                "Der Kunstverein aus Les Ulis und die Freiwilligenagentur Naumburg bringen "
                "die ersten Kunstschaffenden zusammen, klären die Förderung und legen den "
                "Ablauf fest.",
                "L'association artistique des Ulis et le centre du bénévolat de Naumburg "
                "réunissent les premiers artistes, règlent la question du financement et "
                "fixent le déroulement.",
            ),
        },
        {
            "title": T("Ausschreibung und Arbeitsbesuche", "Appel à candidatures et résidences"),
            "start_date": date(2027, 1, 1),
            "end_date": date(2027, 4, 30),
            "description": T(
                "Bis zum 31. Januar 2027 können sich weitere Kunstschaffende bewerben. Danach "
                "besuchen sich die Teilnehmenden in der Partnerstadt und arbeiten an neuen "
                "Werken.",
                "D'autres artistes peuvent se porter candidats jusqu'au 31 janvier 2027. "
                "Ensuite, les participants se rendent dans la ville jumelée et y travaillent "
                "à de nouvelles œuvres.",
            ),
        },
        {
            "title": T("Gemeinsame Ausstellung in Naumburg", "Exposition commune à Naumburg"),
            "start_date": date(2027, 5, 1),
            "end_date": date(2027, 6, 30),
            "description": T(
                "Die Ausstellung „Hier wie dort“ zeigt vom 21. Mai bis 27. Juni 2027, was im "
                "Austausch entstanden ist.",
                "Du 21 mai au 27 juin 2027, l'exposition « Ici comme là-bas » montre ce qui "
                "est né de l'échange.",
            ),
        },
    ],
    "call_deadline": date(2027, 1, 31),
    "call_how_to_apply": Paragraphs(
        T(
            "Kunstschaffende aus Naumburg und Les Ulis, die mitmachen möchten, schicken bis "
            "zum 31. Januar 2027 eine kurze Bewerbung an partnerschaft@example.org:",
            "Les artistes de Naumburg et des Ulis qui souhaitent participer envoient une "
            "courte candidature à partnerschaft@example.org avant le 31 janvier 2027 :",
        ),
        Bullets(
            T(
                "eine kurze Vorstellung Ihrer künstlerischen Arbeit",
                "une brève présentation de votre travail artistique",
            ),
            T("drei bis fünf Abbildungen eigener Werke", "trois à cinq images de vos œuvres"),
            T(
                "einige Sätze dazu, was Sie sich vom Austausch erhoffen",
                "quelques phrases sur ce que vous attendez de l'échange",
            ),
        ),
        T(
            "Bewerbungen sind auf Deutsch oder Französisch möglich. Kenntnisse der anderen "
            "Sprache sind keine Voraussetzung.",
            "Les candidatures peuvent être rédigées en allemand ou en français. Il n'est pas "
            "nécessaire de parler l'autre langue.",
        ),
    ),
    "funding": ["buergerfonds"],
    "contact": "belk-contact",
}

# Exhibitions -------------------------------------------------------------------

EXHIBITIONS = [
    {
        "source": "de",
        "slug": T("gluecksmomente-im-fokus", "gros-plan-sur-les-moments-de-bonheur"),
        "title": T("Glücksmomente im Fokus", "Gros plan sur les moments de bonheur"),
        "summary": T(
            "Was macht Menschen glücklich, die sich für andere einsetzen? Das Fotoprojekt der "
            "Freiwilligenagentur Naumburg hat Antworten in Bildern gesucht. Die Ausstellung "
            "zeigt Glücksmomente aus dem Ehrenamt in Naumburg.",
            "Qu'est-ce qui rend heureux celles et ceux qui s'engagent pour les autres ? Le "
            "projet photo du centre du bénévolat de Naumburg a cherché des réponses en "
            "images. L'exposition montre des moments de bonheur du bénévolat à Naumburg.",
        ),
        "image": _image(
            "Ausstellung Glücksmomente im Fokus",
            "Glücksmomente im Fokus",
            ((250, 190, 90), (255, 240, 210), (200, 80, 60)),
            "exhibition-gluecksmomente",
            alt=T(
                "Gezeichnete Stadtsilhouette zur Fotoausstellung in Naumburg",
                "Silhouette de ville dessinée pour l'exposition photo de Naumburg",
            ),
        ),
        "opening": datetime(2025, 6, 13, 18, 0),
        "closing_date": date(2025, 7, 25),
        "venue_name": T(
            "Räume der Freiwilligenagentur Naumburg",
            "Locaux du centre du bénévolat de Naumburg",
        ),
        "venue_address": "",
        "city": "naumburg",
        "opening_hours": T(
            "Montag bis Freitag 10–16 Uhr, donnerstags bis 18 Uhr",
            "Du lundi au vendredi de 10 h à 16 h, le jeudi jusqu'à 18 h",
        ),
        "admission": T("Eintritt frei", "Entrée libre"),
        "organisers": ["belk"],
        "artists": ["paul-platzhalter", "lotte-entwurf"],
        "works": [
            {
                "image": _image(
                    "Werk: Die erste Schicht",
                    "Die erste Schicht",
                    ((180, 120, 70), (248, 226, 190), (90, 60, 40)),
                    "work-erste-schicht",
                ),
                "title": T("Die erste Schicht", "Le premier service"),
                "title_language": "",
                "artist": "paul-platzhalter",
                "year": 2025,
                "technique": T("Fotografie, Pigmentdruck", "Photographie, tirage pigmentaire"),
            },
            {
                "image": _image(
                    "Werk: Zwei Generationen, ein Beet",
                    "Zwei Generationen, ein Beet",
                    ((90, 150, 80), (230, 244, 210), (170, 90, 50)),
                    "work-zwei-generationen",
                ),
                "title": T("Zwei Generationen, ein Beet", "Deux générations, un même potager"),
                "title_language": "",
                "artist": "paul-platzhalter",
                "year": 2025,
                "technique": T("Fotografie, Pigmentdruck", "Photographie, tirage pigmentaire"),
            },
            {
                "image": _image(
                    "Werk: Geflickt und glücklich",
                    "Geflickt und gluecklich",
                    ((200, 90, 120), (250, 220, 226), (60, 120, 160)),
                    "work-geflickt",
                ),
                "title": T("Geflickt und glücklich", "Réparé et heureux"),
                "title_language": "",
                "artist": "lotte-entwurf",
                "year": 2025,
                "technique": T(
                    "Fotocollage mit Acrylfarbe auf Papier",
                    "Photocollage et acrylique sur papier",
                ),
            },
        ],
        "body": [
            {
                "type": "heading",
                "value": {"text": T("Über das Projekt", "À propos du projet"), "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": Paragraphs(
                    T(
                        "„Glücksmomente im Fokus“ ist ein Fotoprojekt der Freiwilligenagentur "
                        "Naumburg. Es richtet die Kamera auf Augenblicke, in denen Engagement "
                        "glücklich macht: beim Helfen, beim Reparieren, beim gemeinsamen "
                        "Gärtnern.",
                        "« Glücksmomente im Fokus » (« Gros plan sur les moments de bonheur ») "
                        "est un projet photo du centre du bénévolat de Naumburg. Il braque "
                        "l'objectif sur ces instants où l'engagement rend heureux : en aidant, "
                        "en réparant, en jardinant ensemble.",
                    ),
                    T(
                        "Wenige Monate nach der Ausstellung entdeckte die Naumburger Delegation "
                        "in Les Ulis eine Fotoausstellung mit verwandtem Thema – der Anfang des "
                        "geplanten Künstleraustauschs.",
                        "Quelques mois après l'exposition, la délégation de Naumburg a découvert "
                        "aux Ulis une exposition photo au thème voisin – le point de départ de "
                        "l'échange d'artistes en projet.",
                    ),
                ),
            },
            {
                "type": "quote",
                "value": {
                    "quote": T(
                        "Man sieht den Menschen an, dass sie gern tun, was sie tun.",
                        "On lit sur les visages que ces personnes aiment ce qu'elles font.",
                    ),
                    "attribution": T(
                        "eine Besucherin der Ausstellung", "une visiteuse de l'exposition"
                    ),
                    "language": "",
                },
            },
        ],
        "related_report": False,
        "related_exchange": False,
        "contact": "belk-contact",
    },
    {
        "source": "fr",
        "slug": T("geteilte-augenblicke", "instants-partages"),
        "title": T(
            "Geteilte Augenblicke – Blicke auf das Miteinander in Les Ulis",
            "Instants partagés – regards sur l'entraide aux Ulis",
        ),
        "summary": T(
            "Die Fotografien zeigen Menschen aus Les Ulis in Momenten, in denen sie einander "
            "helfen, sich begegnen und gemeinsam glücklich sind. Bei der Vernissage am "
            "7. Oktober 2025 war die Delegation aus Naumburg dabei und fand darin viel von "
            "ihrem eigenen Fotoprojekt wieder.",
            "Des habitants des Ulis saisis dans ces moments où l'on s'entraide, où l'on se "
            "retrouve, où l'on est heureux ensemble. Le vernissage du 7 octobre 2025 s'est "
            "tenu en présence de la délégation de Naumburg, qui y a reconnu bien des échos "
            "de son propre projet photo.",
        ),
        "image": _image(
            "Exposition Instants partagés",
            "Instants partagés",
            ((50, 110, 140), (214, 236, 236), (230, 130, 70)),
            "exhibition-instants-partages",
            alt=T(
                "Gezeichnete Stadtsilhouette zur Ausstellung in Les Ulis",
                "Silhouette de ville dessinée pour l'exposition des Ulis",
            ),
        ),
        "opening": datetime(2025, 10, 7, 18, 30),
        "closing_date": date(2025, 11, 15),
        "venue_name": T(
            "Ausstellungssaal im Rathaus von Les Ulis",
            "Salle d'exposition de l'hôtel de ville des Ulis",
        ),
        "venue_address": "",
        "city": "les-ulis",
        "opening_hours": T(
            "Dienstag bis Samstag, 14–18 Uhr",
            "Du mardi au samedi, de 14 h à 18 h",
        ),
        "admission": T("Eintritt frei", "Entrée libre"),
        "organisers": ["art-les-ulis", "mairie-les-ulis"],
        "artists": ["camille-modele", "hugo-fictif"],
        "works": [
            {
                "image": _image(
                    "Œuvre : La table du dimanche",
                    "La table du dimanche",
                    ((60, 60, 60), (220, 220, 214), (150, 110, 80)),
                    "work-table-du-dimanche",
                ),
                "title": T("La table du dimanche", "La table du dimanche"),
                "title_language": "fr",
                "artist": "camille-modele",
                "year": 2025,
                "technique": T("Silbergelatineabzug", "Tirage argentique"),
            },
            {
                "image": _image(
                    "Œuvre : Samedi au Repair Café",
                    "Samedi au Repair Cafe",
                    ((70, 120, 100), (226, 238, 226), (210, 160, 60)),
                    "work-repair-cafe",
                ),
                "title": T("Samstag im Repair Café", "Samedi au Repair Café"),
                "title_language": "",
                "artist": "camille-modele",
                "year": 2025,
                "technique": T("Digitale Fotografie", "Photographie numérique"),
            },
            {
                "image": _image(
                    "Œuvre : Mains d'argile",
                    "Mains d'argile",
                    ((150, 90, 60), (240, 214, 190), (80, 110, 130)),
                    "work-mains-d-argile",
                ),
                "title": T("Hände aus Ton", "Mains d'argile"),
                "title_language": "",
                "artist": "hugo-fictif",
                "year": 2025,
                "technique": T(
                    "Fotografie und Keramik, Installation",
                    "Photographie et céramique, installation",
                ),
            },
        ],
        "body": [
            {
                "type": "heading",
                "value": {
                    "text": T("Eine Ausstellung, zwei Blickwinkel", "Une exposition, deux regards"),
                    "level": "h2",
                },
            },
            {
                "type": "paragraph",
                "value": Paragraphs(
                    T(
                        "Mehrere Monate lang haben zwei Kunstschaffende aus Les Ulis Menschen "
                        "in ihrem Vereinsleben begleitet: im Repair Café, bei der Tafel, in "
                        "den Gemeinschaftsgärten. Ihre Bilder erzählen von den Augenblicken, "
                        "in denen man sich weniger allein fühlt.",
                        "Pendant plusieurs mois, deux artistes des Ulis ont suivi des habitants "
                        "dans leur vie associative : au Repair Café, à la banque alimentaire, "
                        "dans les jardins partagés. Leurs images racontent ces instants où l'on "
                        "se sent moins seul.",
                    ),
                    T(
                        "Am Abend der Vernissage war die Delegation aus Naumburg im Saal. Ihre "
                        "Mitglieder erkannten darin den Geist ihres eigenen Fotoprojekts "
                        "„Glücksmomente im Fokus“. Aus dieser Begegnung entstand die Idee eines "
                        "Künstleraustauschs zwischen unseren beiden Städten.",
                        "Le soir du vernissage, la délégation de Naumburg était dans la salle. "
                        "Ses membres y ont retrouvé l'esprit de leur propre projet photo, "
                        "« Glücksmomente im Fokus ». De cette rencontre est née l'idée d'un "
                        "échange d'artistes entre nos deux villes.",
                    ),
                ),
            },
            {
                "type": "quote",
                "value": {
                    "quote": T(
                        "Ein Foto kann eine Tür öffnen. Auf einmal erzählen die Menschen "
                        "einander von sich.",
                        "Une photo peut ouvrir une porte. Tout à coup, les gens se racontent.",
                    ),
                    "attribution": T(
                        "eine Künstlerin der Ausstellung", "une artiste de l'exposition"
                    ),
                    "language": "",
                },
            },
        ],
        "related_report": True,
        "related_exchange": False,
        "contact": "les-ulis-contact",
    },
    {
        "source": "de",
        "slug": T("hier-wie-dort", "ici-comme-la-bas"),
        "title": T(
            "Hier wie dort – Kunst aus Naumburg und Les Ulis",
            "Ici comme là-bas – art de Naumburg et des Ulis",
        ),
        "summary": T(
            "Die erste gemeinsame Ausstellung des geplanten Künstleraustauschs: Vier "
            "Kunstschaffende aus Naumburg und Les Ulis zeigen Fotografie, Malerei und Keramik. "
            "Eröffnung ist am 21. Mai 2027 in Naumburg, sofern der Austausch wie geplant "
            "zustande kommt.",
            "La première exposition commune de l'échange d'artistes en projet : quatre artistes "
            "de Naumburg et des Ulis présentent photographie, peinture et céramique. Le "
            "vernissage est prévu le 21 mai 2027 à Naumburg, si l'échange se concrétise "
            "comme prévu.",
        ),
        "image": _image(
            "Ausstellung Hier wie dort 2027",
            "Hier wie dort - Ici comme là-bas",
            ((100, 70, 140), (236, 226, 246), (230, 150, 70)),
            "exhibition-hier-wie-dort",
            alt=T(
                "Gezeichnete Stadtsilhouette zur gemeinsamen Ausstellung beider Städte",
                "Silhouette de ville dessinée pour l'exposition commune des deux villes",
            ),
        ),
        "opening": datetime(2027, 5, 21, 19, 0),
        "closing_date": date(2027, 6, 27),
        "venue_name": T(
            "Räume der Freiwilligenagentur Naumburg",
            "Locaux du centre du bénévolat de Naumburg",
        ),
        "venue_address": "",
        "city": "naumburg",
        "opening_hours": T(
            "Montag bis Freitag 10–16 Uhr, donnerstags bis 18 Uhr",
            "Du lundi au vendredi de 10 h à 16 h, le jeudi jusqu'à 18 h",
        ),
        "admission": T("Eintritt frei", "Entrée libre"),
        "organisers": ["belk", "art-les-ulis"],
        "artists": ["paul-platzhalter", "lotte-entwurf", "camille-modele", "hugo-fictif"],
        "works": [
            {
                "image": _image(
                    "Werk: Brief an die Partnerstadt",
                    "Brief an die Partnerstadt",
                    ((200, 150, 90), (250, 238, 214), (70, 100, 150)),
                    "work-brief-partnerstadt",
                ),
                "title": T("Brief an die Partnerstadt", "Lettre à la ville jumelée"),
                "title_language": "",
                "artist": "lotte-entwurf",
                "year": 2026,
                "technique": T(
                    "Malerei und Collage auf Leinwand",
                    "Peinture et collage sur toile",
                ),
            },
            {
                "image": _image(
                    "Werk: Geteiltes Geschirr",
                    "Geteiltes Geschirr",
                    ((120, 140, 150), (232, 236, 230), (190, 100, 60)),
                    "work-geteiltes-geschirr",
                ),
                "title": T("Geteiltes Geschirr", "Vaisselle partagée"),
                "title_language": "",
                "artist": "hugo-fictif",
                "year": 2026,
                "technique": T("Steinzeug, glasiert", "Grès émaillé"),
            },
        ],
        "body": [
            {
                "type": "heading",
                "value": {
                    "text": T("Eine Ausstellung im Entstehen", "Une exposition en devenir"),
                    "level": "h2",
                },
            },
            {
                "type": "paragraph",
                "value": Paragraphs(
                    T(
                        "„Hier wie dort“ soll die erste gemeinsame Ausstellung des "
                        "Künstleraustauschs zwischen Naumburg und Les Ulis werden. Je zwei "
                        "Kunstschaffende aus beiden Städten zeigen, was sie bei ihren Besuchen "
                        "in der Partnerstadt entdeckt und gemeinsam geschaffen haben.",
                        "« Ici comme là-bas » doit être la première exposition commune de "
                        "l'échange d'artistes entre Naumburg et Les Ulis. Deux artistes de "
                        "chaque ville y montrent ce qu'ils ont découvert lors de leurs séjours "
                        "dans la ville jumelée et ce qu'ils ont créé ensemble.",
                    ),
                    T(
                        "Der Austausch ist noch ein Vorschlag. Ob und in welcher Form die "
                        "Ausstellung stattfindet, hängt von der Förderung ab; diese Seite wird "
                        "laufend ergänzt.",
                        "L'échange n'est encore qu'un projet. La tenue et la forme de "
                        "l'exposition dépendent du financement ; cette page sera complétée au "
                        "fur et à mesure.",
                    ),
                ),
            },
        ],
        "related_report": False,
        "related_exchange": True,
        "contact": "belk-contact",
    },
]

# A page deliberately left untranslated -----------------------------------------

GERMAN_ONLY = {
    "source": "de",
    "slug": T("deutsch-franzoesischer-tag-2022-2023", ""),
    "title": T("Wie alles begann: der Deutsch-Französische Tag 2022 und 2023", ""),
    "summary": T(
        "Lange vor der Delegationsreise 2025 knüpfte BeLK e.V. die ersten Kontakte nach "
        "Les Ulis: mit zwei Projekten zum Deutsch-Französischen Tag am 22. Januar 2022 und "
        "2023. Beide förderte der Deutsch-Französische Bürgerfonds.",
        "",
    ),
    "image": _image(
        "Deutsch-Französischer Tag 2023",
        "22. Januar - Deutsch-Franz. Tag",
        ((40, 70, 130), (240, 240, 246), (200, 40, 50)),
        "report-dft-2023",
        alt=T(
            "Gezeichnete Stadtsilhouette zum Deutsch-Französischen Tag am 22. Januar",
            "",
        ),
    ),
    "start_date": date(2023, 1, 20),
    "end_date": date(2023, 1, 22),
    "from_city": "naumburg",
    "to_city": "les-ulis",
    "participant_count": None,
    "participants": ["belk"],
    "aim": Paragraphs(
        T(
            "Die beiden Projekte sollten engagierte Bürgerinnen und Bürger aus Naumburg und "
            "Les Ulis miteinander ins Gespräch bringen, und zwar rund um den "
            "Deutsch-Französischen Tag, der jedes Jahr am 22. Januar begangen wird.",
            "",
        ),
    ),
    "programme": [],
    "findings": Paragraphs(
        T(
            "Aus den Projekten gingen die ersten persönlichen Kontakte zwischen Engagierten "
            "beider Städte hervor. Auf ihnen bauen die späteren Begegnungen auf.",
            "",
        ),
    ),
    "outcomes": Paragraphs(
        T(
            "Die Erfahrungen aus 2022 und 2023 mündeten in die Delegationsreise im Oktober "
            "2025, die ebenfalls vom Deutsch-Französischen Bürgerfonds gefördert wurde.",
            "",
        ),
    ),
    "body": [
        {
            "type": "paragraph",
            "value": Paragraphs(
                T(
                    "Dieser Rückblick ist bisher nur auf Deutsch erschienen. Eine französische "
                    "Fassung folgt, sobald jemand aus unserem Redaktionsteam Zeit dafür findet.",
                    "",
                ),
            ),
        },
    ],
    "funding": ["buergerfonds"],
    "contact": "belk-contact",
}

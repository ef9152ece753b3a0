"""The partnership's fixed terms, for DeepL glossaries in both directions.

Each pair reads both ways. Where a term has several translations, the first
pair that names it decides its direction: "Partnerstadt" becomes "ville
jumelée", while "ville partenaire" still comes back as "Partnerstadt".
"""

TERMS = [
    ("Städtepartnerschaft", "jumelage"),
    ("Partnerstadt", "ville jumelée"),
    ("Partnerstadt", "ville partenaire"),
    ("Delegation", "délégation"),
    ("Delegationsreise", "voyage de la délégation"),
    ("bürgerschaftliches Engagement", "engagement citoyen"),
    ("Ehrenamt", "bénévolat"),
    ("Freiwilligenagentur", "centre du bénévolat"),
    ("Freiwilligenagentur", "agence du bénévolat"),
    ("Verein", "association"),
    ("Workshop", "atelier"),
    ("Werkstatt", "atelier"),
    ("Ausstellung", "exposition"),
    ("Vernissage", "vernissage"),
    ("Künstleraustausch", "échange d'artistes"),
    ("Förderung", "financement"),
    ("Bürgerfonds", "Fonds citoyen franco-allemand"),
    ("Ansprechpartner", "interlocuteur"),
    ("Ansprechpartnerin", "interlocutrice"),
    ("Anmeldung", "inscription"),
    ("Rundbrief", "lettre d'information"),
    ("Newsletter", "newsletter"),
    ("noch nicht übersetzt", "pas encore traduit"),
]


def entries(source_lang, target_lang):
    """``(source term, target term)`` pairs for one direction, each source term once."""
    if {source_lang, target_lang} != {"de", "fr"}:
        raise ValueError(f"No glossary from {source_lang} to {target_lang}")
    pairs = TERMS if source_lang == "de" else [(fr, de) for de, fr in TERMS]
    chosen = {}
    for source, target in pairs:
        chosen.setdefault(source, target)
    return list(chosen.items())

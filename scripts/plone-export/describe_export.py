"""Write CONTENTS.md for the Plone export fixture, from the export itself.

The importer's author needs to know what each item is there to test. The table is read
from the JSON files (so it cannot drift from them when build.sh regenerates the export);
only the "covers" notes below are written by hand. Standard library only.

Usage: python3 describe_export.py EXPORT_DIR  (writes EXPORT_DIR/CONTENTS.md)
"""

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

SITE = "/Plone"

# What each item is there for, by path below the site. Keep in step with build_site.py.
COVERS = {
    "/de": "language root folder (LRF) of German; maps onto the German home page",
    "/fr": "language root folder (LRF) of French; maps onto the French home page",
    "/de/assets": "PAM's language-independent folder (LIF) in the German root",
    "/fr/ressources": "PAM's language-independent folder (LIF) in the French root",
    "/de/assets/logo-partnerschaft.png": (
        "language-independent image (`language` null); PAM keeps a copy in every LIF, with "
        "the UID suffixed `-de`/`-fr`; used inline in both about pages"
    ),
    "/fr/ressources/logo-partnerschaft.png": (
        "PAM's French copy of the shared logo (UID `…-fr`); its translation group holds only "
        'this copy under the key `""`'
    ),
    "/de/partnerschaft": "folder with a default page (`ueber-uns`)",
    "/fr/jumelage": "folder with a default page (`a-propos`)",
    "/de/partnerschaft/ueber-uns": (
        "default page; h2/h3, list, inline image from the LIF, resolveuid links to a News "
        "Item and a File; tags"
    ),
    "/fr/jumelage/a-propos": "default page; ordered list, inline LIF image, resolveuid link; tags",
    "/de/partnerschaft/engagierte-stadt": (
        "German only; **broken link**: resolveuid to a page deleted before the export; "
        "inline image with scale `large`; tags"
    ),
    "/de/partnerschaft/vereinsforum": (
        "**renamed** (`vereinsforum-alt` → `vereinsforum`) and **moved** out of `aktuelles`: "
        "two old paths in redirects.json; a `<table>`, an inline `style` and a mailto link "
        "(HTML Wagtail's rich text cannot hold)"
    ),
    "/de/partnerschaft/netzwerk": "external Link",
    "/fr/jumelage/reseau": "external Link (translation of `netzwerk`)",
    "/fr/jumelage/lire-le-compte-rendu": (
        "French only; **internal Link**: stored as `${portal_url}/resolveuid/<UID>`, exported "
        "as the target's absolute URL"
    ),
    "/de/aktuelles/delegationsreise-les-ulis": (
        "lead image + caption, inline image, resolveuid links to an Event and a Document, "
        "tags, relatedItems (relations.json)"
    ),
    "/fr/actualites/delegation-naumburg-aux-ulis": (
        "lead image; inline images: its own translated image **and the German-only** "
        "`delegation-les-ulis.jpg` (scale `mini`)"
    ),
    "/fr/actualites/fonds-citoyen-2022": (
        "**written in French first** (created 7 days before its German translation)"
    ),
    "/de/aktuelles/buergerfonds-2022": "German translation of a French original",
    "/de/aktuelles/ue60-aktiv": (
        "German only, **pending** (submitted for review); moved to the top of its folder"
    ),
    "/fr/actualites/echange-artistes": "French only, **private** (never published)",
    "/de/aktuelles/vereinsmesse-2024": "German only; `expires` in the past (2024-07-01)",
    "/de/intern": (
        "German only, **private** folder; local role Reader for the group `vorstand`; empty"
    ),
    "/de/termine/workshop-hildesheim-2025": (
        "Event with times (10:00–16:30 Europe/Berlin, exported in UTC), location, event_url, "
        "contact name/e-mail/phone, attendees, tags"
    ),
    "/fr/agenda/atelier-hildesheim-2025": "translation of the Hildesheim workshop",
    "/de/termine/workshop-foerdermoeglichkeiten": "German only; `whole_day` Event, one day",
    "/fr/agenda/voyage-delegation-2025": (
        "French only; `whole_day` Event over four days (Europe/Paris), contact e-mail only"
    ),
    "/de/termine/alle-termine": "German only; Collection (query on Event below `..`)",
    "/de/medien": "folder of German media",
    "/fr/medias": "folder of French media",
    "/de/medien/fotoausstellung.png": "PNG 8×8, translated (French image is its own blob)",
    "/fr/medias/exposition-photo.png": "PNG 8×8, translation of `fotoausstellung.png`",
    "/de/medien/delegation-les-ulis.jpg": (
        "German-only JPEG 8×8, shown inline in the German `engagierte-stadt` and in a **French** "
        "News Item"
    ),
    "/de/medien/programm-delegation-2025.pdf": "PDF file (a real one-page PDF), translated",
    "/fr/medias/programme-delegation-2025.pdf": "PDF file, translation of the German programme",
    "/fr/medias/inscription-atelier.txt": "French only; text/plain file",
}


def load(directory, name):
    return json.loads((directory / name).read_text(encoding="utf-8"))


def short(path):
    return path[len(SITE) :] if path.startswith(SITE) else path


def main(directory):
    content = load(directory, "content.json")
    translations = load(directory, "translations.json")
    path_of = {item["UID"]: short(item["@id"].split(":8080", 1)[-1]) for item in content}
    partners = {}
    for number, group in enumerate(translations, start=1):
        for language, uid in group.items():
            others = [path_of.get(u, u) for lang, u in group.items() if lang != language]
            partners[uid] = (number, others)

    lines = [
        "# Plone export fixture: what is in it",
        "",
        "A real export of a Plone 6.2.2 site with plone.app.multilingual 9 (German and French),",
        "made by collective.exportimport 1.16's own views. **Do not edit these JSON files**:",
        "regenerate them with `scripts/plone-export/build.sh` (see its README.md). This file is",
        "written by `scripts/plone-export/describe_export.py` from the export.",
        "",
        "## Files",
        "",
        "| file | view | what it holds |",
        "|---|---|---|",
        "| content.json | @@export_content | every item (types: LRF, LIF, Folder, Document, News "
        "Item, Event, Image, File, Link, Collection), ordered by path; blobs inline as base64; "
        "`migration` on (relation fields dropped, see relations.json) |",
        "| translations.json | @@export_translations | one `{language: UID}` object per PAM "
        "translation group of two or more items |",
        "| redirects.json | @@export_redirects | plone.app.redirector: old path → current path |",
        "| defaultpages.json | @@export_defaultpages | folder UID → its default page |",
        "| ordering.json | @@export_ordering | position of each item in its folder |",
        "| relations.json | @@export_relations | relatedItems |",
        "| members.json | @@export_members | groups and members (example.org addresses; the "
        "passwords are fixture-only SSHA hashes); not to be imported as logins |",
        "| localroles.json | @@export_localroles | local roles per UID |",
        "| portlets.json | @@export_portlets | Plone's default site portlets only |",
        "",
        "URLs in the export (`@id`, `parent.@id`, resolved Links) start with "
        "`http://localhost:8080/Plone`, as from an instance exported on its own port. "
        "Dates are UTC; the site's zone was Europe/Berlin. UIDs, translation groups and dates "
        "are fixed by the build script, so a rebuild gives the same files.",
        "",
        "## Items",
        "",
        "Paths are below `/Plone`. *Group* is the item's number in translations.json and its "
        "partner; *single* means no translation. Images and Files have no workflow "
        "(`review_state` null).",
        "",
        "| path | type | lang | state | created (UTC) | group | covers |",
        "|---|---|---|---|---|---|---|",
    ]
    for item in content:
        path = short(item["@id"].split(":8080", 1)[-1])
        if item["UID"] in partners:
            number, others = partners[item["UID"]]
            group = f"{number}: " + ", ".join(f"`{o}`" for o in others) if others else f"{number}"
        else:
            group = "single"
        lines.append(
            f"| `{path}` | {item['@type']} | {item.get('language') or '–'} | "
            f"{item.get('review_state') or '–'} | {item['created'][:16].replace('T', ' ')} | "
            f"{group} | {COVERS.get(path, '')} |"
        )

    uids_in_text = defaultdict(list)
    for item in content:
        html = (item.get("text") or {}).get("data") or ""
        for uid in re.findall(r"resolveuid/([0-9a-f]{32}(?:-\w+)?)", html):
            uids_in_text[uid].append(short(item["@id"].split(":8080", 1)[-1]))
    missing = {uid: where for uid, where in uids_in_text.items() if uid not in path_of}
    lines += ["", "## Links in rich text that point nowhere", ""]
    for uid, where in sorted(missing.items()):
        lines.append(f"- `resolveuid/{uid}` in " + ", ".join(f"`{w}`" for w in where))

    lines += ["", "## Redirects", ""]
    for old, new in sorted(load(directory, "redirects.json").items()):
        lines.append(f"- `{old}` → `{new}`")
    lines += ["", "## Default pages", ""]
    for entry in load(directory, "defaultpages.json"):
        lines.append(f"- `{path_of[entry['uuid']]}` shows `{entry['default_page']}`")
    lines += ["", "## Relations", ""]
    for rel in load(directory, "relations.json"):
        lines.append(
            f"- `{path_of[rel['from_uuid']]}` {rel['relationship']} `{path_of[rel['to_uuid']]}`"
        )
    lines += ["", "## Local roles beyond Owner", ""]
    for entry in load(directory, "localroles.json"):
        roles = {p: r for p, r in entry.get("localroles", {}).items() if r != ["Owner"]}
        if roles:
            where = path_of.get(entry["uuid"], entry["uuid"])
            lines.append(
                f"- `{where}`: " + ", ".join(f"{p} {'/'.join(r)}" for p, r in roles.items())
            )

    lines += ["", "## Keys of one item of each type", ""]
    seen = set()
    for item in content:
        if item["@type"] in seen:
            continue
        seen.add(item["@type"])
        lines.append(f"- **{item['@type']}** (`{short(item['@id'].split(':8080', 1)[-1])}`): ")
        lines[-1] += ", ".join(f"`{key}`" for key in sorted(item))

    lines += [
        "",
        "## Quirks of a real PAM export the importer must handle",
        "",
        "- translations.json has no order: the original of a group is the member with the "
        "earliest `created` (the French-first pair shows it).",
        "- The language root folders `/de` and `/fr` are a translation group too.",
        "- A language-independent item sits once per LIF (`/de/assets/…`, `/fr/ressources/…`) "
        "with UIDs `<uid>-de` and `<uid>-fr` (PAM's IUUID adds the root folder's id); rich "
        "text refers to the copy of its own language (`resolveuid/<uid>-de`). Its translation "
        'group is `{"": "<uid>-fr"}` (both copies have language `""`, so the export keeps '
        "one).",
        "- Rich text is raw (`resolveuid/<UID>` and `resolveuid/<UID>/@@images/image/<scale>`),"
        " `text.content-type` text/html.",
        "- `image` (lead image of News Items, blob of Images) and `file` are "
        "`{data, encoding: base64, filename, content-type}`.",
        "- Event `start`/`end` are UTC; whole-day events run from 00:00 to 23:59:59 local time.",
        "- `workflow_history` lists each transition; Images and Files have none.",
        "- `parent` carries the parent's `@id`, `@type` and `UID`.",
        "",
    ]
    (directory / "CONTENTS.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

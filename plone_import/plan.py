"""The dry run: what each Plone item becomes, in the order the import takes them.

Nothing here writes. The import follows the same plan.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plone_import.reader import LANGUAGE_ROOT
from plone_import.richtext import RESOLVEUID_ANYWHERE

PAGE_KINDS = {"section", "standard", "workshop"}
ASSET_KINDS = {"image", "document"}

SKIP_REASONS = {
    "Collection": lambda: _(
        "a Collection is a saved search; the section pages list their pages themselves"
    ),
}


@dataclass
class PlannedItem:
    item: dict
    path: str
    language: str  # the item's own language; "" for language-independent files
    locale: str  # the language tree it goes into
    kind: str  # the rule's page_type
    parent: str  # the rule's parent
    rule: str
    group: int | None = None
    skip: str | None = None
    notes: list = field(default_factory=list)

    @property
    def uid(self):
        return self.item["UID"]

    @property
    def plone_type(self):
        return self.item["@type"]

    @property
    def depth(self):
        return self.path.count("/")


@dataclass
class Plan:
    export: object
    mapping: object
    items: list
    groups: list  # each: {language: PlannedItem}
    dangling: list  # (path, uid)
    invalid: list

    def counts(self):
        return Counter((p.plone_type, p.language or "–") for p in self.items)

    def by_uid(self):
        return {p.uid: p for p in self.items}

    def ordered(self):
        """Files first (pages show them), then pages parents first, each group's original first,
        then the Links (their redirects may lead to pages)."""
        created = {p.uid: p.item.get("created") or "" for p in self.items}
        group_start = {}
        for number, members in enumerate(self.groups):
            start = min(created[m.uid] for m in members.values())
            for member in members.values():
                group_start[member.uid] = (start, number)

        def key(p):
            stage = 0 if p.kind in ASSET_KINDS else 2 if p.kind == "redirect" else 1
            start = group_start.get(p.uid, (created[p.uid], -1))
            return (stage, p.depth if stage == 1 else 0, start, created[p.uid], p.path)

        return sorted(self.items, key=key)


def _language_roots(export):
    return {
        export.path_of(item): item.get("language") or item["id"]
        for item in export.items
        if item["@type"] == LANGUAGE_ROOT
    }


def _tree_language(path, roots):
    first = "/" + path.strip("/").split("/")[0]
    return roots.get(first, "")


def make_plan(export, mapping, languages):
    """``languages``: the language codes the site has a home page for."""
    roots = _language_roots(export)
    planned = []
    for item in export.items:
        path = export.path_of(item)
        language = item.get("language") or ""
        locale = language or _tree_language(path, roots)
        rule = mapping.rule_for(item, path)
        if rule is None:
            planned.append(
                PlannedItem(
                    item,
                    path,
                    language,
                    locale,
                    "skip",
                    "",
                    "",
                    skip=_("unknown type “%(type)s”: the mapping file says nothing about it")
                    % {"type": item["@type"]},
                )
            )
            continue
        entry = PlannedItem(item, path, language, locale, rule.page_type, rule.parent, rule.source)
        if rule.page_type == "skip":
            entry.skip = SKIP_REASONS.get(item["@type"], lambda: _("the mapping skips it"))()
        elif rule.page_type == "assets":
            entry.skip = _(
                "a folder of language-independent files: its files are imported, it is no page"
            )
        elif rule.page_type == "home":
            if locale not in languages:
                entry.skip = _("the site has no home page in “%(language)s”") % {"language": locale}
            else:
                entry.skip = _(
                    "its content goes beneath the existing home page of its language, "
                    "which stays as it is"
                )
        elif (
            rule.page_type in PAGE_KINDS or rule.page_type == "redirect"
        ) and locale not in languages:
            entry.skip = _("the site has no language “%(language)s”") % {"language": locale or "–"}
        planned.append(entry)

    by_uid = {p.uid: p for p in planned}
    children = {}
    for entry in planned:
        parent = entry.item.get("parent")
        if isinstance(parent, dict):
            children.setdefault(parent.get("UID"), []).append(entry)
    for entry in planned:
        inside = children.get(entry.uid, [])
        if entry.kind == "section" and inside and all(c.kind in ASSET_KINDS for c in inside):
            entry.kind = "assets"
            entry.skip = _(
                "it holds only images and files: they are imported, the folder is no page"
            )
    for entry in planned:
        if entry.skip or entry.kind not in PAGE_KINDS or entry.parent != "inherit":
            continue
        parent = entry.item.get("parent") or {}
        parent_uid = parent.get("UID") if isinstance(parent, dict) else None
        above = by_uid.get(parent_uid)
        if above is None:
            entry.skip = _("its parent %(parent)s is not in the export") % {
                "parent": export.path_of(parent.get("@id", "?"))
                if isinstance(parent, dict)
                else "?"
            }
    # Pages beneath a skipped page are skipped too (repeat: skips travel down).
    changed = True
    while changed:
        changed = False
        for entry in planned:
            if entry.skip or entry.kind not in PAGE_KINDS or entry.parent != "inherit":
                continue
            above = by_uid.get((entry.item.get("parent") or {}).get("UID"))
            if above and above.skip and above.kind not in ("home", "assets"):
                entry.skip = _("its parent %(parent)s is not imported") % {"parent": above.path}
                changed = True
            elif above and above.kind not in PAGE_KINDS | {"home", "assets"} and not above.skip:
                entry.skip = _("its parent %(parent)s does not become a page") % {
                    "parent": above.path
                }
                changed = True

    groups = []
    for members in export.translations:
        if not isinstance(members, dict):
            continue
        found = {lang: by_uid[uid] for lang, uid in members.items() if uid in by_uid}
        if not found:
            continue
        number = len(groups)
        for member in found.values():
            member.group = number
        groups.append(found)

    dangling = []
    for entry in planned:
        text = entry.item.get("text")
        html = text.get("data", "") if isinstance(text, dict) else text or ""
        for uid in dict.fromkeys(RESOLVEUID_ANYWHERE.findall(html or "")):
            if uid not in export.by_uid:
                dangling.append((entry.path, uid))
    return Plan(export, mapping, planned, groups, dangling, export.invalid)


def describe(plan, write):
    """The plan in words, for --dry-run."""
    write(
        _("Plone site: %(url)s, %(count)s items")
        % {"url": plan.export.site_url, "count": len(plan.items)}
    )
    write("")
    write(_("Items by type and language:"))
    for (plone_type, language), count in sorted(plan.counts().items()):
        write(f"  {plone_type:<12} {language:<3} {count}")
    write("")
    write(_("What each item becomes:"))
    for entry in plan.ordered():
        if entry.skip:
            write(
                "  "
                + _("%(path)s (%(type)s): skipped, %(reason)s")
                % {"path": entry.path, "type": entry.plone_type, "reason": entry.skip}
            )
        else:
            write(
                "  "
                + _("%(path)s (%(type)s) → %(target)s")
                % {"path": entry.path, "type": entry.plone_type, "target": target_label(entry)}
            )
    for label, message in plan.invalid:
        write("  " + _("%(item)s: skipped, %(reason)s") % {"item": label, "reason": message})
    write("")
    write(_("Translation groups: %(count)s") % {"count": len(plan.groups)})
    for members in plan.groups:
        write("  " + " ↔ ".join(f"{lang or '–'}: {m.path}" for lang, m in sorted(members.items())))
    write("")
    write(_("Links that point nowhere: %(count)s") % {"count": len(plan.dangling)})
    for path, uid in plan.dangling:
        write(f"  {path}: resolveuid/{uid}")
    for note in not_imported(plan.export):
        write(note)


def target_label(entry):
    labels = {
        "section": _("section page"),
        "standard": _("standard page"),
        "workshop": _("workshop"),
        "image": _("image"),
        "document": _("document"),
        "redirect": _("redirect"),
    }
    where = {
        "inherit": _("beneath its folder"),
        "home": _("beneath the home page"),
        "workshops": _("in the workshop index"),
    }.get(entry.parent, entry.parent)
    label = labels.get(entry.kind, entry.kind)
    if entry.kind in PAGE_KINDS:
        return f"{label} ({entry.locale}), {where}"
    if entry.kind in ASSET_KINDS:
        return _("%(kind)s in the collection of “%(language)s”") % {
            "kind": label,
            "language": entry.language or _("both languages"),
        }
    return label


def not_imported(export):
    notes = []
    if export.members:
        notes.append(_("Members and groups (members.json) are not imported as logins."))
    if export.local_roles:
        notes.append(
            _("Local roles (localroles.json) are not imported: give permissions in Wagtail.")
        )
    if export.relations:
        notes.append(
            _("Related items (relations.json, %(count)s) are not imported.")
            % {"count": len(export.relations)}
        )
    return notes

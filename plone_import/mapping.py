"""Where Plone content goes: a small TOML file of rules by path prefix and by type.

A rule names what an item becomes (``page_type``) and where it goes
(``parent``). Path rules win over type rules; the longest matching prefix wins.

page_type: ``home`` (onto the locale's existing home page), ``section``,
``standard``, ``workshop``, ``image``, ``document``, ``redirect`` (an old path
that forwards to where the Plone Link pointed), ``assets`` (a folder of
language-independent files: no page), ``skip``.

parent: ``inherit`` (the page its Plone folder became), ``home`` (the home page
of its language), ``workshops`` (its language's workshop index), or
``slug:<slug>`` (the page with that slug in its language's tree).
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from plone_import.reader import ExportError

PAGE_TYPES = {
    "home",
    "section",
    "standard",
    "workshop",
    "image",
    "document",
    "redirect",
    "assets",
    "skip",
}
PARENTS = {"inherit", "home", "workshops"}

DEFAULT_TYPES = {
    "LRF": {"page_type": "home"},
    "LIF": {"page_type": "assets"},
    "Plone Site": {"page_type": "skip"},
    "Folder": {"page_type": "section"},
    "Document": {"page_type": "standard"},
    "News Item": {"page_type": "standard"},
    "Event": {"page_type": "workshop", "parent": "workshops"},
    "Image": {"page_type": "image"},
    "File": {"page_type": "document"},
    "Link": {"page_type": "redirect"},
    "Collection": {"page_type": "skip"},
}


@dataclass(frozen=True)
class Rule:
    page_type: str
    parent: str = "inherit"
    source: str = ""


class Mapping:
    def __init__(self, types=None, paths=None, collections=None):
        self.collections = collections or {}
        self.types = {
            name: Rule(**spec, source=f"type {name}") for name, spec in DEFAULT_TYPES.items()
        }
        self.types.update(types or {})
        self.paths = sorted(paths or [], key=lambda pair: len(pair[0]), reverse=True)

    def rule_for(self, item, path):
        for prefix, rule in self.paths:
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return rule
        return self.types.get(item["@type"])


def _rule(spec, where):
    if not isinstance(spec, dict) or "page_type" not in spec:
        raise ExportError(_("%(where)s in the mapping file needs a page_type.") % {"where": where})
    page_type = spec["page_type"]
    parent = spec.get("parent", "inherit")
    if page_type not in PAGE_TYPES:
        raise ExportError(
            _("%(where)s: unknown page_type “%(value)s” (one of %(choices)s).")
            % {"where": where, "value": page_type, "choices": ", ".join(sorted(PAGE_TYPES))}
        )
    if parent not in PARENTS and not parent.startswith("slug:"):
        raise ExportError(
            _("%(where)s: unknown parent “%(value)s” (inherit, home, workshops or slug:…).")
            % {"where": where, "value": parent}
        )
    return Rule(page_type=page_type, parent=parent, source=where)


def load_mapping(path=None):
    """The default mapping, with the rules of the TOML file at ``path`` on top."""
    if path is None:
        return Mapping()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ExportError(
            _("The mapping file %(file)s cannot be read: %(error)s")
            % {"file": path.name, "error": error}
        ) from error
    types = {name: _rule(spec, f"types.{name}") for name, spec in (data.get("types") or {}).items()}
    paths = []
    for number, spec in enumerate(data.get("paths") or [], start=1):
        where = f"paths #{number}"
        if not isinstance(spec, dict) or not str(spec.get("prefix", "")).startswith("/"):
            raise ExportError(_("%(where)s needs a prefix starting with /.") % {"where": where})
        paths.append((spec["prefix"], _rule(spec, where)))
    collections = data.get("collections") or {}
    if not all(isinstance(name, str) for name in collections.values()):
        raise ExportError(_("[collections] in the mapping file names collections by language."))
    return Mapping(types, paths, collections)

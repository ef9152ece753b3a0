"""Read a collective.exportimport export: its JSON files, checked before anything is written."""

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

# Plone's container types: their children carry their path below them.
LANGUAGE_ROOT = "LRF"
LANGUAGE_INDEPENDENT = "LIF"


class ExportError(Exception):
    """The export cannot be read at all: nothing is imported."""


class ItemError(Exception):
    """One item cannot be imported; the others can."""


@dataclass
class Export:
    directory: Path
    items: list
    translations: list = field(default_factory=list)
    redirects: dict = field(default_factory=dict)
    default_pages: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    members: dict = field(default_factory=dict)
    local_roles: list = field(default_factory=list)
    invalid: list = field(default_factory=list)  # (label, message) of items that are not items
    site_url: str = ""

    def __post_init__(self):
        self.by_uid = {item["UID"]: item for item in self.items}
        self.by_path = {self.path_of(item): item for item in self.items}

    def path_of(self, item_or_url):
        """The item's path below the Plone site, for example ``/de/aktuelles``."""
        url = item_or_url if isinstance(item_or_url, str) else item_or_url["@id"]
        if self.site_url and url.startswith(self.site_url):
            return url[len(self.site_url) :] or "/"
        return url

    def site_path(self):
        """The Plone site's own path in its URLs, for example ``/Plone``."""
        rest = self.site_url.split("://", 1)[-1]
        return "/" + rest.split("/", 1)[1] if "/" in rest else ""


def load_json(path):
    """The parsed file, or an ExportError that names it and says where it breaks."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(
            _("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExportError(
            _(
                "%(file)s is not valid JSON (line %(line)s, column %(column)s: %(error)s). "
                "Is it truncated? Export it again; nothing was imported."
            )
            % {"file": path.name, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error


def _optional(directory, name, kind):
    path = directory / name
    if not path.exists():
        return kind()
    data = load_json(path)
    if not isinstance(data, kind):
        raise ExportError(
            _("%(file)s does not hold what collective.exportimport writes there.") % {"file": name}
        )
    return data


def content_files(directory):
    """content.json, or the numbered files of an export split into several."""
    files = sorted(directory.glob("content*.json"))
    if not files:
        raise ExportError(
            _("%(directory)s holds no content.json: is it the directory of an export?")
            % {"directory": directory}
        )
    return files


def read_export(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise ExportError(_("%(directory)s is not a directory.") % {"directory": directory})
    items, invalid = [], []
    for path in content_files(directory):
        data = load_json(path)
        if not isinstance(data, list):
            raise ExportError(_("%(file)s should hold a list of items.") % {"file": path.name})
        for number, item in enumerate(data, start=1):
            label = f"{path.name} #{number}"
            if not isinstance(item, dict):
                invalid.append((label, _("not an item")))
                continue
            missing = [key for key in ("@id", "@type", "UID") if not item.get(key)]
            if missing:
                name = item.get("@id") or label
                invalid.append((name, _("has no %(keys)s") % {"keys": ", ".join(missing)}))
                continue
            items.append(item)
    export = Export(
        directory=directory,
        items=items,
        translations=_optional(directory, "translations.json", list),
        redirects=_optional(directory, "redirects.json", dict),
        default_pages=_optional(directory, "defaultpages.json", list),
        relations=_optional(directory, "relations.json", list),
        members=_optional(directory, "members.json", dict),
        local_roles=_optional(directory, "localroles.json", list),
        invalid=invalid,
        site_url=site_url(items),
    )
    return export


def site_url(items):
    """The Plone site's URL: the parent of the language root folders, else the shortest parent."""
    for item in items:
        if item["@type"] == LANGUAGE_ROOT and isinstance(item.get("parent"), dict):
            return item["parent"].get("@id", "").rstrip("/")
    parents = [item["parent"]["@id"] for item in items if isinstance(item.get("parent"), dict)]
    return min(parents, key=len).rstrip("/") if parents else ""


def blob_bytes(export, item, key):
    """The bytes of the item's image or file, checked against the size the export gives."""
    blob = item.get(key)
    if not isinstance(blob, dict):
        raise ItemError(_("it has no %(key)s") % {"key": key})
    if blob.get("blob_path"):
        path = export.directory / blob["blob_path"]
        if not path.is_file():
            path = export.directory / "blobstorage" / blob["blob_path"]
        if not path.is_file():
            raise ItemError(
                _("its file %(path)s is missing from the export") % {"path": blob["blob_path"]}
            )
        data = path.read_bytes()
    elif "data" in blob:
        encoding = blob.get("encoding") or "base64"
        if encoding != "base64":
            raise ItemError(_("its file is encoded as %(encoding)s") % {"encoding": encoding})
        try:
            data = base64.b64decode(blob["data"] or "", validate=True)
        except (binascii.Error, ValueError) as error:
            raise ItemError(_("its file is not valid base64")) from error
    else:
        raise ItemError(_("its file is missing from the export"))
    if not data:
        raise ItemError(_("its file is empty"))
    size = blob.get("size")
    if size is not None and int(size) != len(data):
        raise ItemError(
            _("its file has %(found)s bytes where the export says %(expected)s")
            % {"found": len(data), "expected": size}
        )
    return data, blob.get("filename") or item.get("id") or "file", blob.get("content-type", "")

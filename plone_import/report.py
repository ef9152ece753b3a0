"""What the import did, item by item: in the terminal and as a JSON file."""

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

CREATED, UPDATED, UNCHANGED, BOTH, SKIPPED, FAILED = (
    "created",
    "updated",
    "unchanged",
    "changed_on_both_sides",
    "skipped",
    "failed",
)


def outcome_labels():
    return {
        CREATED: _("created"),
        UPDATED: _("updated"),
        UNCHANGED: _("unchanged"),
        BOTH: _("changed on both sides, not overwritten"),
        SKIPPED: _("skipped"),
        FAILED: _("failed"),
    }


@dataclass
class Entry:
    path: str
    plone_type: str
    language: str
    outcome: str
    target: str = ""
    url: str = ""
    messages: list = field(default_factory=list)


@dataclass
class Report:
    entries: list = field(default_factory=list)
    translation_groups: list = field(default_factory=list)
    dangling_links: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def add(self, entry):
        self.entries.append(entry)
        return entry

    def counts(self):
        return Counter(entry.outcome for entry in self.entries)

    def entry(self, path):
        return next(entry for entry in self.entries if entry.path == path)

    def as_dict(self):
        return {
            "counts": dict(self.counts()),
            "items": [asdict(entry) for entry in self.entries],
            "translation_groups": self.translation_groups,
            "dangling_links": self.dangling_links,
            "notes": self.notes,
        }

    def write_json(self, path):
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")

    def write_text(self, write):
        labels = outcome_labels()
        for entry in self.entries:
            if entry.outcome in (UNCHANGED,) and not entry.messages:
                continue
            line = f"{entry.path} ({entry.plone_type}): {labels[entry.outcome]}"
            if entry.target:
                line += f" → {entry.target}"
            write(line)
            for message in entry.messages:
                write(f"    {message}")
        for note in self.notes:
            write(note)
        counts = self.counts()
        write(
            _(
                "Created %(created)s, updated %(updated)s, unchanged %(unchanged)s, "
                "changed on both sides %(both)s, skipped %(skipped)s, failed %(failed)s."
            )
            % {
                "created": counts[CREATED],
                "updated": counts[UPDATED],
                "unchanged": counts[UNCHANGED],
                "both": counts[BOTH],
                "skipped": counts[SKIPPED],
                "failed": counts[FAILED],
            }
        )


def progress(write, done, total, width=30):
    """A plain progress bar on stdout."""
    filled = width * done // total if total else width
    write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")

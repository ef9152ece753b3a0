"""Bilingual demo text: every string is written once, as a German/French pair.

The demo builds the source page from one language and hands the other
language to wagtail-localize as string translations, so each pair must be the
same text the editor would see as a segment in the translation editor.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    de: str
    fr: str

    def __getitem__(self, language):
        return getattr(self, language)


@dataclass(frozen=True)
class Paragraphs:
    """Rich text of paragraphs (``T``) and lists (``Bullets``); each becomes a segment."""

    texts: tuple

    def __init__(self, *texts):
        object.__setattr__(self, "texts", texts)

    def __getitem__(self, language):
        return "".join(
            text[language] if isinstance(text, Bullets) else f"<p>{text[language]}</p>"
            for text in self.texts
        )


@dataclass(frozen=True)
class Bullets:
    """A bulleted list in rich text; each item becomes its own segment."""

    items: tuple

    def __init__(self, *items):
        object.__setattr__(self, "items", items)

    def __getitem__(self, language):
        return "<ul>" + "".join(f"<li>{item[language]}</li>" for item in self.items) + "</ul>"


def pick(value, language):
    """Resolve every ``T`` inside a nested structure to one language."""
    if isinstance(value, T | Paragraphs | Bullets):
        return value[language]
    if isinstance(value, dict):
        return {key: pick(item, language) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(pick(item, language) for item in value)
    return value


def pairs(value, source, target):
    """Map each source-language string in ``value`` to its translation."""
    found = {}
    if isinstance(value, T):
        found[value[source]] = value[target]
    elif isinstance(value, Paragraphs):
        for text in value.texts:
            found.update(pairs(text, source, target))
    elif isinstance(value, Bullets):
        for item in value.items:
            found[item[source]] = item[target]
    elif isinstance(value, dict):
        for item in value.values():
            found.update(pairs(item, source, target))
    elif isinstance(value, list | tuple):
        for item in value:
            found.update(pairs(item, source, target))
    return found

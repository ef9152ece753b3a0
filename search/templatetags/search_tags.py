import re

from django import template
from django.utils.html import escape, mark_safe

register = template.Library()

WORD = re.compile(r"\w+", re.UNICODE)
EXCERPT_WORDS = 40


def _stems(query):
    """Word beginnings to mark: close enough to what the search backend stemmed."""
    return {word.lower()[: max(4, len(word) - 3)] for word in WORD.findall(query) if len(word) > 2}


@register.filter
def highlight(text, query):
    """An excerpt of ``text`` around the first match, with matching words in <mark>."""
    words = (text or "").split()
    stems = _stems(query or "")
    if not words:
        return ""

    def matches(word):
        return any(token.startswith(stem) for token in WORD.findall(word.lower()) for stem in stems)

    first = next((i for i, word in enumerate(words) if matches(word)), 0)
    start = max(0, first - EXCERPT_WORDS // 3)
    window = words[start : start + EXCERPT_WORDS]
    parts = [f"<mark>{escape(w)}</mark>" if matches(w) else escape(w) for w in window]
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(words) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # noqa: S308 - every word is escaped


@register.simple_tag
def excerpt(page, query):
    """The text that best describes a search result, highlighted."""
    text = getattr(page, "summary", "") or page.search_description or getattr(page, "hero_text", "")
    return highlight(text, query)

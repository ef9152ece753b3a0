"""How an easy-read page says how long its sign-language video is."""

from django import template
from django.utils.translation import gettext, ngettext

register = template.Library()


def _parts(duration):
    seconds = max(int(duration.total_seconds()), 0)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return hours, minutes, seconds


@register.filter
def duration_in_words(duration):
    """ "3 minutes and 20 seconds", in the visitor's language, without abbreviations."""
    if duration is None:
        return ""
    hours, minutes, seconds = _parts(duration)
    words = []
    if hours:
        words.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if minutes:
        words.append(
            ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        )
    if seconds or not words:
        words.append(
            ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
        )
    if len(words) == 1:
        return words[0]
    return gettext("%(first)s and %(last)s") % {
        "first": ", ".join(words[:-1]),
        "last": words[-1],
    }


@register.filter
def iso_duration(duration):
    """The length as ISO 8601 (PT3M20S), for ``<time datetime>``."""
    if duration is None:
        return ""
    hours, minutes, seconds = _parts(duration)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if seconds or text == "PT":
        text += f"{seconds}S"
    return text

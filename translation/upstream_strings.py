"""Wagtail's and wagtail-localize's words that this project translates itself.

Django looks a message up in ``LOCALE_PATHS`` (``locale/``) before any app's
catalogue, so an entry in our ``django.po`` replaces the upstream translation.
The upstream French calls languages "régions" ("Locale" is a language here,
never a region), the German leaves "Locale" in English and writes "PO Datei",
one French plural reads "Pages crées", and wagtail-localize's French says
"publié(e) en Français". The messages are listed here so that
``makemessages`` keeps them in our catalogues; nothing calls ``catalogue()``.

The translation editor's own words come from wagtail-localize's JavaScript
catalogue; ours is ``locale/<language>/LC_MESSAGES/djangojs.po``, kept by
hand because makemessages would drop entries that no script of ours uses
("Publish in " is "Publier dans", without the space, upstream).

Two fixes are not words in a catalogue:

- ``localized_comment`` replaces ``StringTranslation.get_comment``, which
  writes the date with ``strftime`` and so in English ("Traduit avec DeepL le
  1 December 2026"); ours formats it in the admin language.
- a few words the editor's compiled bundle writes without gettext ("More
  actions", "Français to Deutsch translation") are put right by
  ``translation/static/translation/js/editor_words.js``, loaded on the
  translation editor's page only.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from wagtail_localize.models import StringTranslation

from translation.memory import is_from_memory, machine_of


def catalogue(n=1):  # pragma: no cover - read by makemessages only
    return [
        # wagtail (core, admin)
        _("Locale"),
        _("locale"),
        _("Locale: "),
        _("Switch locales"),
        _("Available in %(translations_total)s locales") % {"translations_total": n},
        ngettext(
            '%(total)s Page <span class="w-sr-only">created in %(site_name)s</span>',
            '%(total)s Pages <span class="w-sr-only">created in %(site_name)s</span>',
            n,
        ),
        # wagtail-localize
        _("Locales"),
        _("{} locales"),
        _("Published '{object}' in {locale}."),
        _("Published '{object}' in {locale} with missing translations - see below."),
        _("All child pages will be created."),
        _("Please upload a valid PO file."),
        _("Cannot import PO file that was created for a different translation."),
        _("Successfully imported translations from PO File."),
        _("Translated with {tool_name} on {date}"),
        _("Translated manually on {date}"),
        _("Machine translated on {date}"),
        # the editor's bundle, words it writes without gettext (editor_words.js)
        _("More actions"),
        pgettext("translation editor heading", "%(source)s to %(target)s translation"),
    ]


def localized_comment(self):
    """``StringTranslation.get_comment`` with the date in the active (admin) language."""
    date = date_format(timezone.localtime(self.updated_at), "DATE_FORMAT")
    if is_from_memory(self.tool_name):
        machine = machine_of(self.tool_name)
        if machine:
            text = _("Machine translation ({tool_name}) from the translation memory, {date}")
            return text.format(tool_name=machine, date=date)
        return _("From the translation memory, {date}").format(date=date)
    if self.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=self.tool_name, date=date
        )
    if self.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if self.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install():
    StringTranslation.get_comment = localized_comment

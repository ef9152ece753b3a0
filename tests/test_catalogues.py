"""Every visible string has a German and a French translation, compiled."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


# djangojs: the translation editor's words we translate ourselves (translation/upstream_strings.py).
DOMAINS = ["django", "djangojs"]


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", ["de", "fr"])
def test_catalogue_is_complete(language, domain):
    po = polib.pofile(LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po")
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.percent_translated() == 100


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", ["de", "fr"])
def test_compiled_catalogue_matches_the_source(language, domain):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = polib.pofile(folder / f"{domain}.po")
    mo = polib.mofile(folder / f"{domain}.mo")

    def messages(catalogue):
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr or tuple(entry.msgstr_plural.values())
            for entry in catalogue
            if entry.msgid and not entry.obsolete
        }

    assert messages(mo) == messages(po), "run `make messages` and commit the .mo files"

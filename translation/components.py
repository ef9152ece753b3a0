"""The dashboard panel: what is waiting for each editor's languages."""

from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from translation.permissions import language_name, writable_locale_ids
from translation.status import (
    ALL_PAGES,
    ALL_SNIPPETS,
    NEEDS_VERSION,
    PAGES,
    SNIPPETS,
    Status,
    build_board,
)
from translation.views.board import board_url


def _lines(board, locale):
    """(text, filtered board URL) for each kind of work waiting in ``locale``."""
    names = {"language": language_name(locale)}
    code = locale.language_code
    needs = sorted(NEEDS_VERSION)
    checks = [
        (
            board.count(locale.pk, NEEDS_VERSION, PAGES),
            lambda n: ngettext(
                "%(count)s page needs a version in %(language)s",
                "%(count)s pages need a version in %(language)s",
                n,
            ),
            {"section": ALL_PAGES, "status": needs},
        ),
        (
            board.count(locale.pk, NEEDS_VERSION, SNIPPETS),
            lambda n: ngettext(
                "%(count)s record needs a version in %(language)s",
                "%(count)s records need a version in %(language)s",
                n,
            ),
            {"section": ALL_SNIPPETS, "status": needs},
        ),
        (
            board.count(locale.pk, [Status.OUTDATED]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is out of date",
                "%(count)s versions in %(language)s are out of date",
                n,
            ),
            {"status": [Status.OUTDATED]},
        ),
        (
            board.count(locale.pk, [Status.IN_PROGRESS]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is being translated",
                "%(count)s versions in %(language)s are being translated",
                n,
            ),
            {"status": [Status.IN_PROGRESS]},
        ),
        (
            board.count(locale.pk, [Status.DRAFT]),
            lambda n: ngettext(
                "%(count)s version in %(language)s is waiting to be published",
                "%(count)s versions in %(language)s are waiting to be published",
                n,
            ),
            {"status": [Status.DRAFT]},
        ),
    ]
    return [
        (message(count) % {"count": count, **names}, board_url(locale=code, **filters))
        for count, message, filters in checks
        if count
    ]


class TranslationStatusPanel(Component):
    """Counts per language the user writes (every language for superusers)."""

    name = "translation_status"
    template_name = "translation/dashboard_panel.html"
    order = 150

    class Media:
        css = {"all": ["translation/board.css"]}

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        board = build_board()
        writable = writable_locale_ids(user)
        languages = [
            {
                "locale": locale,
                "name": language_name(locale),
                "lines": _lines(board, locale),
                "url": board_url(locale=locale.language_code),
            }
            for locale in board.locales
            if locale.pk in writable
        ]
        return {"languages": languages, "board_url": board_url()}

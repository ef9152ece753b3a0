import json

from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets.button import Button as ListingButton
from wagtail.models import Locale, TranslatableMixin
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation

from translation import localize_urls
from translation.admin_api import replace_pages_endpoint
from translation.bulk_actions import SubmitTranslationBulkAction, SyncTranslationsBulkAction
from translation.cascades import translations_to_cascade
from translation.components import TranslationRequestsPanel, TranslationStatusPanel
from translation.handoff import open_requests_for, versions_of
from translation.overrides import leave_out_broken_overrides
from translation.permissions import (
    language_name,
    other_team_locales,
    refuse,
    user_can_write_locale,
    writable_locale_ids,
)
from translation.refusals import write_refusal
from translation.status import outdated_locale_ids
from translation.views import board, bulk_machine, memory, requests, review, together
from translation.views.board import status_board_menu_item, user_can_see_board


@hooks.register("register_admin_urls", order=-1)
def register_localize_overrides():
    """Shadow some of wagtail-localize's routes; ``order=-1`` puts ours first."""
    return [path("localize/", include(localize_urls))]


hooks.register("construct_translated_pages_to_cascade_actions", translations_to_cascade)
# The translation editor shows the other team's linked pages (translation/admin_api.py).
hooks.register("construct_admin_api", replace_pages_endpoint)


@hooks.register("insert_editor_js")
def translation_editor_words():
    """The words the translation editor's bundle writes without gettext (upstream_strings.py)."""
    words = {
        "moreActions": _("More actions"),
        "heading": pgettext("translation editor heading", "%(source)s to %(target)s translation"),
    }
    return format_html(
        '<script src="{}" data-words="{}" defer></script>',
        versioned_static("translation/js/editor_words.js"),
        json.dumps(words),
    )


def _refuse_other_language(request, language):
    return refuse(
        request,
        _("Only the editorial team for %(language)s may change this version.")
        % {"language": language},
    )


# The snippet views check model permissions only; these hooks run before
# wagtail-localize's own (order=-10), which would otherwise open its
# translation editor for a snippet in another team's language.


@hooks.register("before_edit_snippet", order=-10)
def refuse_editing_other_languages(request, instance):
    policy = policy_registry.get_by_type(type(instance))
    if isinstance(instance, TranslatableMixin) and not policy.user_has_permission_for_instance(
        request.user, "change", instance
    ):
        return _refuse_other_language(request, language_name(instance.locale))


@hooks.register("before_delete_snippet", order=-10)
def refuse_deleting_other_languages(request, instances):
    for instance in instances:
        policy = policy_registry.get_by_type(type(instance))
        if isinstance(instance, TranslatableMixin) and not policy.user_has_permission_for_instance(
            request.user, "delete", instance
        ):
            return _refuse_other_language(request, language_name(instance.locale))


@hooks.register("before_create_snippet", order=-10)
def refuse_creating_in_other_languages(request, model):
    """New records start in the editor's own language; other languages are refused."""
    if not issubclass(model, TranslatableMixin):
        return None
    code = request.GET.get("locale")
    if not code:
        writable = Locale.objects.filter(pk__in=writable_locale_ids(request.user))
        if writable and Locale.get_default() not in writable:
            query = request.GET.copy()
            query["locale"] = writable[0].language_code
            return redirect(f"{request.path}?{query.urlencode()}")
        return None
    locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    if not user_can_write_locale(request.user, locale):
        return _refuse_other_language(request, language_name(locale))
    return None


# wagtail-localize answers the translation editor's posts (publish, "Start
# synced translation") from its own before_edit_page/before_edit_snippet hooks,
# before Wagtail's editors would check the lock. These run first and ask what
# those editors would (translation.refusals).


def refuse_translation_editor_writes(request, instance):
    if request.method != "POST" or not isinstance(instance, TranslatableMixin):
        return None
    translations = Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id
    )
    if "localize-restart-translation" in request.POST and (
        translations.filter(enabled=False).exists()
    ):
        publish = False
    elif translations.filter(enabled=True).exists():  # the translation editor
        publish = request.POST.get("action") == "publish"
    else:
        return None  # Wagtail's own editor, which checks for itself
    reason = write_refusal(request.user, instance, publish=publish)
    return refuse(request, reason) if reason else None


hooks.register("before_edit_page", refuse_translation_editor_writes, order=-10)
hooks.register("before_edit_snippet", refuse_translation_editor_writes, order=-9)

# The translation editor's "Publish" leaves out overrides that point nowhere
# (translation/overrides.py); before wagtail-localize's hooks, which publish.
hooks.register("before_edit_page", leave_out_broken_overrides, order=-5)
hooks.register("before_edit_snippet", leave_out_broken_overrides, order=-5)


# Translation status board (translation/views/board.py, translation/status.py).


@hooks.register("register_admin_urls")
def register_status_board_urls():
    patterns = board.urlpatterns + bulk_machine.urlpatterns
    return [path("translation-status/", include((patterns, "translation_status")))]


@hooks.register("register_reports_menu_item")
def register_status_board_menu_item():
    return status_board_menu_item()


@hooks.register("construct_homepage_panels")
def add_status_board_panel(request, panels):
    if user_can_see_board(request.user):
        panels.append(TranslationStatusPanel())


# Bulk actions in the page listing (translation/bulk_actions.py).
hooks.register("register_bulk_action", SubmitTranslationBulkAction)
hooks.register("register_bulk_action", SyncTranslationsBulkAction)


# The hand-off between the teams (translation/handoff.py, translation/views/requests.py).


@hooks.register("register_admin_urls")
def register_request_urls():
    return [path("translation-requests/", include((requests.urlpatterns, "translation_requests")))]


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(TranslationRequestsPanel())


def request_buttons(page, user, view_name=None, next_url=None):
    """ "Request a version in French" beside wagtail-localize's "Translate this page".

    Offered to the page's editors for the languages their team does not write;
    in the page listing without asking which versions exist (that would cost a
    query per row), in the page's header only where one is missing.
    """
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    others = [locale for locale in other_team_locales(user) if locale.pk != page.locale_id]
    if not others:
        return
    updates = set()
    if view_name == "edit":
        present = set(versions_of(page).values_list("locale_id", flat=True))
        updates = outdated_locale_ids(page) & present if present - {page.locale_id} else set()
        others = [locale for locale in others if locale.pk not in present or locale.pk in updates]
        if not others:
            return
    if len(others) == 1 and others[0].pk in updates:
        label = _("Request an updated version in %(language)s") % {
            "language": language_name(others[0])
        }
    elif len(others) == 1:
        label = _("Request a version in %(language)s") % {"language": language_name(others[0])}
    else:
        label = _("Request a translation")
    yield ListingButton(
        label, requests.request_url(page), priority=61, icon_name="wagtail-localize-language"
    )


hooks.register("register_page_header_buttons", request_buttons)
hooks.register("register_page_listing_more_buttons", request_buttons)


def show_open_requests(request, instance):
    """The page's (or record's) editor says which versions were requested and are not there yet."""
    if request.method != "GET" or not isinstance(instance, TranslatableMixin):
        return None
    for request_obj in open_requests_for(instance):
        messages.info(
            request,
            render_to_string(
                "translation/requests/request_summary.html", {"request_obj": request_obj}
            ).strip(),
        )
    return None


hooks.register("before_edit_page", show_open_requests, order=-20)
hooks.register("before_edit_snippet", show_open_requests, order=-20)
# Reviewing machine translation (translation/views/review.py, translation/review.py),
# and filling texts from the translation memory (translation/views/memory.py).


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("translation-review/", include(review.urlpatterns)),
        path("translation-review/", include(memory.urlpatterns)),
    ]


# Publishing a page and its translations at one moment (translation/together.py).


@hooks.register("register_admin_urls")
def register_publish_together_urls():
    return [path("publish-together/", include((together.urlpatterns, "translation_together")))]


@hooks.register("register_page_action_menu_item")
def register_publish_together_menu_item():
    return together.PublishTogetherMenuItem()

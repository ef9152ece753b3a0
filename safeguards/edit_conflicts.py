"""Two editors, one page or record: a save made from an outdated form is held back, not lost.

Wagtail 8 refuses an outdated *autosave* ("Saving will overwrite a newer
version."), and in the browser its editing-session ping asks before a save
overwrites someone else's. But the server accepts any full form post: without
JavaScript, or in the seconds between two pings, editor B's save silently
replaces what editor A saved a moment earlier. The same goes for one editor
with the page open in two tabs, and for every snippet with revisions.

The ``before_edit_page`` and ``before_edit_snippet`` hooks below apply Wagtail's
own autosave test (``EditView.is_out_of_date``) to every full post of the page
and snippet editors. An outdated post is answered with the editor again: B's
changes still in the form, a message in B's admin language naming who saved
when, and the form now based on A's revision. Nothing is saved. If B saves
again, B's version becomes a new revision after A's, so both stay in the
history.

A tab's own autosaves must not count against it, yet Wagtail names the
revision it autosaved in autosaves only, never in the form's full post, so the
form still carries the revision it was opened on. Each editor form therefore
carries a token of its own (``edit_tab``, rendered with the loaded revision in
``wagtailadmin/generic/includes/_loaded_revision_inputs.html``); the
``after_edit_*`` hooks note in the editor's session which revision each tab
autosaved, and a post whose tab made the latest revision itself is up to date.
Another tab of the same editor has another token, so it is held back like a
colleague's.
"""

import re
import secrets
from functools import cache

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, Revision, RevisionMixin

# Set on the request once checked, so the editor rendered below skips the check.
CHECKED = "_twinsite_edit_conflict_checked"

# The form field naming the editor tab, and where the session keeps its autosaves.
TAB_FIELD = "edit_tab"
TAB_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
AUTOSAVED_BY_TAB = "twinsite_autosaved_by_tab"
TABS_KEPT = 50


def new_tab_token():
    return secrets.token_urlsafe(16)


def _tab(request):
    token = request.POST.get(TAB_FIELD, "")
    return token if TAB_PATTERN.fullmatch(token) else None


def _is_autosave(request):
    """Wagtail's autosave posts the same form as the editor's buttons, but asks for JSON."""
    return request.method == "POST" and not request.accepts("text/html")


def remember_autosave(request, instance):
    """An ``after_edit_page`` / ``after_edit_snippet`` hook: note the revision a tab autosaved.

    Written once per tab and revision: Wagtail's later autosaves from the tab
    overwrite that revision in place.
    """
    token = _tab(request)
    revision_id = getattr(instance, "latest_revision_id", None)
    if not (_is_autosave(request) and token and revision_id):
        return None
    tabs = request.session.get(AUTOSAVED_BY_TAB, {})
    if tabs.get(token) == revision_id:
        return None  # the tab overwrote its own autosave again: nothing new to write
    tabs.pop(token, None)
    tabs[token] = revision_id
    request.session[AUTOSAVED_BY_TAB] = dict(list(tabs.items())[-TABS_KEPT:])
    return None


def _latest_revision(instance):
    if not instance.latest_revision_id:
        return None
    return Revision.objects.select_related("user").filter(pk=instance.latest_revision_id).first()


def _is_out_of_date(request, latest):
    """``EditView.is_out_of_date`` from Wagtail 8, which it asks of autosaves only.

    One exception: a latest revision that this very tab autosaved is the tab's
    own, however often it was overwritten since the form was opened.
    """
    if latest is None:
        return False
    if (
        (token := _tab(request))
        and latest.user_id == request.user.pk
        and request.session.get(AUTOSAVED_BY_TAB, {}).get(token) == latest.pk
    ):
        return False  # this tab's own autosave; only this tab can overwrite it
    latest_id = str(latest.pk)
    if overwrite_revision_id := request.POST.get("overwrite_revision_id"):
        return overwrite_revision_id != latest_id
    if loaded_revision_id := request.POST.get("loaded_revision_id"):
        if loaded_revision_id != latest_id:
            return True
        # An autosave may have overwritten the same revision since; its time moves on.
        return request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
    return False


def conflict_message(instance, revision):
    values = {
        "user": get_user_display_name(revision.user) if revision.user else _("System"),
        "time": formats.date_format(
            timezone.localtime(revision.created_at), "SHORT_DATETIME_FORMAT"
        ),
    }
    if isinstance(instance, Page):
        return (
            _(
                "%(user)s saved a newer version of this page on %(time)s, after you opened it. "
                "Your changes are not saved yet: they are still in the form. Look at the newer "
                "version in the history, then save again to keep yours; both versions stay in "
                "the history."
            )
            % values
        )
    return (
        _(
            "%(user)s saved a newer version of this record on %(time)s, after you opened it. "
            "Your changes are not saved yet: they are still in the form. Look at the newer "
            "version in the history, then save again to keep yours; both versions stay in "
            "the history."
        )
        % values
    )


class OutdatedEditView(EditView):
    """Wagtail's page editor, answering a post with the form and the conflict, saving nothing."""

    def post(self, request, *args, **kwargs):
        if self.page.alias_of_id:
            return super().post(request, *args, **kwargs)  # Wagtail's 405
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()  # so that the fields' own errors show as well
        self.form.add_error(None, conflict_message(self.page, self.latest_revision))
        return self.form_invalid(self.form)


class OutdatedSnippetEdit:
    """Mixed into a snippet's own edit view: the form comes back with the conflict, unsaved."""

    def is_valid(self, form):
        super().is_valid(form)  # so that the fields' own errors show as well
        form.add_error(None, conflict_message(self.object, self.latest_revision))
        self.produced_error_code = "invalid_revision"
        self.produced_error_message = self.get_error_message()
        return False


@cache
def _outdated_snippet_view_class(view_class):
    return type(f"Outdated{view_class.__name__}", (OutdatedSnippetEdit, view_class), {})


def _first_check(request):
    """Whether this is a full post of an editor not yet checked; marks it checked."""
    if request.method != "POST" or getattr(request, CHECKED, False):
        return False
    setattr(request, CHECKED, True)
    return not _is_autosave(request)  # Wagtail refuses outdated autosaves itself


def refuse_outdated_saves(request, page):
    """A ``before_edit_page`` hook: hand an outdated full-form post to OutdatedEditView."""
    if not _first_check(request):
        return None
    match = request.resolver_match
    if match is None or match.view_name != "wagtailadmin_pages:edit":
        return None  # reverting to an old revision is a choice of an older version
    latest = _latest_revision(page)
    if not _is_out_of_date(request, latest):
        return None
    return OutdatedEditView.as_view()(request, page_id=page.pk)


def refuse_outdated_snippet_saves(request, instance):
    """A ``before_edit_snippet`` hook: the same for every snippet with revisions.

    The post is handed to the snippet's own edit view (its viewset's class and
    options, as resolved for this request), holding the save back.
    """
    if not isinstance(instance, RevisionMixin) or not _first_check(request):
        return None
    match = request.resolver_match
    if match is None or match.view_name != instance.snippet_viewset.get_url_name("edit"):
        return None  # reverting to an old revision is a choice of an older version
    latest = _latest_revision(instance)
    if not _is_out_of_date(request, latest):
        return None
    view = match.func
    outdated = _outdated_snippet_view_class(view.view_class)
    return outdated.as_view(**view.view_initkwargs)(request, *match.args, **match.kwargs)

"""Two editors, one page: a save made from an outdated form is held back, not lost.

Wagtail 8 refuses an outdated *autosave* ("Saving will overwrite a newer
version."), and in the browser its editing-session ping asks before a save
overwrites someone else's. But the server accepts any full form post: without
JavaScript, or in the seconds between two pings, editor B's save silently
replaces what editor A saved a moment earlier.

The ``before_edit_page`` hook below applies Wagtail's own autosave test
(``EditView.is_out_of_date``) to every post of the page editor. An outdated
post is answered with the editor again: B's changes still in the form, a
message in B's admin language naming who saved when, and the form now based on
A's revision. Nothing is saved. If B saves again, B's version becomes a new
revision after A's, so both stay in the page history.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Revision

# Set on the request once checked, so the editor rendered below skips the check.
CHECKED = "_twinsite_edit_conflict_checked"


def _latest_revision(page):
    if not page.latest_revision_id:
        return None
    return Revision.objects.select_related("user").filter(pk=page.latest_revision_id).first()


def _is_out_of_date(request, latest):
    """``EditView.is_out_of_date`` from Wagtail 8, which it applies to autosaves only."""
    if latest is None:
        return False
    latest_id = str(latest.pk)
    if overwrite_revision_id := request.POST.get("overwrite_revision_id"):
        return overwrite_revision_id != latest_id
    if loaded_revision_id := request.POST.get("loaded_revision_id"):
        if loaded_revision_id != latest_id:
            return True
        # An autosave may have overwritten the same revision since; its time moves on.
        return request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
    return False


def conflict_message(revision):
    return _(
        "%(user)s saved a newer version of this page on %(time)s, after you opened it. "
        "Your changes are not saved yet: they are still in the form. Look at the newer "
        "version in the history, then save again to keep yours; both versions stay in "
        "the history."
    ) % {
        "user": get_user_display_name(revision.user) if revision.user else _("System"),
        "time": formats.date_format(
            timezone.localtime(revision.created_at), "SHORT_DATETIME_FORMAT"
        ),
    }


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
        self.form.add_error(None, conflict_message(self.latest_revision))
        return self.form_invalid(self.form)


def refuse_outdated_saves(request, page):
    """A ``before_edit_page`` hook: hand an outdated full-form post to OutdatedEditView."""
    if request.method != "POST" or getattr(request, CHECKED, False):
        return None
    setattr(request, CHECKED, True)
    match = request.resolver_match
    if match is None or match.view_name != "wagtailadmin_pages:edit":
        return None  # reverting to an old revision is a choice of an older version
    if not request.accepts("text/html"):
        return None  # an autosave: Wagtail refuses outdated ones itself
    latest = _latest_revision(page)
    if latest is not None and latest.user_id == request.user.pk:
        # Most likely this editor's own autosave: Wagtail names the revision it
        # overwrites in autosaves only, so the form's post still carries the
        # revision loaded before it and would be held back against its author.
        return None
    if not _is_out_of_date(request, latest):
        return None
    return OutdatedEditView.as_view()(request, page_id=page.pk)

"""The anonymous page cache: Django's cache middleware, emptied when content changes.

Pages are cached whole in the ``pages`` cache for CACHE_MIDDLEWARE_SECONDS.
Any publish, unpublish, move or delete of a page, any change to a page's
privacy and any change to a shared record shown on pages, empties that cache,
so both languages show the change at once. The time limit also bounds how
long "coming up" lists can lag behind the clock.

The same store keeps each editor's user bar per page (home/templates/base.html), so
a change to what an editor may do, or to their admin language, empties it too.

A page's own saves that touch only its draft (each autosave, each saved
revision) change nothing a visitor or a user bar shows, and keep the store.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    TaskState,
    WorkflowState,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.users.models import UserProfile

from pagecache.privacy import keep_private_if_needed

# What Page.save_revision() and an autosave write: the draft, never the live page.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
}


def clear_page_cache(**kwargs):
    """Empty the store now, and again once the change is committed.

    Requests are atomic (ATOMIC_REQUESTS): until the admin's transaction
    commits, another request still reads the old state and may store it
    again, such as a page that was public a moment ago.
    """
    store = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    store.clear()
    transaction.on_commit(store.clear)


def purge_frontend_cache(instance, **kwargs):
    """Tell the CDN or Varnish (WAGTAILFRONTENDCACHE) which public URLs changed.

    Wagtail purges the page itself; its section index and home page list it,
    and its translations link to it from the language switcher, so they go too.
    Changes to shared records are not purged one by one: the CDN keeps pages
    no longer than PAGE_CACHE_SECONDS.
    """
    if not settings.WAGTAILFRONTENDCACHE:
        return
    page = instance.specific_deferred
    pages = [page, *page.get_ancestors().filter(depth__gt=1).live().specific()]
    pages += list(page.get_translations().live().specific())
    purge_pages_from_cache(pages)


def purge_restricted_pages(instance, **kwargs):
    """A privacy setting covers the page and everything below it: the CDN must forget them.

    And the pages that show them: the sections and home page above list them,
    and their translations set them beside themselves (``bilingual/``) and link
    to them.
    """
    page = Page.objects.filter(pk=instance.page_id).first()  # gone if the page was deleted
    if not settings.WAGTAILFRONTENDCACHE or page is None:
        return
    covered = list(page.get_descendants(inclusive=True).live().specific())
    translations = (
        Page.objects.live()
        .filter(translation_key__in=[p.translation_key for p in covered])
        .exclude(pk__in=[p.pk for p in covered])
        .specific()
    )
    above = page.get_ancestors().filter(depth__gt=1).live().specific()
    purge_pages_from_cache([*covered, *translations, *above])


# What pages show besides pages: apps add their own models (``shown_on_pages``).
SHOWN_ON_PAGES = [Page, Locale, PageViewRestriction, Site]


def shown_on_pages(*models):
    """Saving or deleting one of these models (or their subclasses) empties the page cache.

    The apps that own records shown on pages call this from ``AppConfig.ready``
    (the site identity, the shared snippets), so the cache needs to know no app
    above it.
    """
    SHOWN_ON_PAGES.extend(model for model in models if model not in SHOWN_ON_PAGES)


def clear_for_shared_records(sender, instance, **kwargs):
    # Locales too: the chrome kept in the same store (navigation_tags) holds them.
    # A new privacy setting must stop the cache serving the page to everyone;
    # a changed site must not be found from pagecache/routing.py's memory.
    update_fields = kwargs.get("update_fields")
    if isinstance(instance, Page) and update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if isinstance(instance, tuple(SHOWN_ON_PAGES)):
        clear_page_cache()


def clear_for_editor_rights(sender, instance=None, update_fields=None, **kwargs):
    """An editor's user bar shows what they may do with the page, in their admin language.

    Signing in saves the user too, for ``last_login`` only, and dismissing an
    admin notice saves the profile's ``dismissibles``; neither changes anything
    shown. A new user, or the profile Wagtail creates on their first page view,
    has no user bar kept yet.
    """
    if kwargs.get("action", "post").startswith("pre"):  # m2m_changed, before the change
        return
    if update_fields is not None and set(update_fields) <= {"last_login", "dismissibles"}:
        return
    if kwargs.get("created") and isinstance(instance, get_user_model() | UserProfile):
        return
    clear_page_cache()


def connect_signals():
    page_published.connect(clear_page_cache, dispatch_uid="page-cache-published")
    page_published.connect(purge_frontend_cache, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(purge_frontend_cache, dispatch_uid="frontend-cache-unpublished")
    page_unpublished.connect(clear_page_cache, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(clear_page_cache, dispatch_uid="page-cache-moved")
    post_delete.connect(clear_for_shared_records, dispatch_uid="page-cache-deleted")
    post_save.connect(clear_for_shared_records, dispatch_uid="page-cache-saved")
    user_model = get_user_model()
    # Groups: Wagtail's group form writes page permissions with bulk_create,
    # which sends no signal, but saves the group. The reviewers of a page in
    # a workflow may edit it too, so each step of a workflow counts.
    for sender in (user_model, UserProfile, Group, GroupPagePermission, TaskState, WorkflowState):
        for signal in (post_save, post_delete):
            signal.connect(
                clear_for_editor_rights,
                sender=sender,
                dispatch_uid=f"userbar-{sender.__name__}-{signal is post_save}",
            )
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            clear_for_editor_rights, sender=through, dispatch_uid=f"userbar-{through.__name__}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            purge_restricted_pages,
            sender=PageViewRestriction,
            dispatch_uid=f"frontend-cache-restriction-{signal is post_save}",
        )


class PrivateForSignedInMiddleware:
    """Editors get pages with their user bar; those must never reach the shared cache.

    Neither may an answer that depended on whether the visitor may read another,
    private page (pagecache/privacy.py), such as a bilingual view beside a private
    translation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return keep_private_if_needed(request, response)

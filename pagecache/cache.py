"""The anonymous page cache: Django's cache middleware, expired by what changed.

Pages are cached whole in the ``pages`` cache for CACHE_MIDDLEWARE_SECONDS,
under keys that hold the generations of what they show
(pagecache/generations.py, pagecache/middleware.py). A change gives new tokens
to what shows it, and only that misses afterwards:

- publishing, unpublishing, moving or deleting a page: that page in every
  language with all its routes and query strings, every page above it and
  above its translations (its section index and feeds, the home pages), every
  answer that is not one page's (search, the sitemap, oEmbed), and the pages
  that link to it or to its translations (Wagtail's reference index, also
  through a snippet that links it). A new title or URL path expires the pages
  below it too (their breadcrumbs and URLs), and a change to the menu, the
  easy-read start page or the accessibility statement expires every page
  (the chrome: ``shown_in_chrome``);
- a snippet registered with ``shown_on_pages``: the pages that use it (the
  reference index, also through another snippet) and the pages above them;
  one registered with ``shown_on_every_page`` (the site identity): every page;
- a locale, a privacy setting or a site: the whole store is emptied.

The time limit also bounds how long "coming up" lists can lag behind the clock.

The same store keeps each editor's user bar per page (home/templates/base.html), so
a change to what an editor may do, or to their admin language, expires the user bars.

A page's own saves that touch only its draft (each autosave, each saved
revision), and the saves of a page no visitor could see, change nothing a
visitor or a user bar shows, and keep the store.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
    TaskState,
    WorkflowState,
)
from wagtail.signals import page_published, page_unpublished, pre_page_move
from wagtail.users.models import UserProfile

from pagecache import generations
from pagecache.privacy import keep_private_if_needed

# What Page.save_revision() and an autosave write: the draft, never the live page.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
}
# What the chrome and the pages below a page show of it.
SHOWN_FIELDS = ("title", "url_path", "live", "show_in_menus")


def clear_page_cache(**kwargs):
    """Empty the store now, and again once the change is committed.

    Requests are atomic (ATOMIC_REQUESTS): until the admin's transaction
    commits, another request still reads the old state and may store it
    again, such as a page that was public a moment ago.
    """
    store = caches[settings.CACHE_MIDDLEWARE_ALIAS]
    store.clear()
    transaction.on_commit(store.clear)


# Page types the chrome shows wherever they are (``shown_in_chrome``).
CHROME_MODELS = []


def shown_in_chrome(*models):
    """The header or footer of every page shows pages of these types (the home app's chrome)."""
    CHROME_MODELS.extend(model for model in models if model not in CHROME_MODELS)


def _site_root_paths():
    """The URL paths of every site's root page in every language (cached by Wagtail)."""
    return {root.root_path for root in Site.get_site_root_paths()}


def _in_menu_place(url_path):
    """Whether a page at this URL path sits right under a site's root page: the main menu."""
    parent = url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    return url_path.count("/") > 2 and parent in _site_root_paths()


def _page_content_type():
    return ContentType.objects.get_for_model(Page)


def _pages_referring_to(objects):
    """The ids of the pages that link to ``objects``, directly or through a snippet that does."""
    page_type = _page_content_type().pk
    pages, others = set(), set()
    for base_type, object_id in (
        ReferenceIndex.get_references_to_in_bulk(objects)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    ):
        (pages if base_type == page_type else others).add((base_type, object_id))
    if others:
        snippets = [
            model_object
            for base_type, object_id in others
            if (model := ContentType.objects.get_for_id(base_type).model_class()) is not None
            for model_object in [model(pk=model._meta.pk.to_python(object_id))]
        ]
        pages |= {
            (base_type, object_id)
            for base_type, object_id in ReferenceIndex.get_references_to_in_bulk(snippets)
            .filter(base_content_type_id=page_type)
            .values_list("base_content_type_id", "object_id")
        }
    return {int(object_id) for _base_type, object_id in pages}


def _tags_of_pages_and_above(pages):
    """The page tags of ``pages`` (Page rows with path) and of every page above them."""
    steplen = Page.steplen
    above = {
        page.path[:end] for page in pages for end in range(2 * steplen, len(page.path), steplen)
    }
    keys = {page.translation_key for page in pages}
    keys |= set(Page.objects.filter(path__in=above).values_list("translation_key", flat=True))
    return {generations.page_tag(key) for key in keys}


def expire_page(page, before=None, *, gone=False):
    """New tokens for everything that shows ``page``; ``before``: its live state before the change.

    ``before`` holds SHOWN_FIELDS as the database had them (None for a new
    page); ``gone`` marks a page that is being taken away (unpublished,
    deleted), whatever its fields say.
    """
    live_now = page.live and not gone
    if not live_now and not (before and before["live"]):
        return  # no visitor could see it, before or after
    translations = list(
        Page.objects.filter(translation_key=page.translation_key).only(
            "pk", "path", "translation_key"
        )
    )
    tags = {generations.LISTINGS, generations.page_tag(page.translation_key)}
    tags |= _tags_of_pages_and_above([page, *translations])
    referring = _pages_referring_to(translations or [page])
    if referring:
        tags |= {
            generations.page_tag(key)
            for key in Page.objects.filter(pk__in=referring).values_list(
                "translation_key", flat=True
            )
        }
    changed = {
        field for field in SHOWN_FIELDS if before is None or before[field] != getattr(page, field)
    }
    if gone:
        changed.add("live")
    if changed & {"title", "url_path", "live"}:
        tags.add(generations.under_tag(page.url_path))  # the breadcrumbs and URLs below it
        if before is not None:
            tags.add(generations.under_tag(before["url_path"]))
    if changed & {"url_path", "live"} or page.url_path in _site_root_paths():
        tags.add(generations.ROUTES)  # remembered walks, and the site's root page
    in_menu = _in_menu_place(page.url_path) or (before and _in_menu_place(before["url_path"]))
    if (in_menu and changed) or issubclass(page.specific_class or Page, tuple(CHROME_MODELS)):
        tags.add(generations.EVERY_PAGE)
    generations.bump(tags)


def _is_draft_only(kwargs):
    update_fields = kwargs.get("update_fields")
    return bool(update_fields) and set(update_fields) <= DRAFT_FIELDS


def remember_live_state(sender, instance, **kwargs):
    """Before a page is saved: what visitors saw of it, to tell what the save changes."""
    if not isinstance(instance, Page) or instance.pk is None or _is_draft_only(kwargs):
        return
    instance._pagecache_before = Page.objects.filter(pk=instance.pk).values(*SHOWN_FIELDS).first()


def expire_saved_page(sender, instance, **kwargs):
    if not isinstance(instance, Page) or _is_draft_only(kwargs):
        return
    expire_page(instance, instance.__dict__.pop("_pagecache_before", None))


def expire_unpublished_page(sender, instance, **kwargs):
    """Unpublished, or about to be deleted (Wagtail unpublishes a live page before deleting it)."""
    before = {field: getattr(instance, field) for field in SHOWN_FIELDS}
    before["live"] = True
    expire_page(instance, before, gone=True)


def expire_old_place(sender, instance, parent_page_before, url_path_before, **kwargs):
    """A page leaves its place: what showed it there. Its save at the new place does the rest."""
    if not instance.live:
        return
    tags = {
        generations.LISTINGS,
        generations.ROUTES,
        generations.page_tag(instance.translation_key),
        generations.under_tag(url_path_before),
    }
    tags |= _tags_of_pages_and_above([parent_page_before])
    if _in_menu_place(url_path_before) or _in_menu_place(kwargs["url_path_after"]):
        tags.add(generations.EVERY_PAGE)  # the menu's order, even when only reordered
    generations.bump(tags)


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


# Emptied whole: what every answer depends on.
EMPTIES_THE_STORE = (Locale, PageViewRestriction, Site)
# Records shown on the pages that use them, and on every page (``shown_on_...``).
SHOWN_ON_PAGES = []
SHOWN_ON_EVERY_PAGE = []


def shown_on_pages(*models):
    """Saving or deleting one of these (or their subclasses) expires the pages that use it.

    "Use" as Wagtail's reference index knows it (a chooser, a foreign key, a
    link row; also through another snippet), and the pages above those, which
    list them. The apps that own records shown on pages call this from
    ``AppConfig.ready`` (the shared snippets), so the cache needs to know no
    app above it.
    """
    SHOWN_ON_PAGES.extend(model for model in models if model not in SHOWN_ON_PAGES)


def shown_on_every_page(*models):
    """Saving or deleting one of these expires every page: the chrome shows it (site identity)."""
    SHOWN_ON_EVERY_PAGE.extend(model for model in models if model not in SHOWN_ON_EVERY_PAGE)


def expire_for_records(sender, instance, **kwargs):
    """A locale, a privacy setting or a site change empties the store; a snippet, its pages.

    Locales: the chrome kept in the same store (navigation_tags) holds them.
    A new privacy setting must stop the cache serving the page to everyone;
    a changed site must not be found from pagecache/routing.py's memory.
    Deleting a snippet is handled before the delete, while the reference index
    still knows its pages.
    """
    if isinstance(instance, EMPTIES_THE_STORE):
        clear_page_cache()
    elif isinstance(instance, tuple(SHOWN_ON_EVERY_PAGE)):
        generations.bump([generations.EVERY_PAGE])
    elif isinstance(instance, tuple(SHOWN_ON_PAGES)) and kwargs.get("signal") is not post_delete:
        pages = list(
            Page.objects.filter(pk__in=_pages_referring_to([instance])).only(
                "pk", "path", "translation_key"
            )
        )
        generations.bump({generations.LISTINGS, *_tags_of_pages_and_above(pages)})


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
    generations.bump([generations.USERBAR])


def connect_signals():
    page_published.connect(purge_frontend_cache, dispatch_uid="frontend-cache-published")
    page_unpublished.connect(purge_frontend_cache, dispatch_uid="frontend-cache-unpublished")
    # Publishing saves the page (and so do unpublishing and moving): post_save sees it.
    pre_save.connect(remember_live_state, dispatch_uid="page-cache-before-save")
    post_save.connect(expire_saved_page, dispatch_uid="page-cache-saved-page")
    page_unpublished.connect(expire_unpublished_page, dispatch_uid="page-cache-unpublished")
    pre_page_move.connect(expire_old_place, dispatch_uid="page-cache-moved")
    post_save.connect(expire_for_records, dispatch_uid="page-cache-saved")
    post_delete.connect(expire_for_records, dispatch_uid="page-cache-deleted")
    pre_delete.connect(expire_for_records, dispatch_uid="page-cache-deleting")
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

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import image_preview, incomplete_posts
from home.edit_conflicts import (
    refuse_outdated_saves,
    refuse_outdated_snippet_saves,
    remember_autosave,
)
from home.models import SiteIdentity
from home.rich_text import PublicPageLinkHandler


@hooks.register("register_admin_urls", order=-1)
def register_image_preview():
    """Ahead of Wagtail's own route to its image preview (``order=-1``)."""
    return [path("images/<int:image_id>/preview/<str:filter_spec>/", image_preview.preview)]


@hooks.register("register_admin_urls", order=-1)
def register_incomplete_post_guards():
    """Ahead of Wagtail's snippet chooser creation and redirects import (``order=-1``)."""
    return [
        *incomplete_posts.snippet_chooser_create_urls(),
        path("redirects/import/process/", incomplete_posts.process_redirects_import),
    ]


# Last, after the hooks that refuse an edit outright.
hooks.register("before_edit_page", refuse_outdated_saves, order=100)
hooks.register("before_edit_snippet", refuse_outdated_snippet_saves, order=100)
# First, before any hook that answers the request instead.
hooks.register("after_edit_page", remember_autosave, order=-100)
hooks.register("after_edit_snippet", remember_autosave, order=-100)


@hooks.register("register_rich_text_features", order=1)
def link_pages_only_where_readers_may_go(features):
    """After Wagtail's own features (order 0): replaces its page link handler."""
    features.register_link_type(PublicPageLinkHandler)


class SiteIdentityViewSet(SnippetViewSet):
    model = SiteIdentity
    icon = "site"
    menu_label = _("Site identity")
    add_to_settings_menu = True
    list_display = ["site_name", "organisation", "email"]
    search_fields = ["site_name", "organisation"]


register_snippet(SiteIdentityViewSet)

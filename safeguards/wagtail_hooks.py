from django.urls import path
from wagtail import hooks

from safeguards import image_preview, incomplete_posts
from safeguards.edit_conflicts import (
    refuse_outdated_saves,
    refuse_outdated_snippet_saves,
    remember_autosave,
)


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

"""Our versions of some wagtail-localize admin views, at wagtail-localize's own paths.

wagtail-localize checks only its model-wide ``submit_translation`` permission
before it submits, syncs or machine-translates, model-wide snippet permissions
in its translation editor, and no locks anywhere. These routes come first in
the admin URLconf (see ``wagtail_hooks.register_localize_overrides``), so the
same paths and URL names reach views that also respect each team's languages,
the page's or snippet type's own permissions and the target's lock, and that
check a stored text by its field's rules (``translation.field_checks``).
"""

from django.urls import path
from wagtail_localize.views import convert, edit_translation

from translation import overrides
from translation.views import localize, machine

urlpatterns = [
    path(
        "submit/page/<int:page_id>/",
        localize.TeamSubmitPageTranslationView.as_view(),
    ),
    path(
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        localize.TeamSubmitSnippetTranslationView.as_view(),
    ),
    path(
        "update/<int:translation_source_id>/",
        localize.TeamUpdateTranslationsView.as_view(),
    ),
    *[
        path(route, localize.for_target_writers(view))
        for route, view in [
            (
                "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
                localize.check_the_saved_string(edit_translation.edit_string_translation),
            ),
            (
                "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
                overrides.validated(edit_translation.edit_override),
            ),
            ("translate/<int:translation_id>/pofile/download/", edit_translation.download_pofile),
            (
                "translate/<int:translation_id>/pofile/upload/",
                localize.refuse_po_files_without_their_translation(
                    localize.check_the_uploaded_strings(edit_translation.upload_pofile)
                ),
            ),
            (
                "translate/<int:translation_id>/preview/",
                overrides.flagging_broken_overrides(edit_translation.preview_translation),
            ),
            (
                "translate/<int:translation_id>/preview/<str:mode>/",
                overrides.flagging_broken_overrides(edit_translation.preview_translation),
            ),
            ("translate/<int:translation_id>/disable/", edit_translation.stop_translation),
        ]
    ],
    path(
        "page/<int:page_id>/convert_to_alias/",
        localize.hold_locks(convert.convert_to_alias),
    ),
    path(
        "translate/<int:translation_id>/machine_translate/",
        machine.machine_translate,
        name="machine_translate",
    ),
]

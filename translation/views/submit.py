"""wagtail-localize's submit views, creating translations without rewriting existing ones.

Upstream's ``form_valid`` calls ``translate_object`` and ``translate_page_subtree``
from ``wagtail_localize.operations``, whose creator re-enables stopped
translations of the linked records and subpages and writes over their
corrections. This ``form_valid`` does the same steps with
``translation.creation``'s creator and says which versions it kept.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.tasks import background

from translation.creation import (
    kept_by_hand,
    notices_after,
    notices_before,
    translate_object,
    translate_page_subtree,
)


class KeepExistingVersionsMixin:
    """For ``SubmitPageTranslationView`` and ``SubmitSnippetTranslationView``."""

    template_name = "translation/submit_translation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kept_notices"] = notices_before(
            kept_by_hand(self.object, context["form"].fields["locales"].queryset)
        )
        return context

    @transaction.atomic
    def form_valid(self, form):
        locales = form.cleaned_data["locales"]
        user = self.request.user
        creator = translate_object(self.object, locales, self.components, user)
        if isinstance(self.object, Page) and form.cleaned_data["include_subtree"]:
            # As upstream: the subtree may be heavy, so it goes to the background
            # (which runs it at once unless WAGTAILLOCALIZE_JOBS says otherwise).
            background.enqueue(
                translate_page_subtree, [self.object.id, locales, self.components, user], {}
            )

        single_translated_object = None
        if len(locales) == 1:
            locale_names = locales[0].get_display_name()
            single_translated_object = self.object.get_translation(locales[0])
        else:
            locale_names = _("{} locales").format(len(locales))
        messages.success(self.request, self.get_success_message(locale_names))
        for notice in notices_after(creator.kept):
            messages.info(self.request, notice)
        return redirect(
            self.get_success_url() or self.get_default_success_url(single_translated_object)
        )

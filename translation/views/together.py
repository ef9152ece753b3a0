"""The "Publish with translations" screen (translation.together).

Anyone who may edit the page sees every language version with what it
lacks; the source team may send its draft for translation; only someone who
may publish every version gets the form that publishes (or schedules) them
together. Pages nobody may edit answer 404, as the page editor does.
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models import Page

from translation import together
from translation.permissions import refuse, user_can_write


class TogetherForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages to publish"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one language.")},
    )
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"),
        help_text=gettext_lazy("Leave empty to publish now. Every chosen language goes live then."),
        required=False,
        widget=AdminDateTimeInput,
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        field = self.fields["languages"]
        field.choices = [(str(v.page.pk), v.language) for v in group.versions]
        field.initial = [str(v.page.pk) for v in group.ready_versions()]

    def clean_languages(self):
        chosen = {int(pk) for pk in self.cleaned_data["languages"]}
        versions = [v for v in self.group.versions if v.page.pk in chosen]
        for version in versions:
            if not version.ready:
                raise forms.ValidationError(f"{version.language}: {version.problem}")
        if len(versions) < 2 and not any(v.is_source for v in versions):
            raise forms.ValidationError(
                _("Publish the original together with its translations, or each on its own page.")
            )
        return versions

    def clean_go_live_at(self):
        moment = self.cleaned_data["go_live_at"]
        if moment and moment <= timezone.now():
            raise forms.ValidationError(_("The moment must be in the future."))
        return moment


class PublishTogetherView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translation/together.html"
    page_title = gettext_lazy("Publish with translations")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not user_can_write(request.user, page) and not any(
            user_can_write(request.user, other) for other in page.get_translations()
        ):
            raise Http404
        self.group = together.group_for(page, request.user)
        self.may_publish = together.may_publish_together(request.user, self.group)
        self.may_send = together.may_send_draft(request.user, self.group)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.group.source_page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        page = self.group.source_page
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {
                "url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "label": page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            group=self.group,
            may_publish=self.may_publish,
            may_send=self.may_send,
            form=form or (TogetherForm(group=self.group) if self.may_publish else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "send_draft" in request.POST:
            if not self.may_send:
                return refuse(
                    request, _("Only the team of the original may send its draft for translation.")
                )
            together.send_draft(self.group)
            messages.success(
                request,
                _("The newest draft of “%(title)s” has been sent for translation.")
                % {"title": self.group.source_page.get_admin_display_title()},
            )
            return redirect(request.path)
        if not self.may_publish:
            messages.error(
                request,
                _("Only someone who may publish every language can publish them together."),
            )
            return self.render_to_response(self.get_context_data(), status=403)
        form = TogetherForm(request.POST, group=self.group)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        versions = form.cleaned_data["languages"]
        moment = form.cleaned_data["go_live_at"]
        together.publish_together(self.group, versions, request.user, go_live_at=moment)
        values = {
            "languages": get_text_list([v.language for v in versions], _("and")),
            "title": self.group.source_page.get_admin_display_title(),
        }
        if moment:
            values["moment"] = date_format(timezone.localtime(moment), "DATETIME_FORMAT")
            message = _("“%(title)s” will go live in %(languages)s on %(moment)s.") % values
        else:
            message = _("“%(title)s” has been published in %(languages)s.") % values
        messages.success(request, message)
        return redirect("wagtailadmin_explore", self.group.source_page.get_parent().pk)


class PublishTogetherMenuItem(ActionMenuItem):
    """In the page editor's publish menu, where the page has other language versions."""

    label = gettext_lazy("Publish with translations…")
    name = "action-publish-together"
    icon_name = "upload"
    order = 45

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and page.pk is not None
            and Page.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .exists()
        )

    def get_url(self, context):
        return reverse("translation_together:page", args=[context["page"].pk])


urlpatterns = [path("<int:page_id>/", PublishTogetherView.as_view(), name="page")]

"""Asking the other team for a translation, declining such a request, withdrawing one.

The request form is where an editor lands instead of a dead end when they
try to create a version in a language their team does not write (see
``translation.views.localize``). Starting the translation is wagtail-localize's
own submit view, which the dashboard panel posts to; nobody gains a right
through these views (``translation.handoff``).
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import TranslationSource

from translation.handoff import (
    HandoffError,
    create_request,
    decline_request,
    may_handle,
    may_request,
    may_withdraw,
    open_requests_for,
    requestable_locales,
    source_of,
    title_of,
    withdraw_request,
)
from translation.models import NOTE_MAX_LENGTH, REASON_MAX_LENGTH, TranslationRequest
from translation.permissions import language_name


def request_url(instance):
    """Where an editor asks for ``instance``'s other languages."""
    if isinstance(instance, Page):
        return reverse("translation_requests:page", args=[instance.pk])
    meta = instance._meta
    return reverse(
        "translation_requests:snippet", args=[meta.app_label, meta.model_name, quote(instance.pk)]
    )


def edit_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])


def not_found(request, message):
    """A 404 in the admin, in the editor's admin language, saying what was not found."""
    return TemplateResponse(
        request,
        "translation/requests/not_found.html",
        {"message": message, "page_title": _("Not found")},
        status=404,
    )


class LocaleChoiceField(forms.ModelChoiceField):
    updates = frozenset()

    def label_from_instance(self, obj):
        if obj.pk in self.updates:
            return _(
                "%(language)s: an updated version (the original changed since it was synced)"
            ) % {"language": obj.get_display_name()}
        return obj.get_display_name()


class RequestForm(forms.Form):
    target_locale = LocaleChoiceField(
        label=gettext_lazy("Language"),
        queryset=Locale.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the other team"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Optional: what matters in this page, whom to ask, ..."),
    )
    wished_date = forms.DateField(
        label=gettext_lazy("Wished for"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Optional: by when the version should be published."),
    )

    def __init__(self, *args, locales=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target_locale"]
        field.queryset = Locale.objects.filter(pk__in=[locale.pk for locale in locales])
        field.updates = frozenset(
            locale.pk for locale in locales if getattr(locale, "request_kind", None) == "update"
        )
        if len(locales) == 1:
            field.initial = locales[0].pk

    def clean_wished_date(self):
        wished = self.cleaned_data.get("wished_date")
        if wished and wished < timezone.localdate():
            raise forms.ValidationError(_("The wished-for date must not lie in the past."))
        return wished


class RequestTranslationView(WagtailAdminTemplateMixin, FormView):
    """Ask for a version of a page or record in a language another team writes."""

    template_name = "translation/requests/request_form.html"
    form_class = RequestForm
    header_icon = "wagtail-localize-language"

    def get_instance(self):
        if "page_id" in self.kwargs:
            page = Page.objects.filter(pk=self.kwargs["page_id"]).first()
            return page.specific if page is not None and not page.is_root() else None
        label = f"{self.kwargs['app_label']}.{self.kwargs['model_name']}"
        model = next(
            (
                model
                for model in get_snippet_models()
                if model._meta.label_lower == label and issubclass(model, TranslatableMixin)
            ),
            None,
        )
        if model is None:
            return None
        return model._default_manager.filter(pk=unquote(self.kwargs["pk"])).first()

    def dispatch(self, request, *args, **kwargs):
        self.instance = self.get_instance()
        if self.instance is None:
            return not_found(request, _("There is no such page or record to translate."))
        if not may_request(request.user, self.instance):
            raise PermissionDenied
        self.locales = requestable_locales(request.user, self.instance)
        self.open_requests = list(open_requests_for(self.instance))
        requested = {request_obj.target_locale_id for request_obj in self.open_requests}
        self.free_locales = [locale for locale in self.locales if locale.pk not in requested]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request a translation")

    def get_page_subtitle(self):
        return title_of(self.instance)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "locales": self.free_locales}

    def post(self, request, *args, **kwargs):
        if not self.free_locales:
            # Bad input (a stale or forged form): a 400 that says why, not a redirect.
            messages.warning(request, _("There is no language left to request for this page."))
            response = self.render_to_response(self.get_context_data())
            response.status_code = 400
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        locale = form.cleaned_data["target_locale"]
        try:
            request_obj = create_request(
                self.request.user,
                self.instance,
                locale,
                note=form.cleaned_data["note"],
                wished_date=form.cleaned_data["wished_date"],
            )
        except HandoffError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        names = {"language": language_name(locale), "title": title_of(self.instance)}
        if request_obj.is_update:
            message = _(
                "The editorial team for %(language)s has been asked to update its version of "
                "“%(title)s”. You will get a mail when the update is published."
            )
        else:
            message = _(
                "The editorial team for %(language)s has been asked for a version of “%(title)s”."
                " You will get a mail when it is published."
            )
        messages.success(self.request, message % names)
        return redirect(edit_url(self.instance))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            instance=self.instance,
            title=title_of(self.instance),
            open_requests=self.open_requests,
            withdrawable={
                request_obj.pk
                for request_obj in self.open_requests
                if may_withdraw(self.request.user, request_obj)
            },
            free_locales=self.free_locales,
            back_url=edit_url(self.instance),
        )
        return context


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The requester reads this in their mail."),
    )


class DeclineRequestView(WagtailAdminTemplateMixin, FormView):
    """The team of the requested language declines, saying why."""

    template_name = "translation/requests/decline_form.html"
    form_class = DeclineForm
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        self.request_obj = (
            TranslationRequest.objects.select_related(
                "content_type", "requested_by", "target_locale", "source_locale"
            )
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.request_obj is None:
            return not_found(request, _("There is no such translation request."))
        if not may_handle(request.user, self.request_obj):
            raise PermissionDenied
        if not self.request_obj.is_open:
            messages.warning(request, _("This request is no longer open."))
            return redirect("wagtailadmin_home")
        self.source = source_of(self.request_obj)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Decline the request")

    def get_page_subtitle(self):
        return title_of(self.source)

    def form_valid(self, form):
        try:
            decline_request(self.request.user, self.request_obj, form.cleaned_data["reason"])
        except HandoffError as error:
            messages.warning(self.request, str(error))
            return redirect("wagtailadmin_home")
        messages.success(
            self.request,
            _("The request for a version in %(language)s of “%(title)s” was declined.")
            % {
                "language": language_name(self.request_obj.target_locale),
                "title": title_of(self.source),
            },
        )
        return redirect("wagtailadmin_home")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            request_obj=self.request_obj,
            title=title_of(self.source),
            language=language_name(self.request_obj.target_locale),
        )
        return context


@require_POST
def withdraw(request, pk):
    """The requester takes back an open request (a button, so POST with CSRF only)."""
    request_obj = (
        TranslationRequest.objects.select_related("content_type", "target_locale")
        .filter(pk=pk)
        .first()
    )
    if request_obj is None:
        return not_found(request, _("There is no such translation request."))
    if not may_withdraw(request.user, request_obj):
        raise PermissionDenied
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("wagtailadmin_home")
    try:
        withdraw_request(request.user, request_obj)
    except HandoffError as error:
        messages.warning(request, str(error))
        return redirect(next_url)
    messages.success(
        request,
        _("You withdrew the request for a version in %(language)s of “%(title)s”.")
        % {
            "language": language_name(request_obj.target_locale),
            "title": title_of(source_of(request_obj)),
        },
    )
    return redirect(next_url)


def start(request, pk):
    """From the dashboard to the work: wagtail-localize's sync for an update, its
    submit form for a new version. Its views keep all their checks."""
    request_obj = TranslationRequest.objects.filter(pk=pk).first()
    if request_obj is None:
        return not_found(request, _("There is no such translation request."))
    if not may_handle(request.user, request_obj):
        raise PermissionDenied
    if not request_obj.is_open:
        messages.warning(request, _("This request is no longer open."))
        return redirect("wagtailadmin_home")
    original = source_of(request_obj)
    if original is None:
        return not_found(request, _("There is no such page or record to translate."))
    if request_obj.is_update:
        source = TranslationSource.objects.filter(
            object_id=request_obj.translation_key, locale_id=original.locale_id
        ).first()
        if source is not None:
            url = reverse("wagtail_localize:update_translations", args=[source.pk])
            return redirect(f"{url}?{urlencode({'next': reverse('wagtailadmin_home')})}")
    if isinstance(original, Page):
        return redirect("wagtail_localize:submit_page_translation", original.pk)
    meta = original._meta
    return redirect(
        "wagtail_localize:submit_snippet_translation",
        meta.app_label,
        meta.model_name,
        quote(original.pk),
    )


urlpatterns = [
    path("page/<int:page_id>/", RequestTranslationView.as_view(), name="page"),
    path(
        "snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        RequestTranslationView.as_view(),
        name="snippet",
    ),
    path("<int:pk>/decline/", DeclineRequestView.as_view(), name="decline"),
    path("<int:pk>/withdraw/", withdraw, name="withdraw"),
    path("<int:pk>/start/", start, name="start"),
]

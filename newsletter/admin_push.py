"""The admin's "Push to newsletter tool": an issue's versions as draft campaigns."""

import uuid

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from newsletter import campaigns
from newsletter.admin_views import IssueAdminViewMixin
from newsletter.forms import PushCampaignForm
from newsletter.providers import PROVIDERS, ProviderError, configured_providers, get_provider

# The confirmation pages an editor has open, each good for one push.
PUSH_TOKENS = "newsletter_push_tokens"


class PushCampaignView(IssueAdminViewMixin, WagtailAdminTemplateMixin, FormView):
    form_class = PushCampaignForm
    template_name = "newsletter/admin/push_campaign.html"
    page_title = _("Push to newsletter tool")
    header_icon = "mail"

    @cached_property
    def providers(self):
        return configured_providers()

    @cached_property
    def live(self):
        return campaigns.live_versions(self.page)

    def version_choices(self):
        return [(v, campaigns.VERSION_NAMES[v]) for v in self.live[1]]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "providers": self.providers,
            "versions": self.version_choices(),
        }

    def get_initial(self):
        initial = {"versions": [v for v, _name in self.version_choices()]}
        if self.providers:
            initial["provider"] = self.providers[0].key
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            providers=self.providers,
            all_providers=[cls() for cls in PROVIDERS.values()],
            versions=self.version_choices(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        provider = get_provider(form.cleaned_data["provider"])
        chosen = [v for v, _name in self.version_choices() if v in form.cleaned_data["versions"]]
        if not form.cleaned_data["confirm"]:
            token = uuid.uuid4().hex
            tokens = self.request.session.get(PUSH_TOKENS, [])
            self.request.session[PUSH_TOKENS] = [*tokens[-9:], token]
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    confirming=True,
                    provider=provider,
                    chosen=[campaigns.VERSION_NAMES[v] for v in chosen],
                    push_token=token,
                )
            )
        tokens = self.request.session.get(PUSH_TOKENS, [])
        if form.cleaned_data["push_token"] not in tokens:
            # Already pushed from this confirmation (a reload), or never confirmed.
            form.add_error(
                None,
                _(
                    "These campaigns were already created from this confirmation, or it has "
                    "expired. See the issue's history for their ids, or start again."
                ),
            )
            return self.form_invalid(form)
        tokens.remove(form.cleaned_data["push_token"])
        self.request.session[PUSH_TOKENS] = tokens
        pages = self.live[0]
        results = []
        for version in chosen:
            result = {"name": campaigns.VERSION_NAMES[version]}
            try:
                campaign = provider.push(campaigns.push_version(self.page, version, pages))
            except ProviderError as error:
                campaigns.log_push(self.page, self.request.user, provider, version, error=error)
                result["error"] = error.message
            else:
                campaigns.log_push(self.page, self.request.user, provider, version, campaign)
                result["campaign"] = campaign
            results.append(result)
        return TemplateResponse(
            self.request,
            "newsletter/admin/push_campaign_result.html",
            {
                **self.get_context_data(form=form),
                "provider": provider,
                "results": results,
                "page_title": self.page_title,
            },
        )

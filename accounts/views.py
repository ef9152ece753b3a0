"""Two-factor authentication in the admin: turning it on and off, the code after the password."""

import django_otp
from axes.helpers import get_lockout_response
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView, TemplateView
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from accounts.devices import confirmed_device, pending_device, qr_code_svg, secret_for_typing
from accounts.forms import TokenForm
from accounts.lockout import count_wrong_code, credentials_of, is_locked_out, sign_in_complete


def safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Turn two-factor authentication on (scan, then prove it with a code) or off (with a code)."""

    template_name = "accounts/two_factor.html"
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": reverse("wagtailadmin_account"), "label": gettext("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = confirmed_device(user)
        context["enabled"] = device is not None
        if device is None:
            device = pending_device(user)
            context["qr_code"] = qr_code_svg(device)
            context["secret"] = secret_for_typing(device)
        context["form"] = form or TokenForm(user=user, device=device)
        return context

    def post(self, request):
        user = request.user
        enabled = confirmed_device(user)
        action = request.POST.get("action")
        if action != ("disable" if enabled else "confirm"):
            # Stale page, e.g. the form sent twice: show the current state.
            return redirect("accounts_two_factor")
        device = enabled or pending_device(user)
        form = TokenForm(request.POST, user=user, device=device)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if enabled:
            TOTPDevice.objects.filter(user=user).delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            messages.success(request, gettext("Two-factor authentication is off."))
        else:
            device = form.device
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            messages.success(
                request,
                gettext(
                    "Two-factor authentication is on. From your next sign-in, the admin will ask "
                    "for a code from your app after your password."
                ),
            )
        return redirect("accounts_two_factor")


class VerifyView(FormView):
    """The second step of signing in, for editors who turned two-factor authentication on.

    A wrong code counts as a failed sign-in for django-axes (same username and
    address), so password and code guesses share one limit (see accounts/lockout.py).
    """

    template_name = "accounts/verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        self.device = confirmed_device(request.user)
        if self.device is None or request.user.is_verified():
            return redirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "device": self.device}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request)}

    def post(self, request, *args, **kwargs):
        if is_locked_out(request, request.user):
            return get_lockout_response(request, credentials=credentials_of(request.user))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # A new session key for the now fully signed-in session.
        self.request.session.cycle_key()
        django_otp.login(self.request, form.device)
        sign_in_complete(self.request, self.request.user)
        return redirect(safe_next(self.request))

    def form_invalid(self, form):
        if form.wrong_code and (locked := count_wrong_code(self.request, self.request.user)):
            return locked
        return super().form_invalid(form)

"""The registration endpoints, under /de/ and /fr/: register for an event, cancel by mail link.

Registering posts without a CSRF token, from the cached event page. What
protects it: the honeypot, the rate limit per visitor, the seat rules and the
unique address per event, and the answer, which is the same for a new and a
known address. Cancelling needs the signed link of the mail, and only the
POST of its page's button cancels (mail scanners follow links).

Bad input is a 400 in the visitor's language; nothing here is cached.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from accounts.public_forms import honeypot_passed, too_many_posts
from registrations import booking, rules, tokens
from registrations.forms import CONSENT_TEXT, RegistrationForm, form_context
from registrations.mails import event_page
from registrations.models import RegistrableEvent, Registration


def event_for(page_id):
    """The live, public event page the form was on; 404 for anything else."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if not isinstance(page, RegistrableEvent) or not page.registration_on_site:
        raise Http404
    return page


def source_url(request, page, source):
    if not source.startswith("/") or source.startswith("//") or "\\" in source:
        source = page.get_url(request) or "/"
    return request.build_absolute_uri(iri_to_uri(source))[:2000]


def form_page(request, page, availability, form=None, status=200, **extra):
    context = {
        "page": page,
        "registration": availability,
        **form_context(page, form=form, privacy_url=page.registration_privacy_url()),
        **extra,
    }
    return render(request, "registrations/register.html", context, status=status)


@csrf_exempt
@never_cache
def register(request, page_id):
    page = event_for(page_id)
    availability = page.registration_availability()
    if request.method != "POST":
        return form_page(request, page, availability)
    if too_many_posts(request, "registrations", settings.REGISTRATIONS_RATE):
        return render(
            request,
            "notice.html",
            {
                "page": page,
                "heading": _("Too many requests"),
                "message": _(
                    "This connection has sent the registration form too often. "
                    "Please try again in an hour."
                ),
            },
            status=429,
        )
    if not honeypot_passed(request.POST):
        return form_page(request, page, availability, status=400, refused=True)
    form = RegistrationForm(request.POST, questions=page.registration_questions)
    if not availability.is_open:
        return form_page(request, page, availability, form=form, status=400, closed=True)
    if not form.is_valid():
        return form_page(request, page, availability, form=form, status=400)

    registration_list = rules.list_for_registering(page.translation_key)
    data = form.cleaned_data
    try:
        outcome = booking.register(
            registration_list,
            base_url=request.build_absolute_uri("/"),
            email=data["email"],
            name=data["name"],
            organisation=data["organisation"],
            town=data["town"],
            language=data["language"],
            access_needs=data["access_needs"],
            answers=form.answers(),
            consent_text=str(CONSENT_TEXT),
            page_url=source_url(request, page, data["source"]),
        )
    except booking.RegistrationClosed:
        availability = page.registration_availability()
        return form_page(request, page, availability, form=form, status=400, closed=True)
    # The same answer for a new and a known address: whether the event was full is public.
    return render(
        request,
        "registrations/registered.html",
        {
            "page": page,
            "email": outcome.registration.email,
            "waiting": availability.full,
        },
    )


def invalid_link(request):
    return render(
        request,
        "notice.html",
        {
            "heading": _("This link is not valid"),
            "message": _(
                "The link is incomplete, or the registration it belonged to no longer exists. "
                "Please use the link of your latest mail, or write to the organisers."
            ),
        },
        status=400,
    )


@csrf_exempt
@never_cache
def cancel(request, token):
    registration = tokens.read_token(token)
    if registration is None:
        return invalid_link(request)
    registration_list = registration.registration_list
    context = {
        "registration": registration,
        "registration_list": registration_list,
        "event": event_page(registration),
    }
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        booking.cancel(
            registration,
            by=Registration.CancelledBy.REGISTRANT,
            base_url=request.build_absolute_uri("/"),
        )
        registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return render(request, "registrations/cancelled.html", context)
    context["place"] = registration.waiting_place()
    return render(request, "registrations/cancel.html", context)

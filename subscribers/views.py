"""The subscription endpoints, under /de/ and /fr/.

None uses a CSRF token: the forms that post here sit on cached pages. What
protects them instead:

- subscribing: the honeypot, the rate limit per visitor, and the double
  opt-in (nobody is subscribed before the mail's link is used), and the answer
  is the same for a new and a known address, so it reveals nobody;
- confirming, leaving and the preferences: the signed link itself, which only
  the reader has; a GET never changes anything, since mail scanners follow
  links, only the POST of the page's button (or of RFC 8058's one-click) does.

Every answer is never cached, and bad input is a 400 in the visitor's language.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Locale

from accounts.public_forms import honeypot_passed, too_many_posts
from subscribers import tokens
from subscribers.erasure import forget_erasure
from subscribers.forms import CONSENT_TEXT, SubscribeForm, form_context
from subscribers.models import Consent, SubscribePage, Subscriber
from subscribers.tasks import send_confirmation


def form_page_context(form=None):
    """The form for the endpoint's own pages, with the privacy link of this language's page."""
    page = (
        SubscribePage.objects.live()
        .filter(locale__language_code=get_language())
        .select_related("privacy_page")
        .first()
    )
    return form_context(page, page.privacy_page if page else None, form=form)


def source_url(request, source):
    """The page the form was on, absolute; the endpoint itself when the form says nothing usable."""
    if not source.startswith("/") or source.startswith("//") or "\\" in source:
        source = reverse("subscribers:subscribe")
    return request.build_absolute_uri(iri_to_uri(source))[:2000]


@csrf_exempt
@never_cache
def subscribe(request):
    if request.method != "POST":
        return render(request, "subscribers/subscribe.html", form_page_context())
    if too_many_posts(request, "subscribers", settings.SUBSCRIBERS_RATE):
        return render(
            request,
            "notice.html",
            {
                "heading": _("Too many requests"),
                "message": _(
                    "This connection has sent the subscription form too often. "
                    "Please try again in an hour."
                ),
            },
            status=429,
        )
    if not honeypot_passed(request.POST):
        context = {**form_page_context(), "refused": True}
        return render(request, "subscribers/subscribe.html", context, status=400)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "subscribers/subscribe.html", form_page_context(form), status=400)

    locale = Locale.get_active()
    email = Subscriber.normalise(form.cleaned_data["email"])
    language = form.cleaned_data["language"]
    subscriber, created = Subscriber.objects.get_or_create(
        locale=locale, email=email, defaults={"language": language}
    )
    if not created and subscriber.state != Subscriber.State.CONFIRMED:
        # Waiting, or left before: this is a new request, confirmed by the new mail.
        # A confirmed reader's language changes on their preferences page only.
        subscriber.language = language
        subscriber.state = Subscriber.State.PENDING
        subscriber.save(update_fields=["language", "state"])
    Consent.objects.create(
        subscriber=subscriber,
        text=str(CONSENT_TEXT),
        language=get_language(),
        page_url=source_url(request, form.cleaned_data["source"]),
    )
    # The task is a row in the same transaction: it exists exactly when the subscriber does.
    send_confirmation.enqueue(subscriber.pk, request.build_absolute_uri("/"))
    # The same answer whether the address was new, waiting or confirmed already.
    return render(request, "subscribers/check_inbox.html", {"email": email})


def preferences_url(subscriber):
    return reverse("subscribers:preferences", args=[tokens.make_token(subscriber, tokens.MANAGE)])


def invalid_link(request):
    """An expired, tampered or outdated link: say so, and offer the form again."""
    context = form_page_context()
    context["heading"] = _("This link is not valid")
    context["message"] = _(
        "The link has expired or is incomplete. Confirmation links are valid for a few days "
        "only. Please subscribe again: you will get a new mail."
    )
    return render(request, "subscribers/invalid_link.html", context, status=400)


@csrf_exempt
@never_cache
def confirm(request, token):
    subscriber = tokens.read_token(token, tokens.CONFIRM)
    if subscriber is None or subscriber.state == Subscriber.State.UNSUBSCRIBED:
        return invalid_link(request)
    if request.method == "POST":
        subscriber.confirm()
        # Subscribing again on their own after an erasure: the reader's new consent lifts it.
        forget_erasure(subscriber)
    if subscriber.state == Subscriber.State.CONFIRMED:
        return render(
            request,
            "subscribers/confirmed.html",
            {"subscriber": subscriber, "preferences_url": preferences_url(subscriber)},
        )
    return render(request, "subscribers/confirm.html", {"subscriber": subscriber})


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    subscriber = tokens.read_token(token, tokens.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    if request.method == "POST":
        subscriber.unsubscribe()
    if subscriber.state == Subscriber.State.UNSUBSCRIBED:
        return render(request, "subscribers/left.html", form_page_context())
    return render(
        request,
        "subscribers/unsubscribe.html",
        {"subscriber": subscriber, "preferences_url": preferences_url(subscriber)},
    )


@csrf_exempt
@never_cache
def one_click(request, token):
    """RFC 8058: the mail client's POST ``List-Unsubscribe=One-Click`` unsubscribes at once."""
    if request.method != "POST":
        return redirect("subscribers:unsubscribe", token=token)
    subscriber = tokens.read_token(token, tokens.MANAGE)
    if subscriber is None:
        return HttpResponse(
            _("This link is not valid."), status=400, content_type="text/plain; charset=utf-8"
        )
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponse(
            _("Expected List-Unsubscribe=One-Click."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    subscriber.unsubscribe()
    return HttpResponse(
        _("You have left the newsletter."), content_type="text/plain; charset=utf-8"
    )


@csrf_exempt
@never_cache
def preferences(request, token):
    subscriber = tokens.read_token(token, tokens.MANAGE)
    if subscriber is None:
        return invalid_link(request)
    if subscriber.state == Subscriber.State.UNSUBSCRIBED:
        return render(request, "subscribers/left.html", form_page_context())
    context = {
        "subscriber": subscriber,
        "languages": Subscriber.Language.choices,
        "unsubscribe_url": reverse("subscribers:unsubscribe", args=[token]),
    }
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            subscriber.unsubscribe()
            return render(request, "subscribers/left.html", form_page_context())
        language = request.POST.get("language")
        if language not in Subscriber.Language.values:
            context["error"] = _("Please choose a language.")
            return render(request, "subscribers/preferences.html", context, status=400)
        if language != subscriber.language:
            subscriber.language = language
            subscriber.save(update_fields=["language"])
        context["saved"] = True
    return render(request, "subscribers/preferences.html", context)

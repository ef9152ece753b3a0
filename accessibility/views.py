"""The feedback endpoint of the accessibility statements, under /de/ and /fr/.

The form posts without a CSRF token from the cached statement page, as the
registration and subscription forms do. What protects it: wagtail-honeypot's
trap and time stamp, and the rate limit per visitor of the public forms
(``ACCESSIBILITY_FEEDBACK_RATE``). Nothing is sent from the request: the
submission and its two mail tasks are written in one transaction, so a mail
exists exactly when the submission was committed.

Bad input is a 400 in the visitor's language; nothing here is cached.
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.contrib.forms.models import FormSubmission

from accessibility.forms import FeedbackForm
from accessibility.models import AccessibilityStatementPage
from accessibility.tasks import CONTACT, SENDER, send_feedback_mail
from accounts.public_forms import honeypot_context, honeypot_passed, too_many_posts

FEEDBACK_GROUP = "accessibility-feedback"


def feedback_context(page, form=None, **extra):
    """What the statement's template needs for its form."""
    return {
        "feedback_form": form if form is not None else FeedbackForm(),
        **honeypot_context(),
        **extra,
    }


def statement_for(page_id):
    """The live, public statement the form was on; 404 for anything else."""
    page = (
        AccessibilityStatementPage.objects.live()
        .public()
        .filter(pk=page_id)
        .select_related("locale")
        .first()
    )
    if page is None:
        raise Http404
    return page


def statement_page(request, page, form=None, status=200, **extra):
    context = page.get_context(request)
    context.update(feedback_context(page, form, **extra))
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    return response


@csrf_exempt
@never_cache
def feedback(request, page_id):
    page = statement_for(page_id)
    if request.method != "POST":
        return statement_page(request, page)
    if too_many_posts(request, FEEDBACK_GROUP, settings.ACCESSIBILITY_FEEDBACK_RATE):
        return statement_page(request, page, status=429, limited=True)
    if not honeypot_passed(request.POST):
        return statement_page(request, page, status=400, refused=True)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return statement_page(request, page, form=form, status=400)

    data = {name: value for name, value in form.cleaned_data.items() if name != "consent"} | {
        "language": get_language()
    }
    base_url = request.build_absolute_uri("/")
    with transaction.atomic():
        submission = FormSubmission.objects.create(page=page, form_data=data)
        send_feedback_mail.enqueue(submission.pk, CONTACT, base_url)
        send_feedback_mail.enqueue(submission.pk, SENDER, base_url)
    return TemplateResponse(
        request,
        "accessibility/feedback_sent.html",
        {**page.get_context(request), "email": data["email"]},
    )

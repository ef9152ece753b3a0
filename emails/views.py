"""Admin downloads of a page in e-mail form, for editors of that page.

They render the latest draft, like the preview, so an editor can test a
mail before publishing. The ``.eml`` file opens in a mail program as a
ready-made message (text plus HTML) that can be forwarded or sent on.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from emails.rendering import FORMATS, page_email
from emails.routes import PageEmailMixin


def email_message(email):
    """The mail as a multipart message: the text twin first, the HTML as its alternative."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    message.attach_alternative(email.html, "text/html")
    message.extra_headers = {"Content-Language": email.lang, "X-Unsent": "1"}
    return message


def page_email_download(request, page_id, fmt, extension):
    if fmt not in FORMATS:
        raise Http404
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    page = page.get_latest_revision_as_object()
    if not isinstance(page, PageEmailMixin):
        raise Http404
    email = page_email(page, request, fmt=fmt)
    if extension == "eml":
        content = email_message(email).message().as_bytes()
        response = HttpResponse(content, content_type="message/rfc822")
    else:
        response = HttpResponse(email.html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-{fmt}.{extension}"'
    response["Content-Language"] = email.lang
    return response

"""What protects the public forms that post without a CSRF token: a honeypot and a rate limit.

The subscription and registration forms sit on cached pages, where a CSRF
token would put a cookie on every page and keep the page out of the cache.
They share wagtail-honeypot's trap (a field people leave empty, a time stamp
that bots beat) and django-ratelimit's count per visitor, with the visitor
found behind the proxies the operator trusts (``client_ip``).
"""

from django.conf import settings
from django.utils.text import slugify
from django_ratelimit.core import is_ratelimited
from wagtail_honeypot.models import HoneypotFormSubmissionMixin

from accounts.client_ip import client_ip

HONEYPOT_NAME_FIELD = slugify(getattr(settings, "HONEYPOT_NAME_FIELD", "whf_name"))
HONEYPOT_TIME_FIELD = slugify(getattr(settings, "HONEYPOT_TIME_FIELD", "whf_time"))


def visitor_address(group, request):
    """Count posts per visitor, not per reverse proxy (``TRUSTED_PROXY_COUNT``)."""
    return client_ip(request) or ""


def honeypot_passed(data):
    """wagtail-honeypot's test: the trap field empty, and sent a few seconds after loading."""
    if data.get(HONEYPOT_NAME_FIELD, None) != "":
        return False
    return HoneypotFormSubmissionMixin.time_diff(
        data.get(HONEYPOT_TIME_FIELD), getattr(settings, "HONEYPOT_TIME_INTERVAL", 3)
    )


def too_many_posts(request, group, rate):
    """Count this POST against the visitor's ``rate``; True once it is over."""
    return is_ratelimited(
        request, group=group, key=visitor_address, rate=rate, method="POST", increment=True
    )


def honeypot_context():
    return {"honeypot_name_field": HONEYPOT_NAME_FIELD, "honeypot_time_field": HONEYPOT_TIME_FIELD}

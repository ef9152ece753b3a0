"""A misspelt NEWSLETTER_TEST_ADDRESSES would offer editors an address no test can reach."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def _invalid(address):
    try:
        validate_email(address)
    except ValidationError:
        return True
    return False


@register()
def check_test_addresses(app_configs, **kwargs):
    return [
        Error(
            f"NEWSLETTER_TEST_ADDRESSES: {address!r} is not an e-mail address.",
            hint="Separate the addresses with commas: a@example.org,b@example.org",
            id="newsletter.E001",
        )
        for address in (value.strip() for value in settings.NEWSLETTER_TEST_ADDRESSES)
        if address and _invalid(address)
    ]

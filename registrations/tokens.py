"""The signed link in every registration mail: it cancels, without a login.

It names the registration by id and address, signed with ``SECRET_KEY``; a
link of a registration whose data was removed leads nowhere.
"""

from django.core import signing

from registrations.models import Registration

SALT = "registrations.manage"


def make_token(registration):
    return signing.dumps({"id": registration.pk, "e": registration.email}, salt=SALT)


def read_token(token):
    try:
        data = signing.loads(token, salt=SALT)
        registration_id, email = int(data["id"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not email:
        return None
    return (
        Registration.objects.select_related("registration_list")
        .filter(pk=registration_id, email=email)
        .first()
    )

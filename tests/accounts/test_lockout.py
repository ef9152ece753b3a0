"""Signing in to the admin: five failures for one username from one address lock that pair out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

PASSWORD = "twinsite"  # the demo users' password
LOGIN = reverse("wagtailadmin_login")


def sign_in(client, username, password=PASSWORD, language="de", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE=language,
        **headers,
    )


def fail(client, username, times, **headers):
    return [sign_in(client, username, "wrong-password", **headers) for _ in range(times)]


def signed_in(client):
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def test_four_failures_show_the_ordinary_form_error(client, demo):
    responses = fail(client, "naumburg", 4)
    assert [response.status_code for response in responses] == [200] * 4
    assert "Bitte geben Sie" in responses[-1].text  # Wagtail's own "wrong password" message
    assert sign_in(client, "naumburg").status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_even_the_right_password_out_in_german(client, demo):
    *_, fifth = fail(client, "naumburg", 5)
    assert fifth.status_code == 429

    response = sign_in(client, "naumburg")

    assert response.status_code == 429
    assert not signed_in(client)
    assert '<html lang="de"' in response.text
    assert "Anmeldung vorübergehend gesperrt" in response.text
    assert "zu viele fehlgeschlagene Anmeldeversuche" in response.text
    # When: one hour after the latest attempt, in the site's time zone.
    attempt = AccessAttempt.objects.get(username="naumburg")
    retry_at = timezone.localtime(attempt.attempt_time + timedelta(hours=1))  # Europe/Berlin
    with translation.override("de"):
        shown = formats.date_format(retry_at, "SHORT_DATETIME_FORMAT", use_l10n=True)
    assert f"Sie können es ab {shown} wieder versuchen" in response.text
    assert "in etwa 60 Minuten" in response.text
    assert 3590 <= int(response["Retry-After"]) <= 3600


def test_the_lockout_page_follows_a_french_browser(client, demo):
    fail(client, "lesulis", 5, language="fr")

    response = sign_in(client, "lesulis", language="fr")

    assert response.status_code == 429
    assert '<html lang="fr"' in response.text
    assert "Connexion temporairement bloquée" in response.text
    assert "Vous pourrez réessayer à partir du" in response.text
    assert "dans environ 60 minutes" in response.text


def test_other_users_and_other_addresses_are_not_affected(demo):
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    fail(attacker, "naumburg", 5)
    assert sign_in(attacker, "naumburg").status_code == 429

    colleague_same_address = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(colleague_same_address, "lesulis").status_code == 302
    assert signed_in(colleague_same_address)

    naumburg_at_the_town_hall = Client(REMOTE_ADDR="192.0.2.20")
    assert sign_in(naumburg_at_the_town_hall, "naumburg").status_code == 302
    assert signed_in(naumburg_at_the_town_hall)


def test_signing_in_works_again_after_the_cool_off(client, demo):
    fail(client, "naumburg", 5)
    assert sign_in(client, "naumburg").status_code == 429

    # An hour and a minute later.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=61))

    response = sign_in(client, "naumburg")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert signed_in(client)


def test_an_administrator_can_lift_the_lock_at_once(client, demo):
    fail(client, "naumburg", 5)
    assert sign_in(client, "naumburg").status_code == 429

    call_command("axes_reset_username", "naumburg")

    assert sign_in(client, "naumburg").status_code == 302


def test_a_successful_sign_in_resets_the_count(client, demo):
    fail(client, "naumburg", 4)
    assert sign_in(client, "naumburg").status_code == 302
    assert not AccessAttempt.objects.filter(username="naumburg").exists()
    client.post(reverse("wagtailadmin_logout"))

    assert [r.status_code for r in fail(client, "naumburg", 4)] == [200] * 4
    assert sign_in(client, "naumburg").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(demo):
    """Without TRUSTED_PROXY_COUNT the header is ignored: the address is the connection's."""
    client = Client(REMOTE_ADDR="198.51.100.7")
    fail(client, "naumburg", 5, HTTP_X_FORWARDED_FOR="203.0.113.1")

    response = sign_in(client, "naumburg", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


@pytest.mark.parametrize(
    "forwarded, locked",
    [
        ("203.0.113.5", True),  # the same visitor again
        ("10.9.9.9, 203.0.113.5", True),  # the same visitor, with a forged entry in front
        ("203.0.113.6", False),  # another visitor behind the same proxy
    ],
)
def test_behind_a_trusted_proxy_the_visitor_is_the_last_forwarded_address(
    settings, demo, forwarded, locked
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    fail(proxy, "naumburg", 5, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"

    response = sign_in(proxy, "naumburg", HTTP_X_FORWARDED_FOR=forwarded)

    assert (response.status_code == 429) is locked

"""Two-factor authentication (TOTP) that each editor turns on and off from their account page.

Codes come from ``django_otp.oath.totp``, as an authenticator app computes them.
django-otp accepts each 30-second code once and slows down wrong guesses, so
where a test needs a second code or a retry straight away it moves the device's
records back in time, as waiting would.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "twinsite"  # the demo users' password
SETUP = reverse("accounts_two_factor")
VERIFY = reverse("accounts_two_factor_verify")
DASHBOARD = reverse("wagtailadmin_home")
LOGIN = reverse("wagtailadmin_login")


def code(device, wrong=False):
    """The code the editor's app shows now (or one that no step near now would accept)."""
    device.refresh_from_db()
    near = [
        totp(device.bin_key, step=device.step, digits=device.digits, drift=device.drift + shift)
        for shift in (-1, 0, 1, 2)
    ]
    token = near[1]
    if wrong:
        token = next(candidate for candidate in range(10**6) if candidate not in near)
    return f"{token:06d}"


def half_a_minute_later(device):
    """What waiting for the app's next code does: the code just used is no longer the latest."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=device.last_t - 2, throttling_failure_timestamp=None, throttling_failure_count=0
    )
    device.refresh_from_db()


def password_sign_in(username, **extra):
    client = Client(**extra)
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.text
    return client


def signed_in_with_device(username):
    """A user who turned two-factor on earlier and has just given their password."""
    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    return password_sign_in(username), device


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


def test_the_account_page_links_to_two_factor_authentication(demo):
    client = password_sign_in("naumburg")

    page = client.get(reverse("wagtailadmin_account"))

    assert page.status_code == 200
    assert f'href="{SETUP}"' in page.text
    assert "Zwei-Faktor-Authentifizierung" in page.text
    assert "Ausgeschaltet: Schützen Sie Ihr Konto" in page.text


def test_whole_flow_for_a_german_editor(demo):
    client = password_sign_in("naumburg")

    # Setup: a QR code drawn in the page and the key to type by hand, in German.
    setup = client.get(SETUP)
    assert setup.status_code == 200
    assert '<html lang="de"' in setup.text
    assert "Scannen Sie diesen QR-Code mit Ihrer App" in setup.text
    assert "<svg" in setup.text and "<path" in setup.text
    device = TOTPDevice.objects.get(user__username="naumburg")
    assert not device.confirmed
    assert device.config_url.startswith("otpauth://totp/") and "naumburg" in device.config_url
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", setup.text).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert client.get(SETUP).text.count(secret) == 1  # the same key on every visit until confirmed

    # A wrong code is refused in German and changes nothing.
    wrong = client.post(SETUP, {"action": "confirm", "token": code(device, wrong=True)})
    assert wrong.status_code == 200
    assert "Dieser Code stimmt nicht." in wrong.text
    device.refresh_from_db()
    assert not device.confirmed

    # The right code turns it on, and this session counts as verified.
    half_a_minute_later(device)
    confirmed = client.post(SETUP, {"action": "confirm", "token": code(device)}, follow=True)
    assert "Die Zwei-Faktor-Authentifizierung ist eingeschaltet." in confirmed.text
    assert "Zwei-Faktor-Authentifizierung ausschalten" in confirmed.text
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DASHBOARD).status_code == 200
    assert "Eingeschaltet: Nach Ihrem Passwort" in client.get(reverse("wagtailadmin_account")).text

    # Signing out and in again: the password alone no longer opens the admin.
    client.post(reverse("wagtailadmin_logout"))
    client.post(LOGIN, {"username": "naumburg", "password": PASSWORD, "next": DASHBOARD})
    dashboard = client.get(DASHBOARD)
    assert dashboard.status_code == 302
    assert dashboard["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    pages = reverse("wagtailadmin_explore", args=[demo.home_de.id])
    assert client.get(pages)["Location"].startswith(VERIFY)

    ask = client.get(dashboard["Location"])
    assert ask.status_code == 200
    assert '<html lang="de"' in ask.text
    assert "Sie melden sich als naumburg an." in ask.text

    # A wrong code: refused in German, still no admin.
    half_a_minute_later(device)
    refused = client.post(VERIFY, {"token": code(device, wrong=True), "next": pages})
    assert refused.status_code == 200
    assert "Dieser Code stimmt nicht." in refused.text
    assert client.get(pages).status_code == 302

    # The right code opens the page the editor wanted.
    half_a_minute_later(device)
    verified = client.post(VERIFY, {"token": code(device), "next": pages})
    assert verified.status_code == 302
    assert verified["Location"] == pages
    assert client.get(pages).status_code == 200
    assert client.get(DASHBOARD).status_code == 200

    # Turning it off needs a current code too.
    half_a_minute_later(device)
    kept = client.post(SETUP, {"action": "disable", "token": code(device, wrong=True)})
    assert "Dieser Code stimmt nicht." in kept.text
    assert TOTPDevice.objects.filter(user__username="naumburg", confirmed=True).exists()
    half_a_minute_later(device)
    off = client.post(SETUP, {"action": "disable", "token": code(device)}, follow=True)
    assert "Die Zwei-Faktor-Authentifizierung ist ausgeschaltet." in off.text
    assert not TOTPDevice.objects.filter(user__username="naumburg", confirmed=True).exists()

    # And the password alone is enough again.
    client.post(reverse("wagtailadmin_logout"))
    assert password_sign_in("naumburg").get(DASHBOARD).status_code == 200


def test_whole_flow_in_french_for_les_ulis(demo):
    client = password_sign_in("lesulis")

    setup = client.get(SETUP)
    assert '<html lang="fr"' in setup.text
    assert "Scannez ce QR code avec votre application" in setup.text
    device = TOTPDevice.objects.get(user__username="lesulis")

    wrong = client.post(SETUP, {"action": "confirm", "token": "12345"})
    assert "Saisissez le code à 6 chiffres" in wrong.text
    wrong = client.post(SETUP, {"action": "confirm", "token": code(device, wrong=True)})
    assert "Ce code n&#x27;est pas le bon." in wrong.text

    half_a_minute_later(device)
    on = client.post(SETUP, {"action": "confirm", "token": code(device)}, follow=True)
    assert "L&#x27;authentification à deux facteurs est activée." in on.text

    client.post(reverse("wagtailadmin_logout"))
    client.post(LOGIN, {"username": "lesulis", "password": PASSWORD})
    ask = client.get(client.get(DASHBOARD)["Location"])
    assert '<html lang="fr"' in ask.text
    assert "Vous vous connectez en tant que lesulis." in ask.text

    half_a_minute_later(device)
    refused = client.post(VERIFY, {"token": code(device, wrong=True)})
    assert "Ce code n&#x27;est pas le bon." in refused.text

    half_a_minute_later(device)
    assert client.post(VERIFY, {"token": code(device)})["Location"] == DASHBOARD

    half_a_minute_later(device)
    off = client.post(SETUP, {"action": "disable", "token": code(device)}, follow=True)
    assert "L&#x27;authentification à deux facteurs est désactivée." in off.text


def test_a_code_is_accepted_only_once(demo):
    client, device = signed_in_with_device("naumburg")
    token = code(device)
    assert client.post(VERIFY, {"token": token})["Location"] == DASHBOARD

    other = password_sign_in("naumburg")
    replayed = other.post(VERIFY, {"token": token})

    assert replayed.status_code == 200
    assert "Dieser Code stimmt nicht." in replayed.text
    assert other.get(DASHBOARD).status_code == 302


def test_quick_guesses_are_slowed_down_per_device(demo):
    client, device = signed_in_with_device("naumburg")
    client.post(VERIFY, {"token": code(device, wrong=True)})

    # Straight after a wrong code, even the right one must wait.
    too_soon = client.post(VERIFY, {"token": code(device)})

    assert too_soon.status_code == 200
    assert "Zu viele falsche Codes. Warten Sie 1 Sekunde" in too_soon.text
    assert client.get(DASHBOARD).status_code == 302


def test_five_wrong_codes_lock_the_sign_in_like_wrong_passwords(demo):
    client, device = signed_in_with_device("naumburg")
    statuses = []
    for _ in range(5):
        half_a_minute_later(device)
        statuses.append(client.post(VERIFY, {"token": code(device, wrong=True)}).status_code)
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessAttempt.objects.get(username="naumburg").failures_since_start == 5

    # Even the right code is refused now, with the lockout page in the admin language.
    half_a_minute_later(device)
    locked = client.post(VERIFY, {"token": code(device)}, HTTP_ACCEPT_LANGUAGE="fr")
    assert locked.status_code == 429
    assert '<html lang="de"' in locked.text
    assert "Anmeldung vorübergehend gesperrt" in locked.text
    assert client.get(DASHBOARD).status_code == 302
    # And so is the password, from this address.
    again = Client().post(LOGIN, {"username": "naumburg", "password": PASSWORD})
    assert again.status_code == 429


@pytest.mark.parametrize(
    "path",
    [
        "/django-admin/",
        "/admin/pages/",
        "/admin/account/",
        "/admin/account/two-factor/",
    ],
)
def test_nothing_but_the_code_page_opens_to_the_password_alone(demo, path):
    client, _ = signed_in_with_device("naumburg")

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


def test_public_pages_are_served_to_visitors_as_before(demo):
    client, _ = signed_in_with_device("naumburg")
    visitor = Client()

    assert visitor.get(demo.home_de.url).status_code == 200
    assert client.get(demo.home_de.url)["Location"].startswith(VERIFY)
    # Signing out is always possible, and leaves an ordinary visitor.
    client.post(reverse("wagtailadmin_logout"))
    assert client.get(demo.home_de.url).status_code == 200


def test_the_code_page_sends_elsewhere_only_within_the_site(demo):
    client, device = signed_in_with_device("naumburg")

    response = client.post(VERIFY, {"token": code(device), "next": "https://evil.example/"})

    assert response["Location"] == DASHBOARD


def test_editors_without_two_factor_are_not_asked_for_a_code(demo):
    client = password_sign_in("lesulis")

    assert client.get(DASHBOARD).status_code == 200
    assert client.get(VERIFY)["Location"] == DASHBOARD
    assert not TOTPDevice.objects.filter(user__username="lesulis").exists()


def test_an_unconfirmed_setup_does_not_ask_for_a_code(demo):
    client = password_sign_in("naumburg")
    client.get(SETUP)  # QR code shown, never confirmed
    client.post(reverse("wagtailadmin_logout"))

    assert password_sign_in("naumburg").get(DASHBOARD).status_code == 200


def test_a_lost_phone_is_handled_by_removing_the_device(demo):
    """What an administrator does (Django admin or shell): the password is enough again."""
    client, device = signed_in_with_device("naumburg")
    assert client.get(DASHBOARD).status_code == 302

    TOTPDevice.objects.filter(user__username="naumburg").delete()

    assert client.get(DASHBOARD).status_code == 200


def test_a_stale_form_sent_twice_does_not_turn_two_factor_off(demo):
    client = password_sign_in("naumburg")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user__username="naumburg")
    token = code(device)
    client.post(SETUP, {"action": "confirm", "token": token})

    again = client.post(SETUP, {"action": "confirm", "token": token})

    assert again.status_code == 302
    assert TOTPDevice.objects.get(user__username="naumburg").confirmed


def test_the_setup_page_needs_a_signed_in_editor(client, demo):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_force_login_as_in_the_other_tests_still_opens_the_admin(demo):
    client = Client()
    client.force_login(get_user_model().objects.get(username="lesulis"))

    page = client.get(reverse("wagtailadmin_account"))

    assert page.status_code == 200
    assert "Authentification à deux facteurs" in page.text
    assert "Désactivée : protégez votre compte" in page.text


def test_the_lockout_cool_off_also_ends_for_codes(demo):
    client, device = signed_in_with_device("naumburg")
    for _ in range(5):
        half_a_minute_later(device)
        client.post(VERIFY, {"token": code(device, wrong=True)})
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=61)
    )

    half_a_minute_later(device)
    assert client.post(VERIFY, {"token": code(device)})["Location"] == DASHBOARD


def test_signing_in_again_with_the_password_does_not_clear_wrong_codes(demo):
    client, device = signed_in_with_device("naumburg")
    for _ in range(3):
        half_a_minute_later(device)
        client.post(VERIFY, {"token": code(device, wrong=True)})
    client.post(reverse("wagtailadmin_logout"))

    again = password_sign_in("naumburg")
    statuses = []
    for _ in range(2):
        half_a_minute_later(device)
        statuses.append(again.post(VERIFY, {"token": code(device, wrong=True)}).status_code)

    assert statuses == [200, 429]


def test_the_code_completes_the_sign_in_and_clears_the_count(demo):
    client, device = signed_in_with_device("naumburg")
    for _ in range(4):
        half_a_minute_later(device)
        client.post(VERIFY, {"token": code(device, wrong=True)})
    assert AccessAttempt.objects.get(username="naumburg").failures_since_start == 4

    half_a_minute_later(device)
    assert client.post(VERIFY, {"token": code(device)})["Location"] == DASHBOARD

    assert not AccessAttempt.objects.filter(username="naumburg").exists()

"""Leaving: the unsubscribe page, RFC 8058's one-click POST and the preferences page."""

import pytest

from subscribers import tokens
from subscribers.mails import one_click_url
from subscribers.models import Subscriber
from tests.subscribers.helpers import subscribe

pytestmark = pytest.mark.django_db

LEFT = {"de": "Sie haben den Newsletter abbestellt", "fr": "Vous vous êtes désabonné"}
SAVED = {"de": "Ihre Wahl ist gespeichert", "fr": "Votre choix est enregistré"}


@pytest.fixture(params=["de", "fr"])
def reader(request, client, demo):
    language = request.param
    subscribe(client, language, f"leserin-{language}@example.org")
    subscriber = Subscriber.objects.get()
    subscriber.confirm()
    subscriber.site_language = language
    subscriber.token = tokens.make_token(subscriber, tokens.MANAGE)
    return subscriber


def state(subscriber):
    subscriber.refresh_from_db()
    return subscriber.state


def test_one_click_unsubscribes_with_the_rfc_8058_post(client, reader):
    url = one_click_url(reader, "http://testserver")
    answer = client.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200
    assert state(reader) == Subscriber.State.UNSUBSCRIBED
    assert reader.unsubscribed_at is not None
    # Again: still 200, nothing changes.
    left_at = reader.unsubscribed_at
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    reader.refresh_from_db()
    assert reader.unsubscribed_at == left_at


def test_one_click_wants_its_body_and_a_valid_link(client, reader):
    url = one_click_url(reader, "http://testserver")
    assert client.post(url, {}).status_code == 400
    assert client.post(url.replace("one-click/", "one-click/x"), {}).status_code == 400
    # A GET (a scanner, or a client that only knows links) leads to the page with the button.
    followed = client.get(url)
    assert followed.status_code == 302
    assert "/subscription/unsubscribe/" in followed["Location"]
    assert state(reader) == Subscriber.State.CONFIRMED


def test_the_unsubscribe_page_leaves_only_on_its_button(client, reader):
    url = f"/{reader.site_language}/subscription/unsubscribe/{reader.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.text
    assert state(reader) == Subscriber.State.CONFIRMED
    left = client.post(url)
    assert left.status_code == 200
    assert LEFT[reader.site_language] in left.text
    assert state(reader) == Subscriber.State.UNSUBSCRIBED
    assert client.post(url).status_code == 200, "leaving twice is fine"
    assert client.get(url.replace(reader.token, reader.token + "x")).status_code == 400


def test_preferences_change_the_language_or_leave(client, reader):
    url = f"/{reader.site_language}/subscription/preferences/{reader.token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="both"' in page.text
    saved = client.post(url, {"language": "both", "action": "save"})
    assert saved.status_code == 200
    assert SAVED[reader.site_language] in saved.text
    reader.refresh_from_db()
    assert reader.language == Subscriber.Language.BOTH
    assert client.post(url, {"language": "xx"}).status_code == 400
    left = client.post(url, {"action": "leave"})
    assert LEFT[reader.site_language] in left.text
    assert state(reader) == Subscriber.State.UNSUBSCRIBED
    # A confirmation link no longer brings a reader back who left.
    confirm = tokens.make_token(reader, tokens.CONFIRM)
    again = client.post(f"/{reader.site_language}/subscription/confirm/{confirm}/")
    assert again.status_code == 400
    assert state(reader) == Subscriber.State.UNSUBSCRIBED

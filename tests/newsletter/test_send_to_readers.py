"""Sending an issue to its readers: the admin view, the real db worker and a local SMTP server."""

import email
import re
from collections import Counter
from email import policy

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from demo.sections import demo_key
from newsletter import delivery as sending
from newsletter.models import Delivery, IssueSend, NewsletterIssuePage
from subscribers import tokens
from subscribers.models import Subscriber
from tests.smtp import local_smtp
from tests.subscribers.helpers import run_mail_worker

pytestmark = pytest.mark.django_db

TITLE = {"de": "Neues aus der Partnerschaft", "fr": "Des nouvelles du jumelage"}
UNSUBSCRIBE = re.compile(r"https?://[^/\s]+(/(?:de|fr)/subscription/unsubscribe/([^/\s\]]+)/)")


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler


@pytest.fixture
def german_issue(demo):
    return NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code="de"
    )


def reader(locale, address, language, state=Subscriber.State.CONFIRMED):
    return Subscriber.objects.create(email=address, language=language, state=state, locale=locale)


@pytest.fixture
def readers(demo):
    """Naumburg's list: two German, two French, one bilingual reader; some who get nothing.

    Only these: the demo's own readers (demo/subscriptions.py) are taken off first.
    """
    Subscriber.objects.all().delete()
    confirmed = [
        reader(demo.de, "de1@example.org", "de"),
        reader(demo.de, "de2@example.org", "de"),
        reader(demo.de, "fr1@example.org", "fr"),
        reader(demo.de, "fr2@example.org", "fr"),
        reader(demo.de, "both@example.org", "both"),
    ]
    reader(demo.de, "pending@example.org", "de", Subscriber.State.PENDING)
    reader(demo.de, "left@example.org", "de", Subscriber.State.UNSUBSCRIBED)
    reader(demo.de, "stopped@example.org", "fr", Subscriber.State.STOPPED)
    reader(demo.fr, "lesulis@example.org", "fr")  # the other town's list
    return confirmed


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def url(page):
    return f"/admin/newsletter/issues/{page.pk}/send/"


def marker(client, page):
    answer = client.get(url(page))
    assert answer.status_code == 200
    return re.search(r'name="marker" value="([^"]*)"', answer.text)[1]


def confirm(client, page, missing="wait"):
    return client.post(url(page), {"marker": marker(client, page), "missing": missing})


def received(smtp):
    """{address: [message, ...]} of everything the server accepted."""
    mails = {}
    for envelope in smtp.envelopes:
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        for address in envelope.rcpt_tos:
            mails.setdefault(address, []).append(message)
    return mails


def test_every_confirmed_reader_gets_one_mail_in_their_language(
    client, smtp, german_issue, readers, monkeypatch
):
    login(client, "naumburg")
    page = client.get(url(german_issue))
    assert page.status_code == 200
    assert "Confirm: send to 5 readers" in page.text or "Bestätigen" in page.text

    answer = confirm(client, german_issue)
    assert answer.status_code == 302
    assert smtp.envelopes == [], "nothing is sent in the request"
    assert Delivery.objects.filter(state="queued").count() == 5
    run_mail_worker(monkeypatch)

    mails = received(smtp)
    assert set(mails) == {r.email for r in readers}
    assert all(len(messages) == 1 for messages in mails.values())
    for subscriber in readers:
        [message] = mails[subscriber.email]
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        if subscriber.language == "both":
            assert message["Subject"].strip() == f"{TITLE['de']} · {TITLE['fr']}"
            assert 'lang="de"' in html and 'lang="fr"' in html
        else:
            assert message["Subject"].strip() == TITLE[subscriber.language]
            assert message["Content-Language"] == subscriber.language
        assert message["List-Id"] == "<naumburg-les-ulis.de.example.org>"
        assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(">")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/subscription/one-click/" in message["List-Unsubscribe"]
        [(path, token)] = set(UNSUBSCRIBE.findall(text))
        assert path in html
        assert tokens.read_token(token, tokens.MANAGE) == subscriber, "the reader's own link"
        assert "unsubscribe.invalid" not in text + html
    assert Delivery.objects.filter(state="sent").count() == 5
    assert set(Delivery.objects.values_list("message_id", flat=True)) == {
        message["Message-ID"] for [message] in mails.values()
    }

    # A second confirm of the same form, and the page after it, send nothing again.
    again = client.post(url(german_issue), {"marker": "new", "missing": "wait"}, follow=True)
    assert again.status_code == 200
    assert Delivery.objects.count() == 5
    again = confirm(client, german_issue)
    assert again.status_code == 302
    run_mail_worker(monkeypatch)
    assert len(smtp.envelopes) == 5
    progress = client.get(url(german_issue))
    assert 'id="send-progress"' in progress.text


def test_a_reader_who_leaves_after_queueing_gets_nothing(
    client, smtp, german_issue, readers, monkeypatch
):
    login(client, "naumburg")
    confirm(client, german_issue)
    readers[0].unsubscribe()
    readers[1].stop("550 gone")
    run_mail_worker(monkeypatch)
    mails = received(smtp)
    assert readers[0].email not in mails and readers[1].email not in mails
    assert len(mails) == 3
    assert Delivery.objects.filter(state="dropped").count() == 2


def test_4xx_is_retried_and_5xx_stops_the_address(client, smtp, german_issue, readers, monkeypatch):
    smtp.refuse["de1@example.org"] = "550 5.1.1 No such user here"
    smtp.refuse["fr1@example.org"] = "451 4.7.1 Greylisted, try again later"
    smtp.refuse_times["fr1@example.org"] = 1
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)  # retries are due at once in tests (NEWSLETTER_RETRY_SECONDS=0)

    mails = received(smtp)
    assert "de1@example.org" not in mails
    assert len(mails["fr1@example.org"]) == 1, "the retry went through, once"
    assert len(mails) == 4
    refused = Delivery.objects.get(subscriber=readers[0])
    assert (refused.state, refused.smtp_code) == ("refused", 550)
    assert "No such user" in refused.smtp_answer
    readers[0].refresh_from_db()
    assert readers[0].state == Subscriber.State.STOPPED
    assert "550" in readers[0].stop_reason
    retried = Delivery.objects.get(subscriber=readers[2])
    assert (retried.state, retried.attempts) == ("sent", 2)

    page = client.get(url(german_issue))
    assert "de1@example.org" in page.text and "No such user" in page.text


@override_settings(NEWSLETTER_SEND_MAX_ATTEMPTS=2)
def test_a_4xx_that_never_clears_is_reported_after_the_last_attempt(
    client, smtp, german_issue, readers, monkeypatch
):
    smtp.refuse["fr2@example.org"] = "452 4.2.2 Mailbox full"
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    failed = Delivery.objects.get(subscriber=readers[3])
    assert (failed.state, failed.attempts, failed.smtp_code) == ("refused", 2, 452)
    readers[3].refresh_from_db()
    assert readers[3].state == Subscriber.State.CONFIRMED, "a temporary refusal stops nobody"


def test_worker_retries_later_with_run_after(client, smtp, german_issue, readers, monkeypatch):
    smtp.refuse["fr1@example.org"] = "421 4.3.2 Service not available"
    smtp.refuse_times["fr1@example.org"] = 1
    login(client, "naumburg")
    with override_settings(NEWSLETTER_RETRY_SECONDS=3600):
        confirm(client, german_issue)
        run_mail_worker(monkeypatch)
    assert "fr1@example.org" not in received(smtp)
    failed = Delivery.objects.get(subscriber=readers[2])
    assert failed.state == "failed" and failed.next_attempt_at is not None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after is not None
    # An hour later: the task and the delivery are due.
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=failed.queued_at)
    Delivery.objects.filter(pk=failed.pk).update(next_attempt_at=failed.queued_at)
    run_mail_worker(monkeypatch)
    assert len(received(smtp)["fr1@example.org"]) == 1


@override_settings(NEWSLETTER_SEND_BATCH=2)
def test_a_crash_halfway_leaves_nobody_with_two_mails(
    client, smtp, german_issue, readers, monkeypatch
):
    reader(readers[0].locale, "de3@example.org", "de")  # 6 readers, 3 batches
    real_mark_sent = sending.mark_sent
    calls = []

    def crash_on_third(delivery):
        calls.append(delivery.pk)
        if len(calls) == 3:
            raise RuntimeError("worker killed")  # the third mail went out, unmarked
        return real_mark_sent(delivery)

    monkeypatch.setattr(sending, "mark_sent", crash_on_third)
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    monkeypatch.setattr(sending, "mark_sent", real_mark_sent)
    assert Delivery.objects.filter(state="sending").count() == 2

    # The restart: records left in "sending" are never sent again, but reported.
    with override_settings(NEWSLETTER_SENDING_TIMEOUT=0):
        page = client.get(url(german_issue))
        run_mail_worker(monkeypatch)
    assert Delivery.objects.filter(state="unknown").count() == 2
    assert page.text.count('value="resend"') == 2

    counts = Counter(address for address, messages in received(smtp).items() for _ in messages)
    unknown = set(
        Delivery.objects.filter(state="unknown").values_list("subscriber__email", flat=True)
    )
    everyone = set(
        Subscriber.objects.filter(locale=readers[0].locale, state="confirmed").values_list(
            "email", flat=True
        )
    )
    assert max(counts.values()) == 1
    assert all(counts[address] == 1 or address in unknown for address in everyone)

    # The editor resends the one that got nothing and drops the one that did.
    [never] = [
        d for d in Delivery.objects.filter(state="unknown") if not counts[d.subscriber.email]
    ]
    [got_it] = [d for d in Delivery.objects.filter(state="unknown") if counts[d.subscriber.email]]
    client.post(url(german_issue), {"delivery": never.pk, "action": "resend"})
    client.post(url(german_issue), {"delivery": got_it.pk, "action": "drop"})
    run_mail_worker(monkeypatch)
    counts = Counter(address for address, messages in received(smtp).items() for _ in messages)
    assert set(counts) == everyone and set(counts.values()) == {1}
    assert Delivery.objects.filter(state="unknown").count() == 0


def test_a_draft_version_waits_or_gets_the_other_language(
    client, smtp, german_issue, readers, monkeypatch
):
    german_issue.get_translation(
        readers[0].locale.__class__.objects.get(language_code="fr")
    ).unpublish()
    login(client, "naumburg")
    page = client.get(url(german_issue))
    assert page.text.count("would get nothing") + page.text.count("nichts") >= 1

    confirm(client, german_issue, missing="wait")
    run_mail_worker(monkeypatch)
    assert set(received(smtp)) == {"de1@example.org", "de2@example.org"}

    confirm(client, german_issue, missing="other")  # later: send them the German one
    run_mail_worker(monkeypatch)
    mails = received(smtp)
    assert len(mails) == 5 and all(len(m) == 1 for m in mails.values())
    assert mails["fr1@example.org"][0]["Subject"].strip() == TITLE["de"]
    assert mails["both@example.org"][0]["Subject"].strip() == TITLE["de"]


def test_permissions(client, german_issue, readers, demo):
    french = german_issue.get_translation(demo.fr)
    assert client.get(url(german_issue)).status_code == 302  # to the login
    login(client, "lesulis")
    # Wagtail answers a refusal (PermissionDenied) with a redirect to the dashboard and a message.
    for refused in (
        client.get(url(german_issue)),
        client.post(url(german_issue), {"marker": "new"}),
    ):
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.get(url(french)).status_code == 200
    for missing in (999999, demo.home_fr.pk):  # no such page, not an issue
        answer = client.get(f"/admin/newsletter/issues/{missing}/send/", follow=True)
        assert answer.status_code == 404
    login(client, "naumburg")
    refused = client.get(url(french))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not IssueSend.objects.exists()
    edit = client.get(f"/admin/pages/{german_issue.pk}/edit/")
    assert url(german_issue) in edit.text, "the button beside Send test"


def test_bad_input_is_no_500(client, german_issue, readers):
    login(client, "naumburg")
    assert (
        client.post(url(german_issue), {"missing": "everyone", "marker": "new"}).status_code == 400
    )
    assert client.post(url(german_issue), {}).status_code == 400
    assert client.post(url(german_issue), {"marker": "x" * 5000}).status_code == 400
    for data in (
        {"delivery": "abc", "action": "resend"},
        {"delivery": "1", "action": "explode"},
        {"delivery": "99999999999999999999", "action": "drop"},
    ):
        assert client.post(url(german_issue), data).status_code == 302
    assert not Delivery.objects.exists()


def test_query_count_of_the_send_view_is_constant(
    client,
    german_issue,
    readers,
    demo,
    monkeypatch,
    smtp,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    client.get(url(german_issue))
    with django_assert_max_num_queries(200) as few:
        client.get(url(german_issue))
    baseline = len(few.captured_queries)  # now: the worker's queries push the log on
    for n in range(30):
        reader(demo.de, f"more{n}@example.org", ["de", "fr", "both"][n % 3])
    smtp.refuse.update({f"more{n}@example.org": "550 no" for n in range(5)})
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    with django_assert_num_queries(baseline):
        answer = client.get(url(german_issue))
    assert answer.status_code == 200

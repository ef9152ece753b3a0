"""DKIM: every mail signed when a key is configured, checked as a receiving server would.

The mails go through the real workers and a local SMTP server; what the server
received is verified with dkimpy against the public key a TXT record would publish.
"""

import base64
import email
import re
import subprocess
from email import policy

import dkim
import pytest
from django.core.checks import run_checks
from django.test import override_settings

from demo.sections import demo_key
from newsletter.models import IssueSend, NewsletterIssuePage
from subscribers.models import Subscriber
from tests.newsletter.test_send_to_readers import confirm, login, reader
from tests.smtp import local_smtp
from tests.subscribers.helpers import run_mail_worker, subscribe
from tests.system_tools import program

pytestmark = pytest.mark.django_db

SELECTOR = "twinsite2025"
DOMAIN = "example.org"  # the domain of the test settings' DEFAULT_FROM_EMAIL
PEM_BEGIN = "-----BEGIN PRIVATE KEY-----"


@pytest.fixture(scope="module")
def key_pair(tmp_path_factory):
    """(private PEM, the TXT record of its public key), made with openssl as dknewkey does."""
    openssl = program("openssl", "openssl")
    folder = tmp_path_factory.mktemp("dkim")
    private = folder / "private.pem"
    subprocess.run([openssl, "genrsa", "-out", private, "2048"], check=True, capture_output=True)
    der = subprocess.run(
        [openssl, "rsa", "-in", private, "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)
    return private, record


@pytest.fixture
def german_issue(demo):
    return NewsletterIssuePage.objects.get(
        translation_key=demo_key("page:newsletter-bilingual"), locale__language_code="de"
    )


@pytest.fixture
def readers(demo):
    """One reader of each version on Naumburg's list, and only these (not the demo's)."""
    Subscriber.objects.all().delete()
    return [
        reader(demo.de, "de@example.org", "de"),
        reader(demo.de, "fr@example.org", "fr"),
        reader(demo.de, "both@example.org", "both"),
    ]


@pytest.fixture
def smtp():
    with local_smtp() as handler:
        yield handler


@pytest.fixture
def signing(smtp, key_pair):
    """The settings that an operator's .env gives (DKIM_PRIVATE_KEY_FILE, DKIM_SELECTOR)."""
    private, _record = key_pair
    with override_settings(
        EMAIL_BACKEND="emails.signing.SigningEmailBackend",
        DKIM_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DKIM_PRIVATE_KEY_FILE=str(private),
        DKIM_SELECTOR=SELECTOR,
    ):
        yield smtp


def dns(key_pair):
    """A resolver that knows one TXT record: <selector>._domainkey.<domain>."""

    def txt(name, timeout=5):
        if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode():
            return key_pair[1]
        return None

    return txt


def raw_mails(handler):
    """{address: raw bytes as the server received them}."""
    return {
        address: envelope.original_content
        for envelope in handler.envelopes
        for address in envelope.rcpt_tos
    }


def signature_tags(raw):
    header = email.message_from_bytes(raw, policy=policy.default)["DKIM-Signature"]
    return {
        name.strip(): re.sub(r"\s+", "", value)
        for name, value in (tag.split("=", 1) for tag in header.split(";") if "=" in tag)
    }


def test_every_reader_gets_an_issue_whose_signature_covers_the_unsubscribe_headers(
    client, signing, german_issue, readers, key_pair, monkeypatch
):
    login(client, "naumburg")
    assert confirm(client, german_issue).status_code == 302
    run_mail_worker(monkeypatch)

    mails = raw_mails(signing)
    assert set(mails) == {reader.email for reader in readers}
    for raw in mails.values():
        assert dkim.verify(raw, dnsfunc=dns(key_pair)), "a receiving server accepts it"
        tags = signature_tags(raw)
        assert (tags["d"], tags["s"], tags["a"], tags["c"]) == (
            DOMAIN,
            SELECTOR,
            "rsa-sha256",
            "relaxed/relaxed",
        )
        signed = tags["h"].lower().split(":")
        for name in ("from", "to", "subject", "date", "message-id", "list-id"):
            assert name in signed
        assert "list-unsubscribe" in signed and "list-unsubscribe-post" in signed
        assert len(signed) == len(set(signed)), "each present header once, nothing absent"
    assert set(IssueSend.objects.get().deliveries.values_list("state", flat=True)) == {"sent"}


def test_a_changed_unsubscribe_link_breaks_the_signature(
    client, signing, german_issue, readers, key_pair, monkeypatch
):
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    raw = raw_mails(signing)[readers[0].email]
    assert dkim.verify(raw, dnsfunc=dns(key_pair))
    # Headers may be folded: "List-Unsubscribe:\r\n <https://...>".
    tampered = re.sub(rb"(List-Unsubscribe:\s+<)[^>]+", rb"\1https://evil.example/x", raw)
    assert tampered != raw
    assert not dkim.verify(tampered, dnsfunc=dns(key_pair))
    dropped = re.sub(rb"List-Unsubscribe-Post:[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*", b"", raw)
    assert dropped != raw
    assert not dkim.verify(dropped, dnsfunc=dns(key_pair))


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_confirmation_mail_is_signed(client, demo, signing, key_pair, monkeypatch, language):
    address = f"neu-{language}@example.org"
    assert subscribe(client, language, address).status_code == 200
    run_mail_worker(monkeypatch)
    raw = raw_mails(signing)[address]
    assert dkim.verify(raw, dnsfunc=dns(key_pair))
    assert "list-unsubscribe-post" in signature_tags(raw)["h"].lower().split(":")


@override_settings(NEWSLETTER_TEST_ADDRESSES=["leserin@example.org"])
def test_a_test_send_is_signed_and_names_only_its_own_headers(
    client, signing, german_issue, key_pair
):
    login(client, "naumburg")
    answer = client.post(
        f"/admin/newsletter/issues/{german_issue.pk}/send-test/",
        {"recipient": "leserin@example.org"},
    )
    assert answer.status_code == 302
    raw = raw_mails(signing)["leserin@example.org"]
    assert dkim.verify(raw, dnsfunc=dns(key_pair))
    signed = signature_tags(raw)["h"].lower().split(":")
    assert "content-language" in signed
    assert "list-unsubscribe" not in signed, "a test send has no unsubscribe headers"


def test_without_a_key_nothing_is_signed(client, smtp, german_issue, readers, monkeypatch):
    login(client, "naumburg")
    confirm(client, german_issue)
    run_mail_worker(monkeypatch)
    mails = raw_mails(smtp)
    assert len(mails) == len(readers)
    assert all(b"DKIM-Signature" not in raw for raw in mails.values())


def test_an_unreadable_key_at_send_time_retries_later(
    client, signing, german_issue, readers, tmp_path, monkeypatch
):
    """The check reports it at start-up; should the file go away later, nobody is lost."""
    with override_settings(DKIM_PRIVATE_KEY_FILE=str(tmp_path / "gone.pem")):
        login(client, "naumburg")
        confirm(client, german_issue)
        with override_settings(NEWSLETTER_RETRY_SECONDS=3600):
            run_mail_worker(monkeypatch)
    assert signing.envelopes == []
    send = IssueSend.objects.get()
    assert set(send.deliveries.values_list("state", flat=True)) == {"failed"}
    assert "cannot be read" in send.deliveries.first().smtp_answer


def dkim_errors():
    return [message for message in run_checks() if message.id.startswith("emails.")]


def test_a_good_key_passes_the_checks(key_pair):
    with override_settings(DKIM_PRIVATE_KEY_FILE=str(key_pair[0]), DKIM_SELECTOR=SELECTOR):
        assert dkim_errors() == []
    with override_settings(DKIM_PRIVATE_KEY=key_pair[0].read_text(), DKIM_SELECTOR=SELECTOR):
        assert dkim_errors() == []
    assert dkim_errors() == [], "no key, nothing to check"


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ({"DKIM_PRIVATE_KEY_FILE": "/nonexistent/dkim.pem"}, "emails.E002"),
        ({"DKIM_PRIVATE_KEY": f"{PEM_BEGIN}\nbm90IGEga2V5\n-----END"}, "emails.E002"),
        ({"DKIM_PRIVATE_KEY": "not a key at all"}, "emails.E002"),
        ({"DKIM_SELECTOR": ""}, "emails.E003"),
        ({"DKIM_SELECTOR": "two words"}, "emails.E003"),
        ({"DEFAULT_FROM_EMAIL": "twinsite <noreply>"}, "emails.E004"),
    ],
)
def test_a_bad_configuration_is_a_system_check_error(key_pair, settings, error):
    configured = {"DKIM_PRIVATE_KEY_FILE": str(key_pair[0]), "DKIM_SELECTOR": SELECTOR}
    if "DKIM_PRIVATE_KEY" in settings:
        configured["DKIM_PRIVATE_KEY_FILE"] = ""
    with override_settings(**{**configured, **settings}):
        assert [message.id for message in dkim_errors()] == [error]


def test_key_and_key_file_together_are_an_error(key_pair):
    with override_settings(
        DKIM_PRIVATE_KEY_FILE=str(key_pair[0]),
        DKIM_PRIVATE_KEY=key_pair[0].read_text(),
        DKIM_SELECTOR=SELECTOR,
    ):
        assert [message.id for message in dkim_errors()] == ["emails.E001"]

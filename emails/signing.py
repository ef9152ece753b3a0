"""DKIM signatures on every mail the site sends, when a key is configured.

RFC 8058 wants the one-click ``List-Unsubscribe`` and ``List-Unsubscribe-Post``
headers covered by a DKIM signature, or large mailbox providers ignore them.
``SigningEmailBackend`` wraps the backend ``EMAIL_URL`` configures (kept in
``DKIM_EMAIL_BACKEND``); settings put it in ``EMAIL_BACKEND`` once
``DKIM_PRIVATE_KEY`` or ``DKIM_PRIVATE_KEY_FILE`` is set, so every sender that
goes through Django's mail is signed: ``get_connection()`` in the newsletter's
workers and test sends, ``EmailMessage.send()``, ``send_mail``, ``mail_admins``.
Without a key the settings leave the backend alone, and this module is unused.

Each message is rendered once (a second ``message()`` would get a new Date and
Message-ID), signed with rsa-sha256 and relaxed/relaxed canonicalisation over
the headers below that it has, and handed to the inner backend as those exact bytes.
"""

import copy
from email.utils import parseaddr

import dkim
from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

# Signed when present, in this order. Unsubscribe, list and language headers are
# the ones a forwarder must not change; Received and Return-Path are the relay's.
SIGNED_HEADERS = (
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "precedence",
    "content-language",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
)


class SigningKeyError(OSError):
    """The DKIM key cannot be read or parsed.

    An ``OSError``, as a mail server that cannot be reached is: the senders
    already treat that as "nothing went out, try later" (the newsletter's
    workers retry, a test send tells the editor) instead of crashing mid-batch.
    The system check (emails/checks.py) reports the same problem at start-up.
    """


def dkim_domain():
    """``DKIM_DOMAIN``, or the domain of ``DEFAULT_FROM_EMAIL`` (what DMARC aligns with)."""
    if settings.DKIM_DOMAIN:
        return settings.DKIM_DOMAIN
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2]


def configured():
    return bool(settings.DKIM_PRIVATE_KEY or settings.DKIM_PRIVATE_KEY_FILE)


def load_private_key():
    """The PEM bytes of the configured key, checked to be an RSA private key dkimpy can use."""
    if settings.DKIM_PRIVATE_KEY_FILE:
        try:
            with open(settings.DKIM_PRIVATE_KEY_FILE, "rb") as file:
                pem = file.read()
        except OSError as error:
            raise SigningKeyError(
                f"DKIM_PRIVATE_KEY_FILE {settings.DKIM_PRIVATE_KEY_FILE!r} cannot be read: "
                f"{error.strerror or error}"
            ) from error
    else:
        pem = settings.DKIM_PRIVATE_KEY.encode()
    # dkimpy expects "\n" line ends; keys pasted from Windows editors have "\r\n".
    pem = pem.replace(b"\r\n", b"\n").strip() + b"\n"
    try:
        dkim.crypto.parse_pem_private_key(pem)
    except (dkim.crypto.UnparsableKeyError, ValueError, IndexError, TypeError) as error:
        raise SigningKeyError(f"The DKIM key is not an RSA private key in PEM: {error}") from error
    return pem


def headers_to_sign(raw):
    """The names of ``SIGNED_HEADERS`` that ``raw`` has, so that h= lists only those."""
    headers, _body = dkim.rfc822_parse(raw)
    present = {name.lower().decode("ascii") for name, _value in headers}
    return [name.encode("ascii") for name in SIGNED_HEADERS if name in present]


def sign(raw, private_key):
    """``raw`` with its DKIM-Signature header in front."""
    signature = dkim.sign(
        raw,
        selector=settings.DKIM_SELECTOR.encode("ascii"),
        domain=dkim_domain().encode("idna"),
        privkey=private_key,
        canonicalize=(b"relaxed", b"relaxed"),
        signature_algorithm=b"rsa-sha256",
        include_headers=headers_to_sign(raw),
    )
    return signature + raw


def frozen(mime, signed):
    """``mime`` whose serialisations are the signed bytes, whatever the backend asks for."""

    def as_bytes(unixfrom=False, linesep="\n", policy=None):
        return signed if linesep == "\r\n" else signed.replace(b"\r\n", linesep.encode())

    def as_string(unixfrom=False, maxheaderlen=0, policy=None):
        return as_bytes().decode("utf-8", "surrogateescape")

    mime.as_bytes = as_bytes
    mime.as_string = as_string
    return mime


class SigningEmailBackend(BaseEmailBackend):
    """Signs each message and sends it through ``DKIM_EMAIL_BACKEND`` with the same options."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.inner = get_connection(
            settings.DKIM_EMAIL_BACKEND, fail_silently=fail_silently, **kwargs
        )
        self.private_key = None

    def key(self):
        if self.private_key is None:
            self.private_key = load_private_key()
        return self.private_key

    def open(self):
        # The key first: a bad one fails here, where senders expect connection trouble.
        self.key()
        return self.inner.open()

    def close(self):
        return self.inner.close()

    def signed(self, message):
        mime = message.message()
        raw = mime.as_bytes(linesep="\r\n")
        copied = copy.copy(message)
        signed_mime = frozen(mime, sign(raw, self.key()))
        copied.message = lambda: signed_mime
        return copied

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        try:
            messages = [self.signed(message) for message in email_messages]
        except SigningKeyError:
            if self.fail_silently:
                return 0
            raise
        return self.inner.send_messages(messages)

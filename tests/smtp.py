"""A real local SMTP server (aiosmtpd) for tests that send mail through Django's SMTP backend."""

import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from django.test import override_settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collect:
    """An aiosmtpd handler that keeps every message it is given.

    ``refuse`` maps a recipient to the answer its RCPT gets ("550 5.1.1 No such
    user", "451 4.7.1 Try later"), and ``refuse_times`` how often (absent:
    always), so that a 4xx can clear on the retry.
    """

    def __init__(self):
        self.envelopes = []
        self.refuse = {}
        self.refuse_times = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.refuse.get(address)
        if answer is not None:
            left = self.refuse_times.get(address)
            if left is None or left > 0:
                if left is not None:
                    self.refuse_times[address] = left - 1
                return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@contextmanager
def local_smtp():
    """Django's SMTP backend pointed at a local server; gives its handler with ``envelopes``.

    A test module makes it a fixture: ``def smtp(): with local_smtp() as h: yield h``.
    """
    handler = Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield handler
    finally:
        controller.stop()

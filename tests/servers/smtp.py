"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd, from PyPI), which a test can stop
and start again on the same port, as a mail server goes down and comes back."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collect:
    def __init__(self, received: list[EmailMessage]):
        self.received = received

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.received.append(message)
        return "250 Message accepted for delivery"


class SmtpServer:
    """``start()``, ``stop()``; ``received`` holds every message taken, parsed."""

    def __init__(self, port: int | None = None):
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.received: list[EmailMessage] = []
        self._controller: Controller | None = None

    def start(self) -> "SmtpServer":
        if self._controller is None:
            self._controller = Controller(
                _Collect(self.received), hostname=self.host, port=self.port
            )
            self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def bodies(self) -> list[str]:
        """The text body of each message received."""
        return [message.get_body(("plain",)).get_content() for message in self.received]

"""An SMTP server for the tests: every message it accepts is written to a folder, as the
raw message (NNNNNN.eml) and as JSON with its envelope recipients, subject and plain-text
body decoded (NNNNNN.json), so a test can read what Concord sent and follow its links.

    python3 tests/tools/smtp_sink.py FOLDER

Listens on 127.0.0.1 on a free port, prints the port on its first line, and stops when its
standard input closes (when the test that started it ends). Uses aiosmtpd (Debian's
python3-aiosmtpd).
"""

import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def _write(self, name, data):
        partial = os.path.join(self.folder, name + ".partial")
        with open(partial, "wb") as f:
            f.write(data)
        os.rename(partial, os.path.join(self.folder, name))

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = f"{self.count:06d}"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "to": str(message["To"] or ""),
            "subject": str(message["Subject"] or ""),
            "message_id": str(message["Message-ID"] or ""),
            "content_type": message.get_content_type(),
            "body": body.get_content() if body is not None else "",
        }
        self._write(stem + ".eml", raw)
        # The JSON last: a reader that sees it finds the message whole.
        self._write(stem + ".json", json.dumps(record).encode("utf-8"))
        return "250 Message accepted for delivery"


async def main(folder):
    loop = asyncio.get_running_loop()
    sink = Sink(folder)
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="localhost"), "127.0.0.1", 0
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))

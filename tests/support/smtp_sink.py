"""A real SMTP server for the tests (aiosmtpd): every message it receives is
parsed with Python's email package and written as JSON into a directory,
where the tests read it back.

usage: smtp_sink.py PORT DIRECTORY   (prints "ready" once listening)
"""

import email
import json
import os
import sys
import threading
import time
from email import policy

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "headers": {key.lower(): str(value) for key, value in message.items()},
            "text": plain.get_content() if plain else None,
            "html": html.get_content() if html else None,
        }
        name = f"{time.time_ns()}.json"
        partial = os.path.join(self.directory, name + ".part")
        with open(partial, "w") as out:
            json.dump(record, out)
        os.rename(partial, os.path.join(self.directory, name))
        return "250 Message accepted"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real SMTP server and a real IMAP4rev1 server on 127.0.0.1, small enough to read.

They speak the protocols' wire format (RFC 5321 and RFC 3501, the subset Odoo's
``ir.mail_server`` and ``fetchmail.server`` use), so Odoo talks to them through
``smtplib`` and ``imaplib`` exactly as it talks to a provider's servers. Used by
the tests and by ``scripts/demo/mail_roundtrip.py``.

- ``LoopbackSMTP``: EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffing), RSET,
  NOOP, QUIT; every accepted message is kept as ``(mail_from, rcpt_tos, bytes)``.
- ``LoopbackIMAP``: one mailbox (INBOX) with a login; CAPABILITY, LOGIN, SELECT,
  SEARCH (ALL / UNSEEN), FETCH (RFC822), STORE (+/-FLAGS \\Seen), CLOSE, NOOP,
  LOGOUT. ``deliver(raw)`` puts a message into the mailbox as unseen.
"""

import re
import socketserver
import threading
from email import message_from_bytes, policy


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, handler, owner):
        self.owner = owner
        super().__init__(("127.0.0.1", 0), handler)


class _Loopback:
    handler = None

    def __init__(self):
        self.lock = threading.Lock()
        self._server = _Server(self.handler, self)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# ---------------------------------------------------------------------------------------------- SMTP
class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        owner = self.server.owner
        self.reply("220 127.0.0.1 ESMTP loopback ready")
        mail_from, rcpt_tos = None, []
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-127.0.0.1\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 26214400\r\n")
            elif verb == "HELO":
                self.reply("250 127.0.0.1")
            elif verb == "MAIL":
                match = re.search(r"<([^>]*)>", command)
                mail_from, rcpt_tos = (match.group(1) if match else ""), []
                self.reply("250 OK")
            elif verb == "RCPT":
                match = re.search(r"<([^>]*)>", command)
                if mail_from is None or not match:
                    self.reply("503 need MAIL before RCPT")
                    continue
                rcpt_tos.append(match.group(1))
                self.reply("250 OK")
            elif verb == "DATA":
                if not rcpt_tos:
                    self.reply("503 need RCPT before DATA")
                    continue
                self.reply("354 end data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    data = self.rfile.readline(1 << 20)
                    if not data or data in (b".\r\n", b".\n"):
                        break
                    lines.append(data[1:] if data.startswith(b"..") else data)
                with owner.lock:
                    owner.messages.append((mail_from, list(rcpt_tos), b"".join(lines)))
                mail_from, rcpt_tos = None, []
                self.reply("250 OK queued")
            elif verb == "RSET":
                mail_from, rcpt_tos = None, []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 command not implemented")


class LoopbackSMTP(_Loopback):
    handler = _SMTPHandler

    def __init__(self):
        self.messages = []
        super().__init__()

    def parsed(self):
        """The received messages as ``email.message.EmailMessage`` objects."""
        with self.lock:
            return [message_from_bytes(raw, policy=policy.SMTP) for _from, _to, raw in self.messages]


# ---------------------------------------------------------------------------------------------- IMAP
_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


class _IMAPHandler(socketserver.StreamRequestHandler):
    def send(self, data):
        self.wfile.write(data if isinstance(data, bytes) else data.encode() + b"\r\n")

    def handle(self):
        owner = self.server.owner
        self.send("* OK [CAPABILITY IMAP4rev1] loopback IMAP ready")
        authenticated = selected = False
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            parts = line.decode("utf-8", "replace").rstrip("\r\n").split(" ", 2)
            if len(parts) < 2:
                self.send("* BAD missing command")
                continue
            tag, command = parts[0], parts[1].upper()
            args = [a or b for a, b in _ARG.findall(parts[2])] if len(parts) > 2 else []
            if command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1")
                self.send(f"{tag} OK CAPABILITY completed")
            elif command == "NOOP":
                self.send(f"{tag} OK NOOP completed")
            elif command == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            elif command == "LOGIN":
                if args[:2] == [owner.user, owner.password]:
                    authenticated = True
                    self.send(f"{tag} OK LOGIN completed")
                else:
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] invalid credentials")
            elif not authenticated:
                self.send(f"{tag} BAD log in first")
            elif command == "SELECT":
                selected = True
                with owner.lock:
                    count = len(owner.mailbox)
                self.send(f"* {count} EXISTS")
                self.send("* 0 RECENT")
                self.send("* FLAGS (\\Seen)")
                self.send(f"{tag} OK [READ-WRITE] SELECT completed")
            elif not selected:
                self.send(f"{tag} BAD select a mailbox first")
            elif command == "SEARCH":
                with owner.lock:
                    keys = " ".join(args).upper().replace("(", " ").replace(")", " ").split()
                    unseen_only = "UNSEEN" in keys
                    nums = [str(i + 1) for i, m in enumerate(owner.mailbox) if not (unseen_only and m["seen"])]
                self.send("* SEARCH" + "".join(" " + n for n in nums))
                self.send(f"{tag} OK SEARCH completed")
            elif command in ("FETCH", "STORE"):
                self._fetch_or_store(tag, command, args)
            elif command == "CLOSE":
                selected = False
                self.send(f"{tag} OK CLOSE completed")
            else:
                self.send(f"{tag} BAD command not implemented")

    def _fetch_or_store(self, tag, command, args):
        owner = self.server.owner
        with owner.lock:
            try:
                num = int(args[0])
                entry = owner.mailbox[num - 1]
            except (IndexError, ValueError):
                self.send(f"{tag} NO no such message")
                return
            if command == "FETCH":
                raw = entry["raw"]
                entry["seen"] = True
                owner.fetched += 1
                self.send(f"* {num} FETCH (RFC822 {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
            else:
                entry["seen"] = not args[1].startswith("-")
                flags = "\\Seen" if entry["seen"] else ""
                self.send(f"* {num} FETCH (FLAGS ({flags}))")
        self.send(f"{tag} OK {command} completed")


class LoopbackIMAP(_Loopback):
    handler = _IMAPHandler

    def __init__(self, user="support@example.com", password="secret"):  # noqa: S107 - a test server
        self.user, self.password = user, password
        self.mailbox = []
        self.fetched = 0  # messages served by FETCH, re-fetches included
        super().__init__()

    def deliver(self, raw):
        """Put a message (bytes or ``EmailMessage``) into INBOX, unseen."""
        if not isinstance(raw, bytes):
            raw = raw.as_bytes(policy=policy.SMTP)
        with self.lock:
            self.mailbox.append({"raw": raw, "seen": False})

    def unseen(self):
        with self.lock:
            return sum(1 for m in self.mailbox if not m["seen"])

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fake SMS providers on 127.0.0.1 that speak the real protocols: Netgsm's XML
send API and HTTP GET report API with their numeric codes, Vonage's SMS API
(form in, JSON out, signed delivery receipts and inbound messages) and
Twilio's Messages API (form-encoded, HTTP Basic, signed status callbacks and
inbound messages). No Odoo import: the demo script runs them too."""

import base64
import hashlib
import hmac
import itertools
import json
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

import requests


def vonage_sig(secret, params):
    data = "".join(
        "&" + k + "=" + str(v).replace("&", "_").replace("=", "_") for k, v in sorted(params.items()) if k != "sig"
    )
    return hashlib.md5((data + secret).encode()).hexdigest()  # noqa: S324 (Vonage's scheme)


def twilio_sig(token, url, params):
    data = url + "".join(k + str(v) for k, v in sorted(params.items()))
    return base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()


class FakeProvider:
    """Base: a threaded HTTP server; ``received`` lists (method, path, params/body, headers)."""

    def __init__(self, port=0):
        self.lock = threading.Lock()
        self.received = []
        self.delay = 0.0  # seconds before answering (timeouts)
        self.down = False  # answer HTTP 503
        self.aborted = 0
        self.ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with fake.lock:
                    fake.received.append((self.command, self.path, body, dict(self.headers)))
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.down:
                    status, ctype, payload = 503, "text/plain", b"unavailable"
                else:
                    status, ctype, payload = fake.handle(self.command, self.path, body, self.headers)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    fake.aborted += 1  # the client gave up (timeout)

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def handle(self, method, path, body, headers):
        raise NotImplementedError


class FakeNetgsm(FakeProvider):
    """``POST /sms/send/xml`` -> ``00 <jobid>`` or an error code;
    ``GET /sms/report/?usercode&password&bulkid...`` -> ``<gsmno> <status>`` lines."""

    def __init__(self, usercode="8503000000", password="netgsm-pass", header="CXMTEST", port=0):  # noqa: S107
        super().__init__(port)
        self.usercode, self.password, self.header = usercode, password, header
        self.jobs = {}  # jobid -> {"no", "msg", "dil", "header", "status"}
        self.next_code = None  # force an error code on the next send

    def handle(self, method, path, body, headers):
        url = urlsplit(path)
        if method == "POST" and url.path == "/sms/send/xml":
            return 200, "text/plain", self._send(body).encode()
        if method == "GET" and url.path.rstrip("/") == "/sms/report":
            return 200, "text/plain", self._report(dict(parse_qsl(url.query))).encode()
        return 404, "text/plain", b"not found"

    def _send(self, body):
        if self.next_code:
            code, self.next_code = self.next_code, None
            return code
        try:
            root = ET.fromstring(body)  # noqa: S314 (the fake parses what the module under test sends)
        except ET.ParseError:
            return "70"
        head = root.find("header")
        if head is None or head.findtext("usercode") != self.usercode or head.findtext("password") != self.password:
            return "30"
        if head.findtext("msgheader") != self.header:
            return "40"
        msg, number = root.findtext("body/msg") or "", root.findtext("body/no") or ""
        if not msg:
            return "20"
        if not number.isdigit():
            return "70"
        jobid = str(1700000000 + next(self.ids))
        with self.lock:
            self.jobs[jobid] = {
                "no": number,
                "msg": msg,
                "dil": head.find("company").get("dil"),
                "header": head.findtext("msgheader"),
                "status": "0",
            }
        return f"00 {jobid}"

    def _report(self, query):
        if query.get("usercode") != self.usercode or query.get("password") != self.password:
            return "30"
        job = self.jobs.get(query.get("bulkid"))
        if not job:
            return "60"
        return f"{job['no']} {job['status']} 1 {len(job['msg'])} 05.12.2026 10:00:00 0"

    def inbound(self, webhook_url, sender, text, stamp="05.12.2026 10:00:00", **extra):
        """Forward an inbound SMS the way the Netgsm panel's URL forwarding does (GET)."""
        params = {"gsmno": sender, "mesaj": text, "tarih": stamp, **extra}
        return requests.get(webhook_url, params=params, timeout=10)


class FakeVonage(FakeProvider):
    """``POST /sms/json`` (form) -> ``{"message-count", "messages": [...]}``; signed
    delivery receipts to the ``callback`` of each message and signed inbound messages."""

    def __init__(self, api_key="vonage-key", api_secret="vonage-secret", sig_secret="vonage-sig", port=0):  # noqa: S107
        super().__init__(port)
        self.api_key, self.api_secret, self.sig_secret = api_key, api_secret, sig_secret
        self.messages = {}  # message-id -> form of the send

    def handle(self, method, path, body, headers):
        if method != "POST" or urlsplit(path).path != "/sms/json":
            return 404, "application/json", b"{}"
        form = dict(parse_qsl(body.decode()))
        if form.get("api_key") != self.api_key or form.get("api_secret") != self.api_secret:
            answer = {"message-count": "1", "messages": [{"status": "4", "error-text": "Bad Credentials"}]}
            return 200, "application/json", json.dumps(answer).encode()
        if not form.get("to", "").isdigit() or not form.get("text"):
            answer = {"message-count": "1", "messages": [{"status": "3", "error-text": "Invalid to"}]}
            return 200, "application/json", json.dumps(answer).encode()
        message_id = f"0A00000{next(self.ids):09d}"
        with self.lock:
            self.messages[message_id] = form
        parts = 1 if len(form["text"]) <= (70 if form.get("type") == "unicode" else 160) else 2
        answer = {
            "message-count": str(parts),
            "messages": [
                {
                    "to": form["to"],
                    "message-id": message_id,
                    "status": "0",
                    "remaining-balance": "3.14",
                    "message-price": "0.03",
                    "network": "28601",
                    "client-ref": form.get("client-ref", ""),
                }
            ],
        }
        return 200, "application/json", json.dumps(answer).encode()

    def signed(self, params, secret=None):
        params = dict(params, timestamp=str(int(time.time())), nonce=f"n{time.monotonic_ns()}")
        params["sig"] = vonage_sig(secret or self.sig_secret, params)
        return params

    def receipt(self, message_id, status="delivered", err_code="0", method="GET"):
        """Send the signed delivery receipt of a message to its callback URL."""
        form = self.messages[message_id]
        params = self.signed(
            {
                "msisdn": form["to"],
                "to": form.get("from", ""),
                "network-code": "28601",
                "messageId": message_id,
                "price": "0.03",
                "status": status,
                "scts": "2612051000",
                "err-code": err_code,
                "api-key": self.api_key,
                "client-ref": form.get("client-ref", ""),
                "message-timestamp": "2026-12-05 10:00:00",
            }
        )
        if method == "GET":
            return requests.get(form["callback"], params=params, timeout=10)
        return requests.post(form["callback"], data=params, timeout=10)

    def inbound_params(self, sender, text, message_id=None, to="905550000000"):
        return self.signed(
            {
                "msisdn": sender.lstrip("+"),
                "to": to,
                "messageId": message_id or f"1000000{next(self.ids):09d}",
                "text": text,
                "type": "unicode",
                "keyword": text.split()[0].upper() if text.split() else "",
                "message-timestamp": "2026-12-05 10:00:00",
            }
        )


class FakeTwilio(FakeProvider):
    """``POST /2010-04-01/Accounts/{sid}/Messages.json`` (form, HTTP Basic) ->
    201 message resource; signed status callbacks and inbound messages."""

    def __init__(self, sid="AC" + "0123456789abcdef" * 2, token="twilio-token", port=0):  # noqa: S107
        super().__init__(port)
        self.sid, self.token = sid, token
        self.messages = {}  # message sid -> form of the send

    def handle(self, method, path, body, headers):
        if method != "POST" or urlsplit(path).path != f"/2010-04-01/Accounts/{self.sid}/Messages.json":
            return 404, "application/json", json.dumps({"code": 20404, "message": "Not found"}).encode()
        expected = "Basic " + base64.b64encode(f"{self.sid}:{self.token}".encode()).decode()
        if headers.get("Authorization") != expected:
            answer = {"code": 20003, "message": "Authenticate", "status": 401}
            return 401, "application/json", json.dumps(answer).encode()
        form = dict(parse_qsl(body.decode()))
        if not form.get("To", "").startswith("+"):
            answer = {"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400}
            return 400, "application/json", json.dumps(answer).encode()
        message_sid = f"SM{next(self.ids):032d}"
        with self.lock:
            self.messages[message_sid] = form
        answer = {"sid": message_sid, "status": "queued", "to": form["To"], "from": form.get("From")}
        answer["body"] = form["Body"]
        return 201, "application/json", json.dumps(answer).encode()

    def status(self, message_sid, status="delivered", error_code=None):
        form = self.messages[message_sid]
        params = {"MessageSid": message_sid, "SmsSid": message_sid, "MessageStatus": status, "SmsStatus": status}
        params.update(AccountSid=self.sid, To=form["To"], From=form.get("From", ""))
        if error_code:
            params["ErrorCode"] = error_code
        url = form["StatusCallback"]
        return self.post_signed(url, params)

    def inbound_params(self, sender, text, message_sid=None, to="+15005550006"):
        return {
            "MessageSid": message_sid or f"SM{next(self.ids) + 10**9:032d}",
            "AccountSid": self.sid,
            "From": sender,
            "To": to,
            "Body": text,
            "NumMedia": "0",
            "SmsStatus": "received",
        }

    def post_signed(self, url, params, token=None):
        signature = twilio_sig(token or self.token, url, params)
        return requests.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=10)


def query_url(url, params):
    return url + ("&" if "?" in url else "?") + urlencode(params)

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A fake İYS (İleti Yönetim Sistemi) on 127.0.0.1 that speaks the public API:
OAuth2 password grant at ``/oauth2/token`` (tokens expire), and under
``/sps/{iysCode}/brands/{brandCode}/``: ``consents`` (add one), ``consents/request``
(asynchronous batch, ``requestId`` and ``subRequests``), ``consents/request/{requestId}``
(batch result), ``consents/changes`` (cursor feed with ``after`` and ``limit``) and
``consents/{recipientType}/status/{type}`` (status of up to 1,000 recipients).
Errors answer İYS's shape ``{"errors": [{"code", "message", "location", "value"}]}``
(the ``H`` codes are the fake's own numbering); a per-minute limit per endpoint answers
HTTP 429 with ``Retry-After``. No Odoo import: the demo script runs it too."""

import itertools
import json
import re
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

TYPES = ("ARAMA", "MESAJ", "EPOSTA")
RECIPIENT_TYPES = ("BIREYSEL", "TACIR")
STATUSES = ("ONAY", "RET")
SOURCES = (
    "HS_FIZIKSEL_ORTAM",
    "HS_ISLAK_IMZA",
    "HS_WEB",
    "HS_CAGRI_MERKEZI",
    "HS_SOSYAL_MEDYA",
    "HS_EPOSTA",
    "HS_MESAJ",
    "HS_MOBIL",
    "HS_EORTAM",
    "HS_ETKINLIK",
    "HS_2015",
    "HS_ATM",
    "HS_KARAR",
)
PHONE = re.compile(r"^\+90[0-9]{10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
BATCH_MAX = 10000
STATUS_MAX = 1000
# endpoint -> calls per minute (İYS's published limits, rounded)
LIMITS = {"consents": 50, "request": 2, "request_status": 20, "status": 10, "changes": 60}


def business_days_before(moment, days):
    """The moment ``days`` business days (Monday to Friday) before ``moment``."""
    while days:
        moment -= timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


class FakeIys:
    def __init__(
        self,
        iys_code="700000",
        brand_code="700001",
        username="iys-user",
        password="iys-pass",  # noqa: S107 (the fake's own test password)
        *,
        port=0,
        token_ttl=3600,
    ):
        self.iys_code, self.brand_code = str(iys_code), str(brand_code)
        self.username, self.password = username, password
        self.token_ttl = token_ttl
        self.lock = threading.Lock()
        self.received = []  # (method, path, body, headers)
        self.aborted = 0
        self.tokens = {}  # access token -> expiry (monotonic)
        self.token_count = 0
        self.consents = {}  # (recipientType, type, recipient) -> record
        self.changes = []  # (sequence, record): what recipients changed on İYS itself
        self.first_sequence = 0  # numbering of the feed continues after this (a cursor kept from an earlier run)
        self.batches = {}  # requestId -> {"items": [...], "results": None, "polls": 0}
        self.batch_pending_polls = 1  # status polls answered "pending" before a batch is done
        self.limits = dict(LIMITS)
        self.hits = {}  # (endpoint, minute) -> count
        self.throttle = 0  # the next N calls answer 429 whatever the limit
        self.raw_changes = None  # bytes answered by consents/changes instead of the feed (bad input tests)
        self.now = None  # frozen "now" of the registry (datetime, Turkey time); None: the clock
        self.ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with fake.lock:
                    fake.received.append((self.command, self.path, body, dict(self.headers)))
                    status, payload, headers = fake.handle(self.command, self.path, body, self.headers)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
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

    # ------------------------------------------------------------------ helpers for tests
    def calls(self, fragment):
        return [r for r in self.received if fragment in r[1]]

    def expire_tokens(self):
        with self.lock:
            self.tokens.clear()

    def recipient_change(self, recipient, type_, status, recipient_type="BIREYSEL"):
        """A recipient changes their consent on İYS itself (portal, mobile app, call centre):
        the change appears in the brand's ``consents/changes`` feed."""
        with self.lock:
            record = {
                "recipient": recipient,
                "type": type_,
                "status": status,
                "recipientType": recipient_type,
                "source": "HS_2015" if status == "ONAY" else "HS_KARAR",
                "consentDate": self._now().strftime(DATE_FORMAT),
                "creationDate": self._now().strftime(DATE_FORMAT),
                "transactionId": f"iys-tx-{next(self.ids)}",
            }
            self.consents[(recipient_type, type_, recipient)] = record
            self.changes.append((self.first_sequence + len(self.changes) + 1, record))
            return record

    def state(self, recipient, type_, recipient_type="BIREYSEL"):
        record = self.consents.get((recipient_type, type_, recipient))
        return record and record["status"]

    def _now(self):
        # İYS dates are Turkey local time
        return self.now or datetime.now(ZoneInfo("Europe/Istanbul")).replace(tzinfo=None)

    # ------------------------------------------------------------------ protocol
    def handle(self, method, path, body, headers):
        parts = urlsplit(path)
        if parts.path == "/oauth2/token" and method == "POST":
            return self._token(body)
        prefix = f"/sps/{self.iys_code}/brands/{self.brand_code}/"
        if not parts.path.startswith(prefix):
            if parts.path.startswith("/sps/"):
                return 403, {"errors": [{"code": "H003", "message": "Bu markaya erişim yetkiniz yok."}]}, None
            return 404, {"errors": [{"code": "H004", "message": "Kaynak bulunamadı."}]}, None
        auth = headers.get("Authorization") or ""
        token = auth[7:] if auth.startswith("Bearer ") else None
        if not token or self.tokens.get(token, 0) < time.monotonic():
            return 401, {"message": "Unauthorized", "status": 401}, {"WWW-Authenticate": "Bearer"}
        rest = parts.path[len(prefix) :]
        query = dict(parse_qsl(parts.query))
        if method == "POST" and rest == "consents":
            endpoint, handler = "consents", self._add
        elif method == "POST" and rest == "consents/request":
            endpoint, handler = "request", self._batch
        elif method == "GET" and rest.startswith("consents/request/"):
            endpoint, handler = "request_status", lambda data: self._batch_status(rest.rsplit("/", 1)[1])
        elif method == "GET" and rest == "consents/changes":
            endpoint, handler = "changes", lambda data: self._changes(query)
        elif method == "POST" and re.fullmatch(r"consents/(BIREYSEL|TACIR)/status/(ARAMA|MESAJ|EPOSTA)", rest):
            _c, recipient_type, _s, type_ = rest.split("/")
            endpoint, handler = "status", lambda data: self._status(recipient_type, type_, data)
        else:
            return 404, {"errors": [{"code": "H004", "message": "Kaynak bulunamadı."}]}, None
        limited = self._rate(endpoint)
        if limited:
            return 429, {"message": "Too Many Requests", "status": 429}, {"Retry-After": str(limited)}
        data = None
        if method == "POST":
            try:
                data = json.loads(body or b"null")
            except ValueError:
                return 400, {"errors": [{"code": "H002", "message": "İstek gövdesi geçerli bir JSON değil."}]}, None
        return handler(data)

    def _rate(self, endpoint):
        if self.throttle:
            self.throttle -= 1
            return 30
        minute = int(time.time() // 60)
        count = self.hits[(endpoint, minute)] = self.hits.get((endpoint, minute), 0) + 1
        if count > self.limits.get(endpoint, 60):
            return max(1, 60 - int(time.time()) % 60)
        return 0

    def _token(self, body):
        form = dict(parse_qsl(body.decode()))
        if form.get("grant_type") != "password":
            return 400, {"error": "unsupported_grant_type"}, None
        if form.get("username") != self.username or form.get("password") != self.password:
            return 401, {"error": "invalid_grant", "error_description": "Bad credentials"}, None
        self.token_count += 1
        token = f"iys-token-{self.token_count}"
        self.tokens[token] = time.monotonic() + self.token_ttl
        return (
            200,
            {
                "access_token": token,
                "refresh_token": f"iys-refresh-{self.token_count}",
                "expires_in": self.token_ttl,
                "refresh_expires_in": self.token_ttl * 2,
                "token_type": "bearer",
            },
            None,
        )

    def _check(self, item):
        """İYS's validation of one consent: a list of errors (empty when valid)."""
        if not isinstance(item, dict):
            return [{"code": "H010", "message": "İzin kaydı bir nesne olmalıdır.", "location": ["body"]}]
        errors = []

        def error(code, field, message):
            errors.append({"code": code, "message": message, "location": ["body", field], "value": item.get(field)})

        type_, recipient = item.get("type"), item.get("recipient")
        if type_ not in TYPES:
            error("H011", "type", "İzin tipi ARAMA, MESAJ veya EPOSTA olmalıdır.")
        if item.get("recipientType") not in RECIPIENT_TYPES:
            error("H012", "recipientType", "Alıcı tipi BIREYSEL veya TACIR olmalıdır.")
        if item.get("status") not in STATUSES:
            error("H013", "status", "İzin durumu ONAY veya RET olmalıdır.")
        if item.get("source") not in SOURCES:
            error("H014", "source", "İzin kaynağı geçersiz.")
        pattern = EMAIL if type_ == "EPOSTA" else PHONE
        if not isinstance(recipient, str) or not pattern.match(recipient):
            error("H015", "recipient", "Alıcı bilgisi izin tipine uygun değil.")
        try:
            consent_date = datetime.strptime(item.get("consentDate") or "", DATE_FORMAT)
        except (TypeError, ValueError):
            error("H016", "consentDate", "İzin tarihi yyyy-MM-dd HH:mm:ss biçiminde olmalıdır.")
        else:
            now = self._now()
            if consent_date > now + timedelta(minutes=5):
                error("H017", "consentDate", "İzin tarihi ileri bir tarih olamaz.")
            elif consent_date < business_days_before(now, 3):
                error("H018", "consentDate", "İzin tarihi 3 iş gününden eski olamaz.")
        if not errors:
            key = (item["recipientType"], type_, recipient)
            if item["status"] == "RET" and key not in self.consents:
                error("H019", "status", "Alıcının ilk izin kaydı RET olamaz.")
        return errors

    def _store(self, item):
        record = {
            field: item[field] for field in ("recipient", "type", "status", "recipientType", "source", "consentDate")
        }
        record["creationDate"] = self._now().strftime(DATE_FORMAT)
        record["transactionId"] = f"iys-tx-{next(self.ids)}"
        self.consents[(item["recipientType"], item["type"], item["recipient"])] = record
        return record

    def _add(self, item):
        errors = self._check(item)
        if errors:
            return 400, {"errors": errors}, None
        record = self._store(item)
        return 200, {"transactionId": record["transactionId"], "creationDate": record["creationDate"]}, None

    def _batch(self, items):
        if not isinstance(items, list) or not items or len(items) > BATCH_MAX:
            return (
                400,
                {"errors": [{"code": "H020", "message": "Toplu istek 1 ile 10.000 arası kayıt içermelidir."}]},
                None,
            )
        request_id = f"req-{next(self.ids)}"
        subs = []
        for index, item in enumerate(items):
            sub = dict(item) if isinstance(item, dict) else {}
            sub.update(subRequestId=f"{request_id}-{index}", index=index)
            subs.append(sub)
        self.batches[request_id] = {"items": items, "subs": subs, "results": None, "polls": 0}
        return 200, {"requestId": request_id, "subRequests": subs}, None

    def _batch_status(self, request_id):
        batch = self.batches.get(request_id)
        if not batch:
            return 404, {"errors": [{"code": "H021", "message": "İstek bulunamadı."}]}, None
        batch["polls"] += 1
        if batch["polls"] <= self.batch_pending_polls:
            return (
                200,
                [{"index": s["index"], "subRequestId": s["subRequestId"], "status": "pending"} for s in batch["subs"]],
                None,
            )
        if batch["results"] is None:
            results = []
            for sub, item in zip(batch["subs"], batch["items"], strict=True):
                errors = self._check(item)
                result = {"index": sub["index"], "subRequestId": sub["subRequestId"], "requestId": request_id}
                if errors:
                    result.update(status="failure", error={"code": errors[0]["code"], "message": errors[0]["message"]})
                else:
                    result.update(status="success", transactionId=self._store(item)["transactionId"])
                results.append(result)
            batch["results"] = results
        return 200, batch["results"], None

    def _changes(self, query):
        if self.raw_changes is not None:
            return 200, self.raw_changes, None
        try:
            after = int(query.get("after") or 0)
            limit = min(int(query.get("limit") or 500), 999)
        except ValueError:
            return 400, {"errors": [{"code": "H022", "message": "after ve limit sayı olmalıdır."}]}, None
        page = [(seq, record) for seq, record in self.changes if seq > after][:limit]
        return 200, {"after": str(page[-1][0] if page else after), "list": [dict(r) for _s, r in page]}, None

    def _status(self, recipient_type, type_, data):
        recipients = data.get("recipients") if isinstance(data, dict) else None
        if not isinstance(recipients, list) or len(recipients) > STATUS_MAX:
            return 400, {"errors": [{"code": "H023", "message": "En fazla 1.000 alıcı sorgulanabilir."}]}, None
        found = [self.consents[k] for k in ((recipient_type, type_, r) for r in recipients) if k in self.consents]
        return 200, {"list": [dict(r) for r in found]}, None

#!/usr/bin/env python3
"""A small fake corporate system for the demo's external data panels.

    .venv/bin/python scripts/demo/fake_erp.py [--port 8071]

Serves, on 127.0.0.1 only, what the demo look-up connectors of
cxm_customer_data ask for ("ERP orders and deliveries", "Bank accounts"):

    GET /orders?phone=...     {"orders": [{"number", "date", "status", "delivery", "total"}, ...]}
    GET /accounts?email=...   {"accounts": [{"iban", "product", "balance", "currency"}, ...]}

and the customer master that the demo reverse transfer ("Customers to the demo
ERP", Configuration > Reverse Transfers > Push now) writes to:

    POST /customers           {"kind": "customers", "transfer", "watermark", "batch",
                               "rows": [{"id", "external_key", "changes": {...}}, ...]}
                              -> {"accepted": n, "created": n, "updated": n, "duplicate": false}
    GET /customers            {"count": n, "customers": {"<id>": {...merged fields...}}}

A batch re-sent with the same Idempotency-Key header (the outbox retrying
after a timeout) is answered again without being applied twice.

Answers are made up but stable for a given customer. Every request needs the
header X-API-Key: demo-erp-key (the demo connectors send it) or
Authorization: Bearer demo-erp-key (the outbox of the demo target instance
sends it). Stop with Ctrl-C. Without this server running, the panels show
that the service is not answering, and pushed batches wait in the outbox for
a retry: that is the other half of the demo.
"""

import argparse
import hashlib
import json
import random
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

API_KEY = "demo-erp-key"
STATUSES = ["Delivered", "In transit", "Preparing", "Delivered", "Returned"]
PRODUCTS = ["Current account", "Credit card", "Savings account", "Consumer loan"]


def _rng(value):
    return random.Random(int(hashlib.sha256(value.encode()).hexdigest()[:12], 16))


def orders(phone):
    rng = _rng(phone)
    today = date.today()
    rows = []
    for _ in range(rng.randint(1, 5)):
        day = today - timedelta(days=rng.randint(1, 120))
        status = rng.choice(STATUSES)
        rows.append(
            {
                "number": f"SO{rng.randint(100000, 999999)}",
                "date": day.isoformat(),
                "status": status,
                "delivery": (day + timedelta(days=rng.randint(1, 6))).isoformat() if status == "Delivered" else "",
                "total": f"{rng.randint(150, 25000)}.{rng.randint(0, 99):02d} TRY",
            }
        )
    return {"orders": sorted(rows, key=lambda r: r["date"], reverse=True)}


def accounts(email):
    rng = _rng(email.lower())
    return {
        "accounts": [
            {
                "iban": f"TR{rng.randint(10, 99)} 0006 4000 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} 00",
                "product": rng.choice(PRODUCTS),
                "balance": f"{rng.randint(-5000, 90000)}.{rng.randint(0, 99):02d}",
                "currency": "TRY",
            }
            for _ in range(rng.randint(1, 3))
        ]
    }


class CustomerMaster:
    """What the reverse transfer sent: customers by id (merged changes), and
    the answer given to each Idempotency-Key."""

    def __init__(self):
        self.lock = threading.Lock()
        self.customers = {}
        self.answers = {}

    def apply(self, key, body):
        """Apply one batch; returns (HTTP status, answer)."""
        rows = body.get("rows")
        if body.get("kind") != "customers" or not isinstance(rows, list):
            return 422, {"error": "expected {'kind': 'customers', 'rows': [...]}"}
        if not all(
            isinstance(r, dict) and isinstance(r.get("id"), int) and isinstance(r.get("changes"), dict) for r in rows
        ):
            return 422, {"error": "every row needs an integer 'id' and a 'changes' object"}
        with self.lock:
            if key and key in self.answers:
                return 200, {**self.answers[key], "duplicate": True}
            created = updated = 0
            for row in rows:
                record = self.customers.get(str(row["id"]))
                if record is None:
                    created += 1
                    record = self.customers[str(row["id"])] = {}
                else:
                    updated += 1
                record.update(row["changes"])
                if row.get("external_key"):
                    record["external_key"] = row["external_key"]
            answer = {"accepted": len(rows), "created": created, "updated": updated, "duplicate": False}
            if key:
                self.answers[key] = answer
        print(
            f"fake ERP: customer batch {body.get('batch')} of {body.get('transfer')!r}: "
            f"{created} new, {updated} updated ({len(self.customers)} customers known)",
            flush=True,
        )
        return 200, answer


MASTER = CustomerMaster()


def _authorized(headers):
    return headers.get("X-API-Key") == API_KEY or headers.get("Authorization") == f"Bearer {API_KEY}"


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if not _authorized(self.headers):
            return self._answer(401, {"error": "unauthorized"})
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/orders" and query.get("phone"):
            return self._answer(200, orders(query["phone"]))
        if url.path == "/accounts" and query.get("email"):
            return self._answer(200, accounts(query["email"]))
        if url.path == "/customers":
            with MASTER.lock:
                return self._answer(200, {"count": len(MASTER.customers), "customers": MASTER.customers})
        return self._answer(404, {"error": "not found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 10 * 1024 * 1024))
        if not _authorized(self.headers):
            return self._answer(401, {"error": "unauthorized"})
        if urlparse(self.path).path != "/customers":
            return self._answer(404, {"error": "not found"})
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            return self._answer(400, {"error": "the body is not JSON"})
        if not isinstance(body, dict):
            return self._answer(422, {"error": "expected a JSON object"})
        return self._answer(*MASTER.apply(self.headers.get("Idempotency-Key"), body))

    def log_message(self, fmt, *args):
        print("fake ERP:", fmt % args, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8071)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"fake ERP on http://127.0.0.1:{args.port} (Ctrl-C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

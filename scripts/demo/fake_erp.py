#!/usr/bin/env python3
"""A small fake corporate system for the demo's external data panels.

    .venv/bin/python scripts/demo/fake_erp.py [--port 8071]

Serves, on 127.0.0.1 only, what the demo look-up connectors of
cxm_customer_data ask for ("ERP orders and deliveries", "Bank accounts"):

    GET /orders?phone=...     {"orders": [{"number", "date", "status", "delivery", "total"}, ...]}
    GET /accounts?email=...   {"accounts": [{"iban", "product", "balance", "currency"}, ...]}

Answers are made up but stable for a given customer. Every request needs the
header X-API-Key: demo-erp-key (the demo connectors send it). Stop with Ctrl-C.
Without this server running, the panels show that the service is not answering:
that is the other half of the demo.
"""

import argparse
import hashlib
import json
import random
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


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.headers.get("X-API-Key") != API_KEY:
            return self._answer(401, {"error": "unauthorized"})
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/orders" and query.get("phone"):
            return self._answer(200, orders(query["phone"]))
        if url.path == "/accounts" and query.get("email"):
            return self._answer(200, accounts(query["email"]))
        return self._answer(404, {"error": "not found"})

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

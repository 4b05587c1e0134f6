#!/usr/bin/env python3
"""Show an İYS round trip on a running demo server, with the built-in fake İYS.

    .venv/bin/python scripts/demo/iys_roundtrip.py --url http://127.0.0.1:8069 [-d cxm_demo]

1. starts the fake İYS of cxm_consent_iys on 127.0.0.1:8094 (the demo instance
   "Demo İYS" points at it and is activated here; it speaks İYS's OAuth password grant, consent,
   batch, changes and status endpoints) and the fake Netgsm of cxm_sms on
   127.0.0.1:8098 (the SMS-code opt-in sends its code through it);
2. ``supervisor`` creates a customer and records their consent by SMS code
   (the code is read from the fake Netgsm, as the customer would read it back):
   the ledger's new events reach İYS through the outbox (the fake shows the
   consents it registered: one MESAJ for SMS and WhatsApp, one EPOSTA);
3. the customer refuses messages on İYS itself; ``admin`` pulls the changes:
   the refusal lands in the ledger with source HS_IYS (SMS and WhatsApp);
   pulling again records nothing more;
4. ``admin`` reconciles the ledger with İYS: this customer agrees; the demo's
   other consents, recorded while the instance was in draft, are reported as
   unknown to İYS.
Needs the demo server with queue_job loaded (``scripts/run`` does).
"""

import argparse
import itertools
import re
import sys
import time
from pathlib import Path

import requests

ADDONS = Path(__file__).resolve().parents[2] / "addons"
sys.path.insert(0, str(ADDONS / "cxm_sms" / "tests"))
sys.path.insert(0, str(ADDONS / "cxm_consent_iys" / "tests"))
from fake_iys import FakeIys  # noqa: E402
from fake_providers import FakeNetgsm  # noqa: E402


class Client:
    def __init__(self, url, db, login):
        self.url, self.db = url, db
        self.session = requests.Session()
        self.session.post(
            f"{url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": login}},
            timeout=30,
        )

    def __call__(self, model, method, *args, ids=None, **kwargs):
        # JSON-RPC with the session (JSON-2 takes API keys; the session is the demo users' passwords)
        params = {
            "model": model,
            "method": method,
            "args": ([ids] if ids is not None else []) + list(args),
            "kwargs": kwargs,
        }
        response = self.session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}", json={"params": params}, timeout=60
        )
        answer = response.json() if response.ok else {"error": response.text[:300]}
        if "error" in answer:
            sys.exit(f"{model}.{method}: {str(answer['error'])[:500]}")
        return answer.get("result")


def wait(check, what, seconds=60):
    for _ in range(int(seconds * 2)):
        result = check()
        if result:
            return result
        time.sleep(0.5)
    sys.exit(f"timed out waiting for {what}: is the demo server running with queue_job (server_wide_modules)?")


def ledger(client, phone):
    return client(
        "cxm.consent.event",
        "search_read",
        domain=[("address", "in", [phone])],
        fields=["channel", "status", "source", "consent_date"],
        order="id",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("-d", "--db", default="cxm_demo")
    parser.add_argument("--phone", default="+905325557788")
    args = parser.parse_args()
    supervisor = Client(args.url, args.db, "supervisor")
    admin = Client(args.url, args.db, "admin")
    iys = FakeIys(
        iys_code="700000",
        brand_code="700001",
        username="demo-iys-user",
        password="demo-iys-password",  # noqa: S106 (the demo instance's public demo password)
        port=8094,
    )
    netgsm = FakeNetgsm(password="demo-netgsm-password", header="CXMDEMO", port=8098)  # noqa: S106
    netgsm.ids = itertools.count(int(time.time()))  # job ids of this run: unique across runs of the demo
    with iys, netgsm:
        instance = admin("cxm.integration.instance", "search", domain=[("code", "=", "iys-demo")])
        admin("cxm.integration.instance", "action_activate", ids=instance)
        stamp = time.strftime("%H%M%S")
        email = f"iys.{stamp}@example.com"
        partner_id = supervisor(
            "res.partner",
            "create",
            [{"name": f"İYS Demo Müşteri {stamp}", "phone": args.phone, "email": email}],
        )[0]
        wizard = supervisor(
            "cxm.consent.optin",
            "create",
            [
                {
                    "partner_id": partner_id,
                    "phone": args.phone,
                    "email": email,
                    "approve_sms": True,
                    "approve_whatsapp": True,
                    "approve_email": True,
                }
            ],
        )
        supervisor("cxm.consent.optin", "action_send_code", ids=wizard)
        job = wait(lambda: next(iter(netgsm.jobs.values()), None), "the SMS code at the fake Netgsm")
        code = re.search(r"\b(\d{4,8})\b", job["msg"]).group(1)
        print(f"SMS to {job['no']}: {job['msg']!r}")
        supervisor("cxm.consent.optin", "write", ids=wizard, vals={"entered_code": code})
        supervisor("cxm.consent.optin", "action_confirm_code", ids=wizard)
        posted = lambda: [c for c in iys.calls("/consents") if c[0] == "POST"]  # noqa: E731
        wait(lambda: len(posted()) >= 2, "the consents at the fake İYS")
        for method, path, body, _headers in posted():
            print(f"İYS received {method} {path.split('/brands/')[1]}: {body.decode()}")
        print("ledger:", [(e["channel"], e["status"], e["source"]) for e in ledger(supervisor, args.phone)])

        # the feed goes on from the cursor the instance kept from an earlier run of the demo
        cursor = admin("cxm.integration.instance", "read", ids=instance, fields=["cxm_iys_cursor"])[0]["cxm_iys_cursor"]
        iys.first_sequence = int(cursor or 0)
        iys.recipient_change(args.phone, "MESAJ", "RET")
        print(f"the customer refuses MESAJ on İYS for {args.phone}")
        admin("cxm.integration.instance", "action_cxm_iys_pull", ids=instance)
        events = wait(
            lambda: [e for e in ledger(supervisor, args.phone) if e["source"] == "HS_IYS"] or None,
            "the pulled refusal in the ledger",
        )
        print("pulled from İYS:", [(e["channel"], e["status"], e["source"]) for e in events])
        count = len(ledger(supervisor, args.phone))
        admin("cxm.integration.instance", "action_cxm_iys_pull", ids=instance)
        time.sleep(3)
        print(f"pulled again: {len(ledger(supervisor, args.phone)) - count} new events")

        action = admin("cxm.integration.instance", "action_cxm_iys_reconcile", ids=instance)
        run = wait(
            lambda: [
                r
                for r in admin(
                    "cxm.consent.iys.reconcile",
                    "read",
                    ids=[action["res_id"]],
                    fields=["state", "checked_count", "difference_count"],
                )
                if r["state"] == "done"
            ],
            "the reconciliation",
        )[0]
        print(
            f"reconciliation: {run['checked_count']} addresses checked, {run['difference_count']} differences"
            " (the demo's earlier consents, recorded while the instance was in draft, are unknown to İYS)"
        )


if __name__ == "__main__":
    main()

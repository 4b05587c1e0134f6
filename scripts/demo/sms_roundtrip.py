#!/usr/bin/env python3
"""Show an SMS round trip on a running demo server, with the built-in fake Netgsm.

    .venv/bin/python scripts/demo/sms_roundtrip.py --url http://127.0.0.1:8069 [-d cxm_demo]

1. starts the fake Netgsm of cxm_sms on 127.0.0.1:8098 (the demo instance
   "Demo Netgsm" points at it; it speaks Netgsm's XML send API, its report API
   and numeric codes);
2. the customer's SMS reaches Odoo's inbound webhook
   (``/cxm/api/v1/sms/netgsm/<token>/inbound``, authenticated by the demo token
   in the path and the 127.0.0.1 allow-list), then again (a redelivery:
   recorded once);
3. the agent ``agent`` replies from the customer's chatter (*Send SMS*, over
   JSON-2 here) in Turkish: the fake shows the request it received (sender
   header, number, ``dil="TR"``);
4. the fake marks the SMS delivered; the scheduled Netgsm report check runs
   (as ``admin``) and the chatter message shows *Delivered*.
"""

import argparse
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "addons" / "cxm_sms" / "tests"))
from fake_providers import FakeNetgsm

TOKEN = "demo-netgsm-webhook-token"  # noqa: S105 (the demo instance's public demo token)


def json2(url, db, login, model, method, **kwargs):
    session = requests.Session()
    session.post(f"{url}/web/session/authenticate", json={"params": {"db": db, "login": login, "password": login}})
    response = session.post(f"{url}/json/2/{model}/{method}", json=kwargs, headers={"X-Odoo-Database": db}, timeout=60)
    response.raise_for_status()
    return response.json()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("-d", "--db", default="cxm_demo")
    parser.add_argument("--phone", default="+90 532 555 10 20")
    args = parser.parse_args()
    with FakeNetgsm(password="demo-netgsm-password", header="CXMDEMO", port=8098) as fake:  # noqa: S106
        hook = f"{args.url}/cxm/api/v1/sms/netgsm/{TOKEN}/inbound"
        text = "Merhaba, siparişim hâlâ gelmedi. Yardımcı olur musunuz?"
        for attempt in ("first delivery", "redelivery"):
            response = fake.inbound(hook, args.phone.replace(" ", "").lstrip("+"), text)
            print(f"customer SMS ({attempt}): HTTP {response.status_code} {response.text!r}")
        partner = json2(
            args.url,
            args.db,
            "admin",
            "res.partner",
            "search_read",
            domain=[("phone_sanitized", "=", args.phone.replace(" ", ""))],
            fields=["name"],
            limit=1,
        )
        if not partner:
            partner = [
                {
                    "id": json2(
                        args.url,
                        args.db,
                        "admin",
                        "res.partner",
                        "create",
                        vals_list=[{"name": "SMS demo customer", "phone": args.phone}],
                    )[0]
                }
            ]
        partner_id = partner[0]["id"]
        reply = "Merhaba, siparişiniz yarın teslim edilecek. Teşekkürler!"
        context = {"active_model": "res.partner", "active_id": partner_id, "default_body": reply}
        composer = json2(args.url, args.db, "agent", "sms.composer", "create", vals_list=[{}], context=context)
        info = json2(
            args.url, args.db, "agent", "sms.composer", "read", ids=composer, fields=["cxm_sms_info"], context=context
        )
        print("composer shows before sending:", info[0]["cxm_sms_info"])
        json2(args.url, args.db, "agent", "sms.composer", "action_send_sms", ids=composer, context=context)
        for _ in range(20):
            if fake.jobs:
                break
            time.sleep(0.5)
        for jobid, job in fake.jobs.items():
            print(
                f"fake Netgsm received job {jobid}: to {job['no']} from {job['header']} dil={job['dil']}: {job['msg']}"
            )
            job["status"] = "1"
        cron = json2(
            args.url,
            args.db,
            "admin",
            "ir.cron",
            "search",
            domain=[("cron_name", "=", "CXM SMS: fetch Netgsm delivery reports")],
        )
        json2(args.url, args.db, "admin", "ir.cron", "method_direct_trigger", ids=cron)
        messages = json2(
            args.url,
            args.db,
            "admin",
            "mail.message",
            "search_read",
            domain=[("model", "=", "res.partner"), ("res_id", "=", partner_id), ("message_type", "=", "sms")],
            fields=["body", "notification_ids"],
            limit=1,
        )
        if messages:
            statuses = json2(
                args.url,
                args.db,
                "admin",
                "mail.notification",
                "read",
                ids=messages[0]["notification_ids"],
                fields=["notification_status"],
            )
            print("chatter SMS status:", [s["notification_status"] for s in statuses], "(sent = delivered)")


if __name__ == "__main__":
    main()

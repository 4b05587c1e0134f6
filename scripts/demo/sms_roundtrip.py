#!/usr/bin/env python3
"""Show an SMS round trip on a running demo server, with the built-in fake Netgsm.

    .venv/bin/python scripts/demo/sms_roundtrip.py --url http://127.0.0.1:8069 [-d cxm_demo]

1. starts the fake Netgsm of cxm_sms on 127.0.0.1:8098 (the demo instance
   "Demo Netgsm" points at it; it speaks Netgsm's XML send API, its report API
   and numeric codes);
2. the customer's SMS reaches Odoo's inbound webhook
   (``/cxm/api/v1/sms/netgsm/<token>/inbound``, authenticated by the demo token
   in the path and the 127.0.0.1 allow-list), then again (a redelivery:
   recorded once); the conversation layer puts it on the customer's SMS ticket;
3. ``supervisor`` replies in the ticket's chatter (over JSON-2 here) in
   Turkish: the fake shows the request it received (sender header, number,
   ``dil="TR"``);
4. the fake marks the SMS delivered; the scheduled Netgsm report check runs
   (as ``admin``) and the reply's conversation message becomes *delivered*.
Needs the demo server with queue_job loaded (``scripts/run`` does).
"""

import argparse
import sys
import time
import xmlrpc.client
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "addons" / "cxm_sms" / "tests"))
from fake_providers import FakeNetgsm

TOKEN = "demo-netgsm-webhook-token"  # noqa: S105 (the demo instance's public demo token)


def json2(url, db, login, model, method, **kwargs):
    """Call ``model.method(**kwargs)`` as the demo user ``login`` (its password is its login) over
    XML-RPC; ``ids`` names the records. (JSON-2 takes an API key, which the demo users have not.)"""
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(db, login, login, {})
    ids = kwargs.pop("ids", None)
    return proxy.execute_kw(db, uid, login, model, method, [ids] if ids is not None else [], kwargs)


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
        # the intake job (queue_job) finds or creates the customer and opens or continues their SMS ticket
        ticket = []
        for _ in range(60):
            ticket = json2(
                args.url,
                args.db,
                "supervisor",
                "helpdesk.ticket",
                "search_read",
                domain=[("cxm_reply_instance_id.code", "=", "sms-netgsm-demo")],
                fields=["name", "partner_id", "channel_id", "team_id"],
                order="id desc",
                limit=1,
            )
            if ticket:
                break
            time.sleep(0.5)
        if not ticket:
            sys.exit("no ticket: is the demo server running with queue_job (server_wide_modules)?")
        ticket = ticket[0]
        print(f"ticket {ticket['id']} {ticket['name']!r} for {ticket['partner_id'][1]} on {ticket['channel_id'][1]}")
        reply = "Merhaba, siparişiniz yarın teslim edilecek. Teşekkürler!"
        json2(
            args.url,
            args.db,
            "supervisor",
            "helpdesk.ticket",
            "message_post",
            ids=[ticket["id"]],
            body=reply,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        for _ in range(20):
            if fake.jobs:
                break
            time.sleep(0.5)
        for jobid, job in fake.jobs.items():
            print(
                f"fake Netgsm received job {jobid}: to {job['no']} from {job['header']} dil={job['dil']}: {job['msg']}"
            )
            job["status"] = "1"  # the operator delivered it
        cron = json2(
            args.url,
            args.db,
            "admin",
            "ir.cron",
            "search",
            domain=[("cron_name", "=", "CXM SMS: fetch Netgsm delivery reports")],
        )
        json2(args.url, args.db, "admin", "ir.cron", "method_direct_trigger", ids=cron)
        for _ in range(60):
            out = json2(
                args.url,
                args.db,
                "supervisor",
                "cxm.channel.message",
                "search_read",
                domain=[("ticket_id", "=", ticket["id"]), ("direction", "=", "out")],
                fields=["state", "external_id", "delivered_date"],
                order="id desc",
                limit=1,
            )
            if out and out[0]["state"] == "delivered":
                break
            time.sleep(0.5)
        print("agent's reply on the ticket:", out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Inbound WhatsApp messages: webhook to ticket message through the conversation layer vs stock Odoo.

    .venv/bin/python scripts/bench/channel_inbound.py [--messages 2000] [--senders 50] [--keep-db]

1. Creates ``cxm_bench_channel`` with cxm_whatsapp (no demo): a WhatsApp instance, and 200 customers
   who each have an open WhatsApp ticket.
2. Ours: an Odoo server with 2 HTTP workers (and queue_job's runner); ``--senders`` threads post
   signed Cloud API webhooks (one message each; half from the existing customers, half from new
   numbers writing twice) as fast as they can. Prints the webhook's answer time (p50/p99) and the
   messages per second from the first webhook to the last message on its ticket.
3. Ack time at a steady load: the same senders, each sending one message per second.
4. Ours in process: the same kind of messages handed to the intake (as the webhook does, 50 per
   transaction) and processed by the intake job, in an Odoo shell.
5. Stock: the same kind of messages, one by one in an Odoo shell, as the mail gateway would do them:
   partner search by phone (created when unknown), open ticket search, ``message_new`` for a new
   ticket, ``message_post`` as the customer, one transaction per message. Prints messages per second
   and the ratio.
"""

import argparse
import importlib.util
import json
import os
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import benchlib

DB = benchlib.db_name("cxm_bench_channel")
SECRET = "bench-app-secret"  # noqa: S105 (a benchmark's fake secret)
PHONE_ID = "1000001"
EXISTING = 200

SETUP = f"""
from odoo import fields
team = env["helpdesk.ticket.team"].create({{"name": "Bench WhatsApp"}})
instance = env["cxm.integration.instance"].create({{
    "name": "Bench WhatsApp", "code": "bench-wa", "kind": "whatsapp", "provider": "meta", "state": "active",
    "signature_scheme": "meta", "secret": "{SECRET}", "cxm_wa_phone_number_id": "{PHONE_ID}",
    "base_url": "http://127.0.0.1:9", "cxm_team_id": team.id, "rate_limit": 0,
}})
instance.cxm_webhook_key = "bench"
env["ir.config_parameter"].set_param("cxm_integration.ip_rate_limit", 0)
channel = instance._cxm_channel_channel()
partners = env["res.partner"].create(
    [{{"name": f"Existing {{i}}", "phone": f"+90532{{i:07d}}"}} for i in range({EXISTING})]
)
env["helpdesk.ticket"].create([
    {{"name": f"Open {{p.name}}", "description": "<p>open</p>", "partner_id": p.id, "channel_id": channel.id,
      "team_id": team.id, "cxm_last_inbound_date": fields.Datetime.now(), "cxm_reply_instance_id": instance.id}}
    for p in partners
])
env.cr.commit()
print("ok")
"""

OURS_IN_PROCESS = """
import json, time
msgs = json.loads(MESSAGES)
instance = env["cxm.integration.instance"].search([("code", "=", "bench-wa")])
Intake = env["cxm.channel.intake"]
started = time.perf_counter()
for start in range(0, len(msgs), 50):  # what webhooks hand over, 50 at a time, one transaction each
    Intake._cxm_receive(instance, [
        {"external_id": m["id"], "address": m["address"], "name": m["name"], "text": m["text"]}
        for m in msgs[start:start + 50]
    ])
    env.cr.commit()
received = time.perf_counter() - started
Intake.sudo()._cxm_drain(instance)  # the intake job
env.cr.commit()
print(json.dumps({"seconds": time.perf_counter() - started, "receive": received}))
"""

STOCK = """
import json, time
msgs = json.loads(MESSAGES)
Ticket = env["helpdesk.ticket"].with_context(mail_create_nolog=True)
channel = env["helpdesk.ticket.channel"]._cxm_by_code("whatsapp")
team = env["helpdesk.ticket.team"].search([("name", "=", "Bench WhatsApp")])
started = time.perf_counter()
for m in msgs:
    partner = env["res.partner"].search([("phone", "=", m["address"])], limit=1)
    if not partner:
        partner = env["res.partner"].create({"name": m["name"], "phone": m["address"]})
    ticket = Ticket.search([("partner_id", "=", partner.id), ("channel_id", "=", channel.id),
                            ("stage_id.closed", "=", False)], limit=1)
    if not ticket:
        ticket = Ticket.message_new(
            {"subject": m["text"][:60], "body": m["text"], "author_id": partner.id, "email_from": m["name"],
             "message_id": m["id"]},
            custom_values={"partner_id": partner.id, "channel_id": channel.id, "team_id": team.id,
                           "description": m["text"]},
        )
    ticket.message_post(body=m["text"], author_id=partner.id, message_type="comment",
                        subtype_xmlid="mail.mt_comment")
    env.cr.commit()
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


def fake_meta():
    path = os.path.join(benchlib.ROOT, "addons", "cxm_whatsapp", "tools", "fake_meta.py")
    spec = importlib.util.spec_from_file_location("fake_meta", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUN = f"{int(time.time()) % 1000:03d}"  # a tag of this run: its messages and new customers are its own


def messages(n, prefix, seed):
    rng = random.Random(seed)
    rows = []
    prefix = f"{prefix}{RUN}"
    new_numbers = [f"+90555{prefix}{i:03d}" for i in range(n // 4)]  # valid mobile numbers: +90 555 PRRR III
    for i in range(n):
        if i % 2 == 0:
            address = f"+90532{rng.randrange(EXISTING):07d}"
        else:
            address = new_numbers[(i // 2) % len(new_numbers)]
        rows.append(
            {
                "id": f"wamid.B{prefix}{i:07d}",
                "address": address,
                "name": f"Customer {address[-5:]}",
                "text": f"Merhaba, {i} numaralı sorum var",
            }
        )
    return rows


def post_all(url, rows, senders, meta, pace=None):
    """Post one signed webhook per row from ``senders`` threads; return (latencies in ms, statuses, t0)."""
    import urllib.request

    lock = threading.Lock()
    latencies, statuses, errors = [], [], []
    queue = list(rows)

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                row = queue.pop()
            payload = meta.inbound_payload(
                PHONE_ID, row["address"].lstrip("+"), row["id"], row["text"], name=row["name"]
            )
            body = json.dumps(payload).encode()
            request = urllib.request.Request(  # noqa: S310 (loopback)
                url,
                data=body,
                method="POST",
                headers={"Content-Type": "application/json", "X-Hub-Signature-256": meta.sign(SECRET, body)},
            )
            started = time.perf_counter()
            status = 0
            for _attempt in range(5):  # like the provider, deliver again when the connection failed
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
                        status = response.status
                    break
                except urllib.error.HTTPError as err:
                    status = err.code
                    break
                except OSError:
                    with lock:
                        errors.append(row["id"])
                    time.sleep(0.5)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
            if pace:
                time.sleep(max(0.0, pace - elapsed / 1000))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=senders) as pool:
        futures = [pool.submit(worker) for _ in range(senders)]
    for future in futures:
        future.result()
    if errors:
        print(f"  {len(errors)} deliveries hit a connection error and were sent again", flush=True)
    return latencies, statuses, t0


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))]


def received(db):
    with benchlib.connect(db) as cr:
        cr.execute("SELECT count(*) FROM cxm_channel_message WHERE direction = 'in' AND state = 'received'")
        return cr.fetchone()[0]


def wait_received(db, expected, timeout=900):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with benchlib.connect(db) as cr:
            cr.execute("SELECT count(*) FROM cxm_channel_message WHERE direction = 'in' AND state = 'received'")
            done = cr.fetchone()[0]
        if done >= expected:
            return time.perf_counter()
        time.sleep(0.2)
    raise SystemExit(f"only {done} of {expected} messages reached their tickets")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="at most 3996 (new numbers: 999)")
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    meta = fake_meta()
    if not args.keep_db:
        benchlib.drop_db(DB)
    if not benchlib.db_exists(DB):
        print(f"creating {DB} (cxm_whatsapp, no demo)...", flush=True)
        benchlib.install(DB, "cxm_whatsapp")
        benchlib.odoo_shell(DB, SETUP)
    ours = messages(args.messages, "1", 1)
    steady = messages(args.senders * 10, "2", 2)
    base = received(DB)
    with benchlib.serve(DB, workers=2) as url:
        webhook = f"{url}/cxm/api/v1/whatsapp/bench/webhook"
        post_all(webhook, messages(20, "0", 0), 4, meta)  # warm-up
        wait_received(DB, base + 20)
        latencies, statuses, t0 = post_all(webhook, ours, args.senders, meta)
        t_acked = time.perf_counter()
        t_done = wait_received(DB, base + 20 + len(ours))
        rate = len(ours) / (t_done - t0)
        print(flush=True)
        print(f"ours: {len(ours)} webhooks from {args.senders} senders, statuses {sorted(set(statuses))}")
        print(
            f"  ack at full speed: p50 {statistics.median(latencies):.0f} ms, p99 {pct(latencies, 99):.0f} ms, "
            f"{len(ours) / (t_acked - t0):.0f} webhooks/s"
        )
        print(f"  webhook to ticket message: {rate:.1f} messages/s ({t_done - t0:.1f} s)")
        lat2, _statuses, _t0 = post_all(webhook, steady, args.senders, meta, pace=1.0)
        print(
            f"  ack at {args.senders} senders x 1 msg/s: p50 {statistics.median(lat2):.0f} ms, "
            f"p99 {pct(lat2, 99):.0f} ms"
        )
        wait_received(DB, base + 20 + len(ours) + len(steady))
    in_process = messages(args.messages, "4", 1)
    out = benchlib.odoo_shell(DB, f"MESSAGES = {json.dumps(json.dumps(in_process))}\n" + OURS_IN_PROCESS)
    timing = json.loads(out.strip().splitlines()[-1])
    ours_rate = len(in_process) / timing["seconds"]
    print(
        f"ours in process (intake as the webhooks call it, then the intake job): {ours_rate:.1f} messages/s "
        f"({timing['seconds']:.1f} s, of which recording {timing['receive']:.1f} s)",
        flush=True,
    )
    stock_rows = messages(args.messages, "3", 1)
    out = benchlib.odoo_shell(DB, f"MESSAGES = {json.dumps(json.dumps(stock_rows))}\n" + STOCK)
    seconds = json.loads(out.strip().splitlines()[-1])["seconds"]
    stock_rate = len(stock_rows) / seconds
    print(f"stock message_new/message_post one by one: {stock_rate:.1f} messages/s ({seconds:.1f} s)")
    print(
        f"ratio ours/stock: end to end over HTTP {rate / stock_rate:.1f}x, in process {ours_rate / stock_rate:.1f}x "
        "(target >= 10x)"
    )
    benchlib.result(
        "channel inbound: webhook to ticket message over HTTP",
        "messages/s",
        rate,
        stock=stock_rate,
        ratio=rate / stock_rate,
        target=10,
    )
    benchlib.result(
        "channel inbound: intake in process",
        "messages/s",
        ours_rate,
        stock=stock_rate,
        ratio=ours_rate / stock_rate,
        target=10,
    )


if __name__ == "__main__":
    main()

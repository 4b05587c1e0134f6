#!/usr/bin/env python3
"""A WhatsApp round trip on a running demo server, through the built-in fake provider.

    .venv/bin/python scripts/demo/whatsapp_roundtrip.py [--url http://127.0.0.1:8069] [--db cxm_demo]
        [--phone 905321234567] [--text "Siparişim nerede?"] [--login agent --password agent]

Needs the server with its job runner (scripts/run) and the demo data of cxm_whatsapp, whose instance
"WhatsApp Business (demo, fake provider)" points at 127.0.0.1:8098. The script:

1. starts the fake Cloud API provider (cxm_whatsapp/tools/fake_meta.py) on 127.0.0.1:8098;
2. sends a customer's message to the webhook, signed with the demo app secret like Meta does;
3. waits for the ticket the conversation layer opens (or the open one it joins);
4. answers from the chatter as the agent (``message_post``, what *Send message* does);
5. shows the request the provider receives, lets the provider call back with sent / delivered /
   read, and shows the message's status on the ticket after each.
"""

import argparse
import sys
import time
import uuid
import xmlrpc.client

from demolib import load_fake, wait_for

fake_meta = load_fake("cxm_whatsapp", "fake_meta")
FakeWhatsApp, inbound_payload = fake_meta.FakeWhatsApp, fake_meta.inbound_payload

SECRET = "demo-app-secret"  # noqa: S105 (the demo instance's app secret)
TOKEN = "demo-access-token"  # noqa: S105 (the demo instance's access token)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cxm_demo")
    parser.add_argument("--phone", default="905321234567")
    parser.add_argument("--name", default="Zeynep Demir")
    parser.add_argument("--text", default="Merhaba, siparişim hâlâ gelmedi.")
    parser.add_argument("--login", default="agent")
    parser.add_argument("--password", default="agent")
    args = parser.parse_args()

    uid = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common").authenticate(args.db, args.login, args.password, {})
    if not uid:
        sys.exit(f"cannot log in as {args.login} on {args.db}")
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **kw):
        return models.execute_kw(args.db, uid, args.password, model, method, list(params), kw)

    webhook = f"{args.url}/cxm/api/v1/whatsapp/demo-whatsapp/webhook"
    with FakeWhatsApp(token=TOKEN, app_secret=SECRET, phone_number_id="1000001", port=8098) as fake:
        fake.webhook_url = webhook
        wamid = f"wamid.DEMO{uuid.uuid4().hex[:12].upper()}"
        started = time.monotonic()
        status, body = fake.post_webhook(
            webhook, inbound_payload("1000001", args.phone, wamid, args.text, name=args.name)
        )
        print(
            f"1. customer +{args.phone} wrote {args.text!r}: webhook answered {status} {body.decode()} "
            f"in {(time.monotonic() - started) * 1000:.0f} ms"
        )
        if status != 200:
            sys.exit("the webhook refused the message")

        def inbound():
            rows = call(
                "cxm.channel.message", "search_read", [("external_id", "=", wamid)], fields=["ticket_id", "state"]
            )
            return rows and rows[0]["ticket_id"] and rows[0]

        row = wait_for("the ticket", inbound)
        ticket_id = row["ticket_id"][0]
        ticket = call("helpdesk.ticket", "read", [ticket_id], fields=["number", "name", "partner_id", "channel_id"])[0]
        print(
            f"2. on ticket {ticket['number']} {ticket['name']!r} of {ticket['partner_id'][1]} "
            f"(channel {ticket['channel_id'][1]}) after {time.monotonic() - started:.1f} s"
        )

        reply = "Merhaba, kargonuz yarın teslim edilecek. İyi günler!"
        call("helpdesk.ticket", "write", [ticket_id], {"user_id": uid})
        call(
            "helpdesk.ticket",
            "message_post",
            [ticket_id],
            body=reply,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        print(f"3. agent {args.login} answered in the chatter: {reply!r}")
        wait_for("the provider to receive the reply", lambda: fake.sent)
        sent_id, payload, headers = fake.sent[0]
        print(
            f"4. the provider received POST /v21.0/1000001/messages ({headers.get('Authorization', '')[:13]}...): "
            f"to={payload['to']} type={payload['type']} body={payload['text']['body']!r} -> {sent_id}"
        )

        def state():
            rows = call(
                "cxm.channel.message",
                "search_read",
                [("ticket_id", "=", ticket_id), ("direction", "=", "out"), ("external_id", "=", sent_id)],
                fields=["state"],
            )
            return rows and rows[0]["state"]

        wait_for("the send to be recorded", lambda: state() == "sent")
        print("5. status on the ticket: sent")
        for callback_status in fake.deliver():
            print(f"   provider status callback answered {callback_status}")
        final = wait_for("the read status", lambda: state() == "read" and state())
        print(f"6. status on the ticket: {final} (round trip {time.monotonic() - started:.1f} s)")
        print(f"   open {args.url}/odoo/helpdesk.ticket/{ticket_id} and its Conversation tab")


if __name__ == "__main__":
    main()

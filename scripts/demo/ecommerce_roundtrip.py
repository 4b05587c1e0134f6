#!/usr/bin/env python3
"""An e-commerce round trip on a running demo server, through the built-in fake shop.

    .venv/bin/python scripts/demo/ecommerce_roundtrip.py [--url http://127.0.0.1:8069] [--db cxm_demo]
        [--login agent --password agent]

Needs the server with its job runner (scripts/run) and the demo data of cxm_ecommerce, whose instance
"E-commerce platform (demo, fake)" points at 127.0.0.1:8095. The script:

1. starts the fake shop (cxm_ecommerce/tools/fake_shop.py), which opens a ticket about an order (REST,
   demo API key) and polls it until the ticket is open;
2. answers in the chatter as the agent: the shop receives the answer by webhook;
3. closes the ticket: the shop receives the status change, and its poll shows it closed with the answer.
"""

import argparse
import sys
import time
import uuid
import xmlrpc.client

from demolib import load_fake, wait_for

KEY = "cxm_d3m0ec0m0001_demo-only-key-of-the-ecommerce-demo"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cxm_demo")
    parser.add_argument("--login", default="agent")
    parser.add_argument("--password", default="agent")
    args = parser.parse_args()
    uid = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common").authenticate(args.db, args.login, args.password, {})
    if not uid:
        sys.exit(f"cannot log in as {args.login} on {args.db}")
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **kw):
        return models.execute_kw(args.db, uid, args.password, model, method, list(params), kw)

    FakeShop = load_fake("cxm_ecommerce", "fake_shop").FakeShop
    api = f"{args.url}/cxm/api"
    with FakeShop(token="shop-token", port=8095) as shop:  # noqa: S106
        request_id = f"req-{uuid.uuid4().hex[:10]}"
        order_ref = f"SO-{uuid.uuid4().hex[:6].upper()}"
        started = time.monotonic()
        status, body = shop.open_ticket(
            api, KEY, FakeShop.order_request(request_id, order_ref, email="ayse@example.com")
        )
        print(f"1. the shop asked about order {order_ref}: {status} {body}")
        polled = wait_for(
            "the ticket", lambda: (p := shop.status(api, KEY, body["poll"].removeprefix("/cxm/api"))[1])["ticket"] and p
        )
        print(
            f"2. ticket {polled['ticket']} is {polled['state']} ({polled['stage']}) after "
            f"{time.monotonic() - started:.1f} s, orders {polled['order_refs']}"
        )
        [ticket_id] = call("helpdesk.ticket", "search", [("number", "=", polled["ticket"])])
        call(
            "helpdesk.ticket",
            "message_post",
            [ticket_id],
            body="Eksik ürününüz yarın kargoya verilecek.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        wait_for("the answer by webhook", lambda: shop.events)
        print(f"3. the shop received by webhook: {shop.events[0]}")
        ticket = call("helpdesk.ticket", "read", [ticket_id], fields=["cxm_process_id", "cxm_status_id"])[0]
        moved = None
        if ticket["cxm_process_id"]:  # the agent moves it along its process, as the status buttons do
            transitions = call(
                "cxm.process.transition",
                "search_read",
                [
                    ("process_id", "=", ticket["cxm_process_id"][0]),
                    ("from_status_ids", "in", [ticket["cxm_status_id"][0]]),
                    ("trigger", "=", "manual"),
                ],
                fields=["name", "comment_required"],
            )
            transitions.sort(key=lambda t: t["comment_required"])  # the plain buttons first: no reason to type
            for transition in transitions:
                try:
                    call("helpdesk.ticket", "cxm_fire_transition", [ticket_id], transition["id"], comment="Demo")
                except xmlrpc.client.Fault:
                    continue  # a guard of the process (required field, condition): try the next button
                moved = transition["name"]
                break
        else:
            stage = call("helpdesk.ticket.stage", "search_read", [("closed", "=", True)], fields=["name"], limit=1)
            call("helpdesk.ticket", "write", [ticket_id], {"stage_id": stage[0]["id"]})
            moved = stage[0]["name"]
        if not moved:
            sys.exit("no transition of the ticket's process could be fired")
        wait_for("the status event", lambda: len(shop.events) > 1)
        print(
            f"4. the agent moved the ticket ({moved}); status event: {shop.events[-1]['state']} "
            f"({shop.events[-1]['stage']})"
        )
        final = shop.status(api, KEY, f"/v1/ecommerce/tickets/{polled['ticket']}")[1]
        print(f"5. the shop's poll: {final['state']}, latest answer {final['latest_answer']}")


if __name__ == "__main__":
    main()

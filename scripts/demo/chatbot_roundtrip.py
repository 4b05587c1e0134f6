#!/usr/bin/env python3
"""An external chatbot's round trip on a running demo server, through the chatbot REST API.

    .venv/bin/python scripts/demo/chatbot_roundtrip.py [--url http://127.0.0.1:8069] [--db cxm_demo]
        [--login agent --password agent]

Needs the demo data of cxm_chatbot (instance "External chatbot (demo)" and its demo API key). The script,
as a bot would:

1. identifies the customer by e-mail (creating them the first time) and says hello;
2. opens a ticket with an Idempotency-Key, and replays the call: the same ticket, nothing opened twice;
3. adds the customer's message; the agent answers in the chatter (XML-RPC);
4. reads the ticket's status with the latest answer, then asks to close it (through the ticket's process:
   refused with 409 when the process does not let the bot close it now).
"""

import argparse
import json
import sys
import uuid
import xmlrpc.client
from urllib import error as urlerror
from urllib import request as urlrequest

KEY = "cxm_d3m0ch4tb0t1_demo-only-key-of-the-chatbot-demo"


def api(base, method, path, body=None, idem=None):
    data = None if body is None else json.dumps(body).encode()
    request = urlrequest.Request(f"{base}/cxm/api/v1/chatbot{path}", data=data, method=method)  # noqa: S310
    request.add_header("X-API-Key", KEY)
    request.add_header("Content-Type", "application/json")
    if idem:
        request.add_header("Idempotency-Key", idem)
    try:
        with urlrequest.urlopen(request, timeout=30) as response:  # noqa: S310 (the demo server)
            return response.status, json.loads(response.read())
    except urlerror.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cxm_demo")
    parser.add_argument("--login", default="agent")
    parser.add_argument("--password", default="agent")
    args = parser.parse_args()
    base = args.url.rstrip("/")

    status, customer = api(
        base, "POST", "/customers/identify", {"email": "bot.visitor@example.com", "name": "Deniz Aksoy", "create": True}
    )
    if status != 200:
        sys.exit(f"identify: {status} {customer}")
    print("identify:", status, customer["say"])
    handle = customer["customer"]
    idem = f"demo-{uuid.uuid4().hex[:12]}"
    body = {
        "subject": "Fatura adresi",
        "text": "Faturamdaki adresi değiştirmek istiyorum.",
        "transcript": "bot: Merhaba!",
    }
    status, ticket = api(base, "POST", f"/customers/{handle}/tickets", body, idem)
    print("open:", status, ticket.get("say", ticket))
    status, replay = api(base, "POST", f"/customers/{handle}/tickets", body, idem)
    print("replay:", status, "same ticket" if replay.get("number") == ticket.get("number") else replay)
    number = ticket["number"]
    status, added = api(
        base, "POST", f"/customers/{handle}/tickets/{number}/messages", {"text": "Yeni adres: Kadıköy"}, idem + "-m"
    )
    print("message:", status, added.get("say", added))

    uid = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/common").authenticate(args.db, args.login, args.password, {})
    if uid:
        models = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object", allow_none=True)
        ids = models.execute_kw(
            args.db, uid, args.password, "helpdesk.ticket", "search", [[("number", "=", number)]], {}
        )
        models.execute_kw(
            args.db,
            uid,
            args.password,
            "helpdesk.ticket",
            "message_post",
            ids,
            {"body": "Adresiniz güncellendi.", "message_type": "comment", "subtype_xmlid": "mail.mt_comment"},
        )
        print(f"the agent {args.login} answered in the chatter")
    status, detail = api(base, "GET", f"/customers/{handle}/tickets/{number}")
    print("status:", status, detail.get("say", detail))
    status, closed = api(base, "POST", f"/customers/{handle}/tickets/{number}/close")
    print("close:", status, closed.get("say") or closed.get("detail"))
    status, listed = api(base, "GET", f"/customers/{handle}/tickets")
    print("open tickets:", status, listed.get("say", listed))


if __name__ == "__main__":
    main()

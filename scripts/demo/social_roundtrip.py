#!/usr/bin/env python3
"""Social and Şikayetvar round trips on a running demo server, through the built-in fakes.

    .venv/bin/python scripts/demo/social_roundtrip.py [--url http://127.0.0.1:8069] [--db cxm_demo]
        [--login agent --password agent]

Needs the server with its job runner (scripts/run) and the demo data of cxm_social: the instance
"Social tracking platform (demo, fake)" points at 127.0.0.1:8096, "Şikayetvar (demo, fake)" at
127.0.0.1:8097. The script:

1. starts the fake tracking platform and the fake complaint site (cxm_social/tools/fake_social.py);
2. the tracking platform pushes a public complaint (REST, demo API key): a ticket opens; the agent answers
   in the chatter and the platform receives the public reply;
3. the complaint site publishes a complaint; *Poll now* (what the scheduled action does) reads it: a
   ticket with the complaint's public state, URL and SLA deadline; the agent answers and the site
   receives it; the customer rates 5 stars and the next poll marks the ticket resolved.
"""

import argparse
import sys
import time
import uuid
import xmlrpc.client

from demolib import load_fake, wait_for

KEY = "cxm_d3m0s0c1a100_demo-only-key-of-the-social-tracking-demo"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cxm_demo")
    parser.add_argument("--login", default="agent")
    parser.add_argument("--password", default="agent")
    parser.add_argument("--admin", default="admin")
    parser.add_argument("--admin-password", default="admin")
    args = parser.parse_args()
    fakes = load_fake("cxm_social", "fake_social")
    common = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/common")
    uid = common.authenticate(args.db, args.login, args.password, {})
    admin = common.authenticate(args.db, args.admin, args.admin_password, {})
    if not uid or not admin:
        sys.exit(f"cannot log in as {args.login} / {args.admin} on {args.db}")
    models = xmlrpc.client.ServerProxy(f"{args.url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *params, **kw):
        return models.execute_kw(args.db, uid, args.password, model, method, list(params), kw)

    def call_admin(model, method, *params, **kw):
        return models.execute_kw(args.db, admin, args.admin_password, model, method, list(params), kw)

    def ticket_of(external_id):
        rows = call("cxm.channel.message", "search_read", [("external_id", "=", external_id)], fields=["ticket_id"])
        return rows and rows[0]["ticket_id"] and rows[0]["ticket_id"][0]

    def answer(ticket_id, text):
        call(
            "helpdesk.ticket",
            "message_post",
            [ticket_id],
            body=text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    with (
        fakes.FakeTrackingPlatform(token="tracking-token", port=8096) as platform,  # noqa: S106
        fakes.FakeComplaintSite(token="complaint-token", port=8097) as site,  # noqa: S106
    ):
        # ---------------------------------------------------------------- tracking platform
        event_id = f"tw-{uuid.uuid4().hex[:10]}"
        started = time.monotonic()
        status, body = platform.push(
            f"{args.url}/cxm/api/v1/social/posts",
            KEY,
            {
                "event_id": event_id,
                "type": "complaint",
                "platform": "twitter",
                "url": f"https://twitter.com/zeynep_d/status/{event_id}",
                "public": True,
                "text": "@acme 3 gündür müşteri hizmetlerine ulaşamıyorum!",
                "author": {"handle": "zeynep_d", "name": "Zeynep Demir", "profile_url": "https://twitter.com/zeynep_d"},
            },
        )
        print(f"1. tracking platform pushed {event_id}: {status} {body}")
        ticket_id = wait_for("the ticket", lambda: ticket_of(event_id))
        ticket = call("helpdesk.ticket", "read", [ticket_id], fields=["number", "name", "partner_id"])[0]
        print(
            f"2. ticket {ticket['number']} {ticket['name']!r} of {ticket['partner_id'][1]} "
            f"after {time.monotonic() - started:.1f} s"
        )
        answer(ticket_id, "Merhaba Zeynep Hanım, size hemen dönüyoruz.")
        wait_for("the platform to receive the reply", lambda: platform.replies)
        print(f"3. the platform received the public reply: {platform.replies[0]}")

        # ---------------------------------------------------------------- complaint site
        complaint_id = f"SV-{uuid.uuid4().hex[:8]}"
        site.add(
            complaint_id, "Aldığım telefon 2 haftadır servisten dönmedi", member=f"m-{complaint_id}", name="Mehmet Öz"
        )
        [instance] = call_admin("cxm.integration.instance", "search", [("code", "=", "sikayetvar-demo")])
        call_admin("cxm.integration.instance", "action_cxm_social_poll", [instance])
        print(f"4. complaint {complaint_id} published on the site, polled")
        ticket_id = wait_for("the complaint's ticket", lambda: ticket_of(complaint_id))
        fields = ["number", "cxm_social_public_state", "cxm_social_url", "cxm_sla_deadline", "cxm_process_id"]
        ticket = call("helpdesk.ticket", "read", [ticket_id], fields=fields)[0]
        print(
            f"5. ticket {ticket['number']}: public state {ticket['cxm_social_public_state']}, "
            f"{ticket['cxm_social_url']}, process {ticket['cxm_process_id'] and ticket['cxm_process_id'][1]}, "
            f"first answer due {ticket['cxm_sla_deadline']}"
        )
        answer(ticket_id, "Merhaba Mehmet Bey, cihazınız yarın kargoda.")
        wait_for("the site to receive the answer", lambda: site.answers)
        print(f"6. the site received the answer: {site.answers[0]}")
        wait_for(
            "the answer to be recorded on the ticket",
            lambda: (
                call("helpdesk.ticket", "read", [ticket_id], fields=["cxm_social_public_state"])[0][
                    "cxm_social_public_state"
                ]
                == "answered"
            ),
        )
        site.update(complaint_id, status="RESOLVED", rating=5)
        call_admin("cxm.integration.instance", "action_cxm_social_poll", [instance])
        ticket = call("helpdesk.ticket", "read", [ticket_id], fields=["cxm_social_public_state", "cxm_social_rating"])
        print(
            f"7. after the customer's rating: {ticket[0]['cxm_social_public_state']}, "
            f"{ticket[0]['cxm_social_rating']} stars"
        )
        print(f"   open {args.url}/odoo/helpdesk.ticket/{ticket_id} (Social tab), Reporting > Public Complaints")


if __name__ == "__main__":
    main()

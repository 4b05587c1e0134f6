#!/usr/bin/env python3
"""The e-mail channel end to end on the demo database, against an IMAP and an SMTP server on 127.0.0.1.

    .venv/bin/python scripts/demo/mail_roundtrip.py --url http://127.0.0.1:8069 --db cxm_demo

Starts the loopback IMAP server of the demo mailbox (destek@anatolia-retail.example, port
10143, the demo incoming mail server "Support mailbox (loopback demo)") and a loopback SMTP
server (made the outgoing server "Loopback SMTP (demo)"), then, over JSON-RPC:

1. a customer e-mails the Customer Service alias; Odoo fetches it over IMAP: a ticket on the
   customer the identity look-up finds (an unknown address becomes a new customer);
2. the agent answers from the chatter; Odoo sends it over SMTP: the script prints the
   headers the customer receives, with the ticket reference in the subject;
3. the customer's reply arrives without In-Reply-To / References: it lands on the same
   ticket through the subject;
4. a vacation reply (Auto-Submitted, Precedence, X-Autoreply) arrives: logged, no ticket
   opened or reopened.
"""

import argparse
import re
import sys
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "addons" / "cxm_mail" / "tests"))
from loopback import LoopbackIMAP, LoopbackSMTP

ALIAS = "destek@anatolia-retail.example"


class Odoo:
    def __init__(self, url, db, login, password):
        self.url, self.db, self.password = url.rstrip("/"), db, password
        self.uid = self._call("common", "login", db, login, password)
        if not self.uid:
            sys.exit(f"login {login} refused on {db}")

    def _call(self, service, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call", "params": {"service": service, "method": method, "args": args}}
        answer = requests.post(f"{self.url}/jsonrpc", json=payload, timeout=120).json()
        if answer.get("error"):
            sys.exit(f"{service}.{method}: {answer['error']['data'].get('message') or answer['error']}")
        return answer.get("result")  # a method that returns None answers without "result"

    def __call__(self, model, method, *args, **kwargs):
        return self._call("object", "execute_kw", self.db, self.uid, self.password, model, method, list(args), kwargs)


def mail(sender, subject, body, **headers):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, ALIAS, subject
    msg["Message-Id"] = make_msgid(domain="customer.example")
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="cxm_demo")
    parser.add_argument("--customer", default="Deniz Aydın <deniz.aydin@example.com>")
    args = parser.parse_args()
    admin = Odoo(args.url, args.db, "admin", "admin")
    agent = Odoo(args.url, args.db, "agent", "agent")
    server_ids = admin("fetchmail.server", "search", [["name", "=", "Support mailbox (loopback demo)"]])
    if not server_ids:
        sys.exit("the demo incoming mail server is missing: install cxm_mail with demo data")

    # the demo mailbox password of the demo incoming mail server
    with LoopbackIMAP(user=ALIAS, password="demo") as imap, LoopbackSMTP() as smtp:  # noqa: S106
        if imap.port != 10143:  # the demo server record names port 10143
            admin("fetchmail.server", "write", server_ids, {"port": imap.port})
        smtp_ids = admin("ir.mail_server", "search", [["name", "=", "Loopback SMTP (demo)"]])
        values = {"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "smtp_encryption": "none", "sequence": 1}
        if smtp_ids:
            admin("ir.mail_server", "write", smtp_ids, values)
        else:
            admin("ir.mail_server", "create", [{"name": "Loopback SMTP (demo)", **values}])
        admin("fetchmail.server", "button_confirm_login", server_ids)

        def fetch():
            start = time.monotonic()
            admin("fetchmail.server", "fetch_mail", server_ids)
            return f"{(time.monotonic() - start) * 1000:.0f} ms"

        def send_queue():
            cron = admin("ir.model.data", "check_object_reference", "mail", "ir_cron_mail_scheduler_action")[1]
            admin("ir.cron", "method_direct_trigger", [cron])

        print(f"IMAP 127.0.0.1:{imap.port} ({ALIAS}), SMTP 127.0.0.1:{smtp.port}\n")
        subject = f"Bulaşık makinesi su kaçırıyor ({time.strftime('%H:%M:%S')})"
        imap.deliver(mail(args.customer, subject, "Merhaba, makine alttan su kaçırıyor."))
        took = fetch()
        ticket = admin("helpdesk.ticket", "search_read", [["name", "=", subject]], ["number", "partner_id", "team_id"])
        if not ticket:
            sys.exit("no ticket was opened: is the Customer Service alias 'destek' set (demo data)?")
        ticket = ticket[0]
        print(f"1. customer e-mail fetched over IMAP -> ticket {ticket['number']} (fetch and ticket: {took})")
        print(f"   customer: {ticket['partner_id'][1]}, team: {ticket['team_id'][1]}")

        agent(
            "helpdesk.ticket",
            "message_post",
            [ticket["id"]],
            body="Yarın bir teknisyen gelecek.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[ticket["partner_id"][0]],
        )
        start = time.monotonic()
        send_queue()
        took = f"{(time.monotonic() - start) * 1000:.0f} ms"
        sent = [m for m in smtp.parsed() if ticket["number"] in str(m["Subject"])]
        if not sent:
            sys.exit("the agent's reply did not reach the SMTP server")
        out = sent[-1]
        print(f"2. agent reply sent over SMTP (mail queue run: {took}):")
        for name in ("From", "To", "Reply-To", "Subject", "Message-Id", "References"):
            print(f"   {name}: {out[name]}")

        imap.deliver(mail(args.customer, f"Re: {out['Subject']}", "Tamam, sabah evdeyim."))
        took = fetch()
        count = admin("helpdesk.ticket", "search_count", [["name", "=", subject]])
        last = admin(
            "mail.message",
            "search_read",
            [["model", "=", "helpdesk.ticket"], ["res_id", "=", ticket["id"]], ["message_type", "=", "email"]],
            ["body"],
            limit=1,
        )
        print(f"3. customer reply without In-Reply-To/References, reference in the subject ({took}):")
        text = re.sub("<[^>]+>", "", last[0]["body"]).strip()[:60]
        print(f"   tickets with this subject: {count}; last e-mail on {ticket['number']}: {text}")

        vacation = mail(
            args.customer,
            f"Otomatik yanıt: {out['Subject']}",
            "İzindeyim, 20'sinde döneceğim.",
            Auto_Submitted="auto-replied",
            Precedence="bulk",
            X_Autoreply="yes",
        )
        before = admin("helpdesk.ticket", "search_count", [["partner_id", "=", ticket["partner_id"][0]]])
        imap.deliver(vacation)
        took = fetch()
        log = admin(
            "cxm.mail.autoreply", "search_read", [["message_id", "=", vacation["Message-Id"]]], ["header", "ticket_id"]
        )
        count = admin("helpdesk.ticket", "search_count", [["partner_id", "=", ticket["partner_id"][0]]])
        print(f"4. vacation reply fetched ({took}):")
        print(f"   filtered: {log[0]['header'] if log else 'NO'} on {log[0]['ticket_id'] and log[0]['ticket_id'][1]}")
        print(
            f"   tickets of the customer: {count} (before: {before}); mails sent to the robot: "
            f"{sum(1 for m in smtp.parsed() if 'Otomatik' in str(m['Subject']))}"
        )


if __name__ == "__main__":
    main()

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from unittest import mock

from requests import Session

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user
from odoo.tests.common import HOST, TransactionCase, _super_send

from odoo.addons.cxm_integration.tests.common import FakeReceiver
from odoo.addons.queue_job.tests.common import trap_jobs


class TestReverseTransfer(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.company = cls.env["res.company"].create({"name": "Reverse Co", "country_id": cls.env.ref("base.tr").id})
        cls.tech = new_test_user(cls.env, "rt_tech", groups="cxm_base.group_cxm_integration")
        cls.target = cls.env["cxm.integration.instance"].create(
            {
                "name": "Corporate ERP",
                "code": "erp-target",
                "kind": "data_target",
                "state": "active",
                "company_id": cls.company.id,
                "user_id": cls.tech.id,
                "outbox_timeout": 2,
            }
        )
        Partner = cls.env["res.partner"]
        cls.parent = Partner.create({"name": "Reverse Holding", "is_company": True, "company_id": cls.company.id})
        cls.partners = Partner.create(
            [
                {
                    "name": f"Reverse Customer {n}",
                    "email": f"rc{n}@example.com",
                    "parent_id": cls.parent.id,
                    "company_id": cls.company.id,
                }
                for n in range(5)
            ]
        )
        cls.env["cxm.partner.identity"].create(
            {
                "partner_id": cls.parent.id,
                "key_type": "external",
                "value": "HOLD-1",
                "source_id": cls.target.id,
                "company_id": cls.company.id,
            }
        )
        cls.transfer = cls.env["cxm.reverse.transfer"].create(
            {"name": "To ERP", "instance_id": cls.target.id, "batch_size": 4, "path": "/crm/customers"}
        )

    @classmethod
    def _request_handler(cls, s: Session, r, /, **kw):
        if r.url.startswith(f"http://{HOST}:"):
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def _run(self, receiver):
        """One transfer run, its outbox messages delivered to ``receiver``;
        returns the rows received, in order."""
        before = set(receiver.accepted)
        with trap_jobs() as trap:
            messages = self.transfer._push()
            for _ in range(5):
                if not trap.enqueued_jobs:
                    break
                trap.perform_enqueued_jobs()
        self.assertEqual(set(messages.mapped("state")) - {"sent"}, set())
        rows = []
        bodies = [json.loads(receiver.accepted[key]) for key in set(receiver.accepted) - before]
        for body in sorted(bodies, key=lambda b: b["batch"]):
            self.assertEqual(body["kind"], "customers")
            self.assertLessEqual(len(body["rows"]), 4, "batches of at most batch_size customers")
            rows += body["rows"]
        return messages, rows

    def test_changed_customers_and_ticket_summaries_reach_the_target(self):
        with FakeReceiver() as receiver:
            self.target.base_url = receiver.url
            messages, rows = self._run(receiver)
            ours = {row["id"]: row for row in rows if row["id"] in (self.parent | self.partners).ids}
            self.assertEqual(len(ours), 6, "first run: every customer")
            self.assertEqual(len(rows), len({row["id"] for row in rows}), "each customer once")
            sent_ids = {row["id"] for row in rows}
            self.assertNotIn(self.company.partner_id.id, sent_ids, "our own company is not a customer")
            self.assertNotIn(self.env.ref("base.public_partner").id, sent_ids, "nor is the public user")
            self.assertEqual(len(messages), -(-len(rows) // 4))
            first = ours[self.partners[0].id]["changes"]
            self.assertEqual(first["email"], "rc0@example.com")
            self.assertEqual((first["parent_id"], first["parent_key"]), (self.parent.id, "HOLD-1"))
            self.assertEqual(first["tickets"], {"open": 0, "closed": 0, "last_date": None})
            self.assertEqual(ours[self.parent.id]["external_key"], "HOLD-1")
            self.assertTrue(all(message.log_ids for message in messages), "the API log shows each batch")
            watermark = self.transfer.last_watermark
            self.assertTrue(watermark)

            # nothing changed: nothing sent; a write of equal values is not a change either
            self.partners[1].write({"email": "rc1@example.com"})
            messages, rows = self._run(receiver)
            self.assertEqual((messages, rows), (self.env["cxm.integration.outbox"], []))

            # one phone changed, one ticket opened: only those fields of those customers
            self.partners[2].phone = "+905321234567"
            stage = self.env["helpdesk.ticket.stage"].search([("closed", "=", False)], limit=1)
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": "Reverse ticket",
                    "description": "<p>x</p>",
                    "partner_id": self.partners[3].id,
                    "company_id": self.company.id,
                    "stage_id": stage.id,
                }
            )
            _messages, rows = self._run(receiver)
            self.assertEqual(
                {row["id"]: row["changes"] for row in rows},
                {
                    self.partners[2].id: {"phone": "+905321234567"},
                    self.partners[3].id: {
                        "tickets": {"open": 1, "closed": 0, "last_date": fields.Datetime.to_string(ticket.create_date)},
                    },
                },
            )
            self.assertGreaterEqual(self.transfer.last_watermark, watermark)

    def test_watermark_advances_only_when_every_batch_is_queued(self):
        Outbox = type(self.env["cxm.integration.outbox"])
        original = Outbox._enqueue
        calls = []

        def flaky(model, instance, key, path, *args, **kwargs):
            calls.append(key)
            if len(calls) == 2:
                raise ConnectionError("outbox unavailable")
            return original(model, instance, key, path, *args, **kwargs)

        with FakeReceiver() as receiver:
            self.target.base_url = receiver.url
            # (not assertRaises: it would roll back what the run committed)
            with mock.patch.object(Outbox, "_enqueue", flaky):
                try:
                    self.transfer._push()
                except ConnectionError as error:
                    self.assertEqual(str(error), "outbox unavailable")
                else:
                    self.fail("the run must fail")
            self.assertFalse(self.transfer.last_watermark, "a failed run keeps the watermark")
            queued = self.env["cxm.integration.outbox"].search([("instance_id", "=", self.target.id)])
            self.assertEqual(len(queued), 1, "the first batch is queued, the failed one left nothing")
            first_ids = {row["id"] for row in json.loads(queued.payload)["rows"]}
            _messages, rows = self._run(receiver)
            retried_ids = {row["id"] for row in rows}
            self.assertFalse(first_ids & retried_ids, "the queued batch is not sent again")
            ours = set((self.parent | self.partners).ids)
            self.assertLessEqual(ours - first_ids, retried_ids, "the rest is sent on the next run")
            self.assertTrue(self.transfer.last_watermark)

    def test_cron_runs_active_targets_only(self):
        disabled = self.env["cxm.integration.instance"].create(
            {"name": "Old ERP", "code": "erp-old", "kind": "data_target", "company_id": self.company.id}
        )
        disabled.state = "disabled"
        idle = self.env["cxm.reverse.transfer"].create({"name": "To old ERP", "instance_id": disabled.id})
        manual = self.env["cxm.reverse.transfer"].create(
            {"name": "By hand", "instance_id": self.target.id, "scheduled": False}
        )
        with (
            FakeReceiver() as receiver,
            trap_jobs() as trap,
            mock.patch.object(type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")),
        ):
            self.target.base_url = receiver.url
            self.env["cxm.reverse.transfer"]._cron_push()
            trap.perform_enqueued_jobs()
        self.assertTrue(self.transfer.last_watermark)
        self.assertFalse(idle.last_watermark)
        self.assertFalse(manual.last_watermark, "a transfer off schedule waits for 'Push now'")
        self.assertTrue(receiver.accepted)
        self.assertEqual(self.transfer.last_messages, len(receiver.accepted))

    def test_push_now_runs_that_transfer_in_the_background(self):
        manager = new_test_user(self.env, "rt_manager", groups="cxm_base.group_cxm_manager", company_id=self.company.id)
        manual = self.env["cxm.reverse.transfer"].create(
            {"name": "By hand", "instance_id": self.target.id, "scheduled": False, "path": "/by-hand"}
        )
        with FakeReceiver() as receiver, trap_jobs() as trap:
            self.target.base_url = receiver.url
            action = manual.with_user(manager).action_push_now()
            self.assertEqual(action["params"]["type"], "info")
            trap.assert_jobs_count(1)
            self.assertFalse(receiver.accepted, "nothing is sent before the job runs")
            trap.perform_enqueued_jobs()  # the push: queues the outbox messages
            trap.perform_enqueued_jobs()  # the outbox: sends them
        self.assertTrue(manual.last_watermark)
        self.assertFalse(self.transfer.last_watermark, "only the transfer pushed")
        self.assertEqual(manual.last_messages, len(receiver.accepted))
        rows = [row for body in receiver.accepted.values() for row in json.loads(body)["rows"]]
        self.assertIn(self.partners[0].id, {row["id"] for row in rows})

    def test_archived_partners_never_sent_stay_home(self):
        Partner = self.env["res.partner"]
        template = Partner.create({"name": "Portal Template Like", "company_id": self.company.id, "active": False})
        first = self.transfer._candidates(None)
        self.assertNotIn(template.id, first, "an archived partner was never a customer of the target")
        self.assertTrue(set(self.partners.ids) <= set(first))
        self.assertNotIn(self.company.partner_id.id, first, "this database's companies are not customers")
        template.write({"name": "Portal Template Like 2"})
        yesterday = fields.Datetime.subtract(fields.Datetime.now(), days=1)
        self.assertNotIn(template.id, self.transfer._candidates(yesterday), "nor when it changes later")

    def test_configuration_is_checked(self):
        source = self.env["cxm.integration.instance"].create(
            {"name": "Src", "code": "rt-src", "kind": "data_source", "company_id": self.company.id}
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.transfer.instance_id = source
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.transfer.batch_size = 0

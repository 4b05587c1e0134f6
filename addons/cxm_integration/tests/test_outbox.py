# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.cxm_integration_outbox import retry_after_seconds
from .common import FakeReceiver, IntegrationCommon


class TestOutbox(IntegrationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.instance.write({"outbox_timeout": 0.25, "outbox_max_attempts": 8, "outbox_backoff": 10})
        cls.Outbox = cls.env["cxm.integration.outbox"]

    def _drain(self, trap, rounds=30):
        """Run trapped jobs, and the retries they queue, until none is left."""
        for _ in range(rounds):
            if not trap.enqueued_jobs:
                return
            trap.perform_enqueued_jobs()
        self.fail(f"jobs still queued after {rounds} rounds")

    def test_flaky_receiver_gets_every_message_exactly_once(self):
        with FakeReceiver(fail_rate=0.3, timeout_rate=0.1, delay=0.6, seed=7) as receiver, trap_jobs() as trap:
            self.instance.base_url = receiver.url
            messages = self.Outbox
            for n in range(30):
                messages |= self.Outbox._enqueue(self.instance, f"msg-{n}", "/orders", {"order": n})
            # queuing the same key again sends nothing more
            self.assertEqual(self.Outbox._enqueue(self.instance, "msg-3", "/orders", {"order": 3}), messages[3])
            self._drain(trap)
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(sorted(receiver.accepted), sorted(f"msg-{n}" for n in range(30)))
        self.assertEqual(receiver.accepted["msg-5"], b'{"order": 5}')
        self.assertGreater(len(receiver.received), 30, "the flaky receiver must have forced retries")
        retried = messages.filtered(lambda m: m.attempt_count > 1)
        self.assertTrue(retried)
        self.assertEqual(len(retried[0].log_ids), retried[0].attempt_count)
        self.assertTrue(any("timeout" in (log.error or "") for log in messages.log_ids), "some attempts timed out")
        self.assertEqual(self.instance.health_queue, 0)

    def test_dead_letter_after_max_attempts_then_requeue(self):
        self.instance.outbox_max_attempts = 3
        with FakeReceiver(fail_rate=1.0) as down, trap_jobs() as trap:
            self.instance.base_url = down.url
            message = self.Outbox._enqueue(self.instance, "dead-1", "/x", {"a": 1})
            etas = []
            for _ in range(5):
                etas += [job.eta for job in trap.enqueued_jobs if job.eta]
                trap.perform_enqueued_jobs()
        self.assertEqual(message.state, "dead")
        self.assertEqual(message.attempt_count, 3)
        self.assertEqual(len(down.received), 3)
        self.assertEqual(message.last_status, 503)
        # exponential backoff: 10 s then 20 s
        self.assertEqual(len(etas), 2)
        gaps = [(eta - fields.Datetime.now()).total_seconds() for eta in etas]
        self.assertAlmostEqual(gaps[0], 10, delta=3)
        self.assertAlmostEqual(gaps[1], 20, delta=3)
        self.instance.invalidate_recordset()
        self.assertEqual(self.instance.health_dead, 1)
        with FakeReceiver() as up, trap_jobs() as trap:
            self.instance.base_url = up.url
            self.instance.with_user(self.manager).action_requeue_dead()
            self.assertEqual(message.state, "queued")
            self._drain(trap)
        self.assertEqual(message.state, "sent")
        self.assertEqual(list(up.accepted), ["dead-1"])
        with self.assertRaises(UserError):
            message.action_requeue()

    def test_time_window_and_rate_cap(self):
        self.env.company.partner_id.tz = "UTC"
        self.instance.write({"outbox_window_start": 22.0, "outbox_window_end": 6.0})
        with FakeReceiver() as receiver, trap_jobs() as trap:
            self.instance.base_url = receiver.url
            with freeze_time("2026-03-02 12:00:00"):
                message = self.Outbox._enqueue(self.instance, "night-1", "/x", {})
                trap.perform_enqueued_jobs()
                self.assertEqual(message.state, "queued")
                self.assertEqual(receiver.received, [])
                self.assertEqual(message.next_attempt, fields.Datetime.now() + timedelta(hours=10, seconds=1))
            with freeze_time("2026-03-02 23:00:00"):
                trap.perform_enqueued_jobs()
            self.assertEqual(message.state, "sent")

        self.instance.write({"outbox_window_start": 0.0, "outbox_window_end": 0.0, "outbox_rate_cap": 2})
        with FakeReceiver() as receiver, trap_jobs() as trap:
            self.instance.base_url = receiver.url
            capped = self.Outbox
            for n in range(3):
                capped |= self.Outbox._enqueue(self.instance, f"cap-{n}", "/x", {})
            trap.perform_enqueued_jobs()
        self.assertEqual(len(receiver.received), 2, "the third call waits for the next minute")
        self.assertEqual(sorted(capped.mapped("state")), ["queued", "sent", "sent"])

    def test_disabled_instance_holds_messages(self):
        with FakeReceiver() as receiver, trap_jobs() as trap:
            self.instance.base_url = receiver.url
            self.instance.action_disable()
            message = self.Outbox._enqueue(self.instance, "held", "/x", {})
            trap.perform_enqueued_jobs()
            self.assertEqual(message.state, "retry")
            self.assertEqual(receiver.received, [])
            self.instance.action_activate()
            message.action_requeue()
            trap.perform_enqueued_jobs()
        self.assertEqual(message.state, "sent")

    def test_retry_after_of_the_receiver(self):
        """A 429 or 503 answer's Retry-After (seconds or an HTTP date) sets the earliest next attempt."""
        self.assertEqual(retry_after_seconds("120"), 120)
        self.assertEqual(retry_after_seconds("Sat, 05 Dec 2026 10:01:00 GMT", now=1796464800.0), 61)
        self.assertEqual(retry_after_seconds("soon"), 0)
        self.assertEqual(retry_after_seconds(None), 0)
        self.assertEqual(retry_after_seconds("99999999"), 6 * 3600, "capped like the backoff")

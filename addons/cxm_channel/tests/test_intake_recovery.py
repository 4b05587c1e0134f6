# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The intake under failure: a job that dies half-way loses and duplicates nothing, a message accepted while
the instance's job fails is processed later, and messages delivered one per call come out exactly as the
same messages delivered in one call."""

import psycopg2

from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import ChannelCase

CRASH_ON_DONE = """
CREATE FUNCTION cxm_test_intake_crash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the server went away'; END $$;
CREATE TRIGGER cxm_test_intake_crash BEFORE UPDATE OF state ON cxm_integration_event
    FOR EACH ROW WHEN (NEW.state = 'done') EXECUTE FUNCTION cxm_test_intake_crash();
"""
NO_CRASH = "DROP TRIGGER cxm_test_intake_crash ON cxm_integration_event; DROP FUNCTION cxm_test_intake_crash();"


class TestIntakeRecovery(ChannelCase):
    def burst(self):
        """Six messages of five senders (the last one writes twice)."""
        return [self.item(f"c-{i}", address=f"crash-{i}", text=f"complaint {i}") for i in range(5)] + [
            self.item("c-5", address="crash-0", text="anyone there?")
        ]

    def pending(self):
        return self.env["cxm.channel.message"].search(
            [("instance_id", "=", self.instance.id), ("state", "=", "pending")]
        )

    def age_pending(self):
        """Let the safety net's minute pass for the waiting messages."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE cxm_channel_message SET create_date = create_date - interval '5 minutes' WHERE state = 'pending'"
        )
        self.env.invalidate_all()

    def outcome(self, instance, prefix):
        """What the customers and agents see, per sender: [(sender, ticket names, chatter bodies)]."""
        Identity = self.env["cxm.partner.identity"]
        rows = []
        for identity in Identity.search([("source_id", "=", instance.id), ("value", "=like", prefix + "%")]):
            tickets = self.env["helpdesk.ticket"].search([("partner_id", "=", identity.partner_id.id)], order="id")
            bodies = tickets.message_ids.filtered(lambda m, p=identity.partner_id: m.author_id == p).mapped("body")
            rows.append((identity.value, identity.partner_id.name, tickets.mapped("name"), sorted(bodies)))
        return sorted(rows)

    def test_job_dying_half_way_loses_and_duplicates_nothing(self):
        with trap_jobs() as trap:
            results = self.instance._cxm_channel_receive(self.burst())
        self.assertEqual({r["status"] for r in results}, {"accepted"})
        self.assertEqual(len(trap.enqueued_jobs), 1, "one intake job for the whole delivery")
        # the job dies at its last write, after it made partners, tickets and chatter messages
        self.env.cr.execute(CRASH_ON_DONE)
        with self.assertRaises(psycopg2.Error), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.env.cr.execute(NO_CRASH)
        self.assertEqual(len(self.pending()), 6, "nothing was lost: every message still waits")
        self.assertFalse(self.tickets_of("crash-0"), "nothing of the dead job is left")

        # a replay while they wait is still a duplicate; the safety net runs them again
        with trap_jobs() as trap:
            again = self.instance._cxm_channel_receive(self.burst())
            self.assertFalse(trap.enqueued_jobs)
            self.age_pending()
            self.env["cxm.channel.intake"]._cxm_cron_pending()
            self.run_jobs(trap)
        self.assertEqual({r["status"] for r in again}, {"duplicate"})
        self.assertFalse(self.pending())
        self.assertEqual(len(self.tickets_of("crash-0")), 1, "the second message joined the first one's ticket")
        self.assertEqual(len(self.tickets_of("crash-0").cxm_channel_message_ids), 2)
        for i in range(1, 5):
            self.assertEqual(len(self.tickets_of(f"crash-{i}")), 1)
        events = self.env["cxm.integration.event"].search([("instance_id", "=", self.instance.id)])
        self.assertEqual(set(events.mapped("state")), {"done"})
        self.assertEqual(len(events), 6)

    def test_message_accepted_while_the_job_fails_is_processed_later(self):
        self.instance.provider = "missing"  # no adapter: the intake job fails
        with trap_jobs() as trap:
            self.instance._cxm_channel_receive([self.item("f-1", address="fail-1", text="first")])
            with self.assertRaises(UserError), self.env.cr.savepoint():
                trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual(len(self.pending()), 1)
        self.instance.provider = "generic"
        # the next delivery's job takes the one left waiting too
        self.receive(self.item("f-2", address="fail-2", text="second"))
        self.assertFalse(self.pending())
        self.assertEqual(len(self.tickets_of("fail-1")), 1)
        self.assertEqual(len(self.tickets_of("fail-2")), 1)

    def test_one_per_call_equals_all_in_one_call(self):
        second = self.instance.copy({"code": "chat-test-2", "name": "Chat platform 2"})
        third = self.instance.copy({"code": "chat-test-3", "name": "Chat platform 3"})
        items = [
            self.item("e-1", address="eq-1", text="order late\nsince Monday"),
            self.item("e-2", address="eq-2", text="wrong size"),
            self.item("e-3", address="eq-1", text="still late"),
            self.item("e-4", address="eq-3", text=""),
        ]
        # one per call, each processed at once
        for item in items:
            self.receive(item)
        # one per call, a burst: one job takes them all
        with trap_jobs() as trap:
            for item in items:
                second._cxm_channel_receive([item])
            self.run_jobs(trap)
        # all in one call
        with trap_jobs() as trap:
            third._cxm_channel_receive(items)
            self.run_jobs(trap)
        expected = self.outcome(self.instance, "eq-")
        self.assertEqual(len(expected), 3)
        self.assertEqual([len(row[2]) for row in expected], [1, 1, 1], "one ticket per sender")
        self.assertEqual(self.outcome(second, "eq-"), expected)
        self.assertEqual(self.outcome(third, "eq-"), expected)

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import IysCommon


@tagged("post_install", "-at_install")
class TestIysPush(IysCommon):
    def test_single_consents_reach_iys_in_its_vocabulary(self):
        """Each new ledger event reaches İYS as one consent: WhatsApp and SMS are one MESAJ consent
        (sent once for both), e-mail is EPOSTA, dates in Turkey time; one token serves both calls."""
        with trap_jobs() as trap:
            whatsapp = self.record(self.ayse, "whatsapp", source="HS_CAGRI_MERKEZI")
            sms = self.record(self.ayse, "sms", source="HS_CAGRI_MERKEZI")
            email = self.record(self.ayse, "email", source="HS_WEB")
            self.drain(trap)
        pushes = self.pushes(whatsapp | sms | email)
        self.assertEqual(pushes.mapped("state"), ["accepted"] * 3)
        self.assertTrue(all(pushes.mapped("transaction_id")))
        self.assertEqual(self.pushes(whatsapp).transaction_id, self.pushes(sms).transaction_id)
        self.assertEqual(len(self.fake.calls("/consents")), 2)
        sent = [json.loads(body) for _m, _p, body, _h in self.fake.calls("/consents") if body]
        self.assertEqual(
            {(c["type"], c["recipient"], c["status"]) for c in sent},
            {
                ("MESAJ", "+905321112233", "ONAY"),
                ("EPOSTA", "ayse@example.com", "ONAY"),
            },
        )
        first = next(c for c in sent if c["type"] == "MESAJ")
        self.assertEqual(first["recipientType"], "BIREYSEL")
        self.assertEqual(first["source"], "HS_CAGRI_MERKEZI")
        local = datetime.strptime(first["consentDate"], "%Y-%m-%d %H:%M:%S")
        self.assertAlmostEqual(local, whatsapp.consent_date + timedelta(hours=3), delta=timedelta(seconds=1))
        self.assertEqual(self.fake.state("+905321112233", "MESAJ"), "ONAY")
        self.assertEqual(len(self.fake.calls("/oauth2/token")), 1)
        self.assertEqual(self.fake.calls("/consents")[0][3]["Authorization"], "Bearer iys-token-1")
        log = self.env["cxm.integration.log"].search([("instance_id", "=", self.instance.id)])
        self.assertEqual(len(log), 3, "the token call and both consents are in the API log")
        self.assertNotIn("s3cret", " ".join(log.mapped("request_excerpt")))

    def test_batch_with_result_polling_and_a_refused_item(self):
        """From the batch size on, events go as one consents/request; the result is polled until İYS
        has processed it; an item İYS refuses is rejected with its code, the others accepted."""
        with trap_jobs() as trap:
            events = self.env["cxm.consent.event"]._cxm_record(
                [
                    {"partner_id": self.ayse.id, "channel": "sms", "status": "approve", "source": "HS_WEB"},
                    {"partner_id": self.mehmet.id, "channel": "sms", "status": "approve", "source": "HS_WEB"},
                    {"partner_id": self.mehmet.id, "channel": "call", "status": "refuse", "source": "HS_WEB"},
                ]
            )
            self.drain(trap)
        self.assertEqual(len(self.fake.calls("/consents/request")), 3, "one batch, then two result polls")
        batch = json.loads(self.fake.calls("/consents/request")[0][2])
        self.assertEqual(batch[0]["status"], "RET", "refusals go first")
        pushes = self.pushes(events)
        self.assertEqual(len(set(pushes.mapped("request_id"))), 1)
        self.assertTrue(pushes[0].request_id)
        refused = pushes.filtered(lambda p: p.channel == "call")
        self.assertEqual(refused.state, "rejected")
        self.assertEqual(refused.error_code, "H019", "the first record of a recipient cannot be RET")
        self.assertEqual((pushes - refused).mapped("state"), ["accepted", "accepted"])
        self.assertEqual(self.fake.state("+905334445566", "MESAJ"), "ONAY")

    def test_expired_token_is_renewed_on_401(self):
        with trap_jobs() as trap:
            self.record(self.ayse, "sms")
            self.drain(trap)
            self.fake.expire_tokens()
            event = self.record(self.mehmet, "sms")
            self.drain(trap)
        self.assertEqual(self.pushes(event).state, "accepted")
        self.assertEqual(self.fake.token_count, 2)
        answers = [m.last_status for m in self.pushes(event).outbox_id]
        self.assertEqual(answers, [200])
        self.assertEqual(self.pushes(event).outbox_id.attempt_count, 2, "one 401, then the renewed token")

    def test_wrong_credentials_end_as_a_dead_letter(self):
        self.instance.sudo().write({"cxm_iys_password": "wrong", "outbox_max_attempts": 2})
        with trap_jobs() as trap:
            event = self.record(self.ayse, "sms")
            self.drain(trap)
        push = self.pushes(event)
        self.assertEqual(push.state, "failed")
        self.assertEqual(push.outbox_id.state, "dead")
        self.assertEqual(self.fake.consents, {})
        errors = self.env["cxm.integration.log"].search(
            [("instance_id", "=", self.instance.id), ("endpoint", "like", "/oauth2/token")]
        )
        self.assertEqual(set(errors.mapped("status_code")), {401})

    def test_rate_limit_retry_after_is_honoured(self):
        """İYS answers 429 with Retry-After: the outbox waits at least that long before the next attempt."""
        self.fake.throttle = 1
        with trap_jobs() as trap:
            event = self.record(self.ayse, "sms")
            trap.perform_enqueued_jobs()  # the push job queues the outbox job
            before = fields.Datetime.now()
            trap.perform_enqueued_jobs()  # the attempt: 429
            message = self.pushes(event).outbox_id
            self.assertEqual((message.state, message.last_status), ("retry", 429))
            etas = [job.eta for job in trap.enqueued_jobs]
            self.assertTrue(etas and etas[0] >= before + timedelta(seconds=29), etas)
            self.drain(trap)
        self.assertEqual(self.pushes(event).state, "accepted")

    def test_batches_keep_within_the_per_minute_limit(self):
        """İYS takes 2 batch requests a minute: a third one waits for the next minute instead of
        drawing a 429."""
        instance = self.instance.copy({"code": "iys-limits", "cxm_iys_username": "brand-api"})
        instance.sudo().write({"state": "active", "cxm_iys_password": "s3cret"})
        self.instance.state = "disabled"
        events = self.env["cxm.consent.event"]
        with trap_jobs() as trap:
            for round_ in range(3):
                batch = [
                    {"partner_id": p.id, "channel": ch, "status": "approve", "source": "HS_WEB"}
                    for p in (self.ayse, self.mehmet)
                    for ch in ("sms", "email")
                ][: 3 + round_ % 2]
                events |= self.env["cxm.consent.event"]._cxm_record(batch)
                trap.perform_enqueued_jobs()  # the push job: one batch on the outbox
            trap.perform_enqueued_jobs()  # the three sends
            messages = self.env["cxm.integration.outbox"].search(
                [("instance_id", "=", instance.id), ("cxm_iys_op", "=", "batch")]
            )
            self.assertEqual(sorted(messages.mapped("state")), ["queued", "sent", "sent"])
            posted = [call for call in self.fake.calls("/consents/request") if call[0] == "POST"]
            self.assertEqual(len(posted), 2, "the third batch was not sent")

    def test_refused_content_is_not_retried(self):
        """A consent İYS refuses (too old) is a dead letter at the first answer, with İYS's code."""
        with trap_jobs() as trap:
            event = self.record(self.ayse, "sms", consent_date=fields.Datetime.now() - timedelta(days=10))
            self.drain(trap)
        push = self.pushes(event)
        self.assertEqual((push.state, push.error_code), ("rejected", "H018"))
        self.assertEqual(push.outbox_id.attempt_count, 1)
        with trap_jobs() as trap:
            push.with_user(self.manager).action_retry()  # still too old: refused again
            self.assertEqual(push.state, "queued")
            self.drain(trap)
        self.assertEqual((push.state, push.error_code), ("rejected", "H018"))
        self.assertEqual(len(self.fake.calls("/consents")), 2)

    def test_registry_events_and_other_companies_are_not_pushed(self):
        other = self.env["res.company"].create({"name": "No İYS Co"})
        with trap_jobs() as trap:
            from_iys = self.record(self.ayse, "sms", source="HS_IYS")
            elsewhere = self.record(self.ayse, "sms", company_id=other.id)
            self.drain(trap)
        self.assertFalse(self.pushes(from_iys | elsewhere))
        self.assertFalse(self.fake.calls("/consents"))

    def test_refusal_deadline_is_flagged(self):
        """A refusal İYS has not accepted within a business day of its 3-business-day deadline is flagged
        and the instance's followers are told once; an accepted one is not."""
        with trap_jobs():
            late = self.record(
                self.ayse, "sms", status="refuse", consent_date=fields.Datetime.now() - timedelta(days=5)
            )
            fresh = self.record(self.mehmet, "sms", status="refuse")
        Push = self.env["cxm.consent.iys.push"]
        self.assertEqual(Push._cxm_cron_check_deadlines(), 1)
        self.assertTrue(self.pushes(late).overdue)
        self.assertFalse(self.pushes(fresh).overdue)
        self.assertIn("1 refusals", self.instance.message_ids[0].body)
        self.assertEqual(Push._cxm_cron_check_deadlines(), 0, "flagged once")
        self.assertEqual(self.instance.cxm_iys_overdue, 1)

    def test_refusal_deadline_skips_public_holidays(self):
        """The 3 business days of a refusal skip the public holidays of the company's working schedule
        (whole days, in its time zone); a half-day eve is still a business day."""
        calendar = self.env.company.resource_calendar_id
        calendar.tz = "Europe/Istanbul"
        Leave = self.env["resource.calendar.leaves"]
        Leave.create(
            [
                # Wednesday 25 and Thursday 26 November 2026, whole days in Istanbul (UTC+3)
                {
                    "name": "Bayram",
                    "calendar_id": calendar.id,
                    "date_from": datetime(2026, 11, 24, 21, 0),
                    "date_to": datetime(2026, 11, 26, 20, 59, 59),
                },
                # Friday 27 afternoon: an eve, half a day off
                {
                    "name": "Arife",
                    "calendar_id": calendar.id,
                    "date_from": datetime(2026, 11, 27, 10, 0),
                    "date_to": datetime(2026, 11, 27, 20, 59, 59),
                },
            ]
        )
        with trap_jobs():
            # Tuesday 24 November, 10:00 in Istanbul
            refusal = self.record(self.ayse, "sms", status="refuse", consent_date=datetime(2026, 11, 24, 7, 0))
        # Friday 27 (1), Monday 30 (2), Tuesday 1 December (3)
        self.assertEqual(self.pushes(refusal).deadline, datetime(2026, 12, 1, 7, 0))
        calendar.global_leave_ids.unlink()
        with trap_jobs():
            other = self.record(self.mehmet, "sms", status="refuse", consent_date=datetime(2026, 11, 24, 7, 0))
        self.assertEqual(self.pushes(other).deadline, datetime(2026, 11, 27, 7, 0), "no holidays: Friday")

    def test_only_managers_and_integration_read_pushes(self):
        with trap_jobs():
            self.record(self.ayse, "sms")
        self.assertEqual(
            self.env["cxm.consent.iys.push"]
            .with_user(self.manager)
            .search_count([("instance_id", "=", self.instance.id)]),
            1,
        )
        with self.assertRaises(AccessError):
            self.env["cxm.consent.iys.push"].with_user(self.agent).search([])
        as_agent = self.instance.with_user(self.agent)
        self.assertEqual(as_agent.cxm_iys_pending, 1, "the counters show on the instance form for every reader")
        for action in ("action_cxm_iys_push", "action_cxm_iys_pull", "action_cxm_iys_reconcile"):
            with self.assertRaises(AccessError):
                getattr(as_agent, action)()

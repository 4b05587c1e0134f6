# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import NUMBERS, MailingCommon

GRANTS = ("grant_call_centre", "grant_portal", "grant_registry")
WITHDRAWALS = ("stop_reply", "portal_off", "unsubscribe_link", "refusal_registry")
OPERATIONS = st.lists(
    st.tuples(st.integers(0, len(NUMBERS) - 1), st.sampled_from(GRANTS + WITHDRAWALS + ("campaign", "offer"))),
    min_size=1,
    max_size=12,
)


class Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestWithdrawalSequences(MailingCommon):
    """Random sequences of grants and withdrawals (by every path a customer or the registry has) mixed
    with commercial sends (SMS campaigns, commercial channel messages): the fake provider never receives
    a commercial message for a number whose latest event is a withdrawal, or that never consented."""

    def grant(self, partner, how):
        if how == "grant_portal":
            partner.with_user(self.env.ref("base.user_admin"))._cxm_consent_portal_set({"sms": True})
        else:
            source = {"grant_call_centre": "HS_CAGRI_MERKEZI", "grant_registry": "HS_IYS"}[how]
            self.record("approve", partner=partner, source=source)

    def withdraw(self, partner, how, fake, counter):
        if how == "stop_reply":
            with trap_jobs():
                self.netgsm._cxm_channel_receive(
                    [{"external_id": f"stop-{counter}", "address": partner.phone, "text": "STOP"}]
                )
            self.env["cxm.channel.intake"]._cxm_drain(self.netgsm)
        elif how == "portal_off":
            partner._cxm_consent_portal_set({"sms": False})
        elif how == "unsubscribe_link":
            self.mailing("sms", partner)._cxm_consent_withdraw("sms", partner.phone, partner.id)
        else:
            self.record("refuse", partner=partner, source="HS_IYS")

    def offer(self, partner):
        """A commercial message on the conversation layer (a marketing template, a call-list SMS)."""
        message = (
            self.env["cxm.channel.message"]
            .sudo()
            .create(
                {
                    "instance_id": self.netgsm.id,
                    "direction": "out",
                    "state": "queued",
                    "purpose": "commercial",
                    "partner_id": partner.id,
                    "address": partner.phone,
                    "body": "Size özel teklif",
                }
            )
        )
        with contextlib.suppress(UserError), self.env.cr.savepoint():
            message._cxm_dispatch()

    def test_no_commercial_send_after_withdrawal(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url

            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            @given(operations=OPERATIONS)
            def run(operations):
                fake.jobs.clear()
                consenting = set()
                try:
                    with self.env.cr.savepoint():
                        for counter, (index, operation) in enumerate(operations):
                            partner = self.customers[index]
                            before = len(fake.jobs)
                            if operation in GRANTS:
                                self.grant(partner, operation)
                                consenting.add(partner.phone)
                            elif operation in WITHDRAWALS:
                                self.withdraw(partner, operation, fake, counter)
                                consenting.discard(partner.phone)
                            elif operation == "campaign":
                                self.send_sms_campaign(fake)
                            else:
                                self.offer(partner)
                            received = {"+" + job["no"] for job in list(fake.jobs.values())[before:]}
                            self.assertLessEqual(
                                received, consenting, f"commercial SMS to a non-consenting number: {operations}"
                            )
                            if operation == "campaign":
                                self.assertEqual(received, consenting, "every consenting number gets the campaign")
                        raise Rollback
                except Rollback:
                    self.env.invalidate_all()

            run()

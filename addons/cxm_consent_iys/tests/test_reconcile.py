# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import IysCommon


@tagged("post_install", "-at_install")
class TestIysReconcile(IysCommon):
    def test_reconcile_reports_the_differences(self):
        """Ledger and registry agree on Ayşe's SMS; Mehmet's SMS approval never reached İYS; Mehmet
        refused e-mail in the ledger but İYS still says ONAY (the refusal was not pushed yet)."""
        self.fake.consents.clear()
        self.addresses = {"+905321112233", "+905334445566", "ayse@example.com", "mehmet@example.com"}
        with trap_jobs() as trap:
            self.record(self.ayse, "sms")
            self.record(self.mehmet, "email")
            self.drain(trap)
        self.instance.state = "draft"  # what follows is not pushed
        with trap_jobs():
            self.record(self.mehmet, "sms")
            self.record(self.mehmet, "email", status="refuse")
        self.instance.state = "active"
        with trap_jobs() as trap:
            action = self.instance.with_user(self.manager).action_cxm_iys_reconcile()
            self.drain(trap)
        run = self.env["cxm.consent.iys.reconcile"].browse(action["res_id"])
        self.assertEqual(run.state, "done")
        self.assertEqual(run.chunk_done, run.chunk_count)
        self.assertGreaterEqual(run.chunk_count, 2, "one query per İYS type (at least)")
        # the company's other consents (demo data) are reported too: only ours are looked at
        ours = run.line_ids.filtered(lambda line: line.address in self.addresses)
        found = {(line.address, line.kind, line.ledger_status, line.registry_status) for line in ours}
        self.assertEqual(
            found,
            {
                ("+905334445566", "missing", "approve", "none"),
                ("mehmet@example.com", "differs", "refuse", "approve"),
            },
        )
        self.assertEqual(ours.mapped("partner_id"), self.mehmet)
        self.assertIn("/consents/BIREYSEL/status/MESAJ", " ".join(c[1] for c in self.fake.received))

    def test_reconcile_applies_the_refusals_held_by_iys(self):
        """Ayşe refused messages on İYS and the change feed was never read: the manager applies the
        difference, the ledger records the refusal (source HS_IYS) for SMS and WhatsApp, once; an approval
        the ledger lacks on İYS is not applied (the ledger's evidence stands)."""
        self.fake.consents.clear()
        with trap_jobs() as trap:
            self.record(self.ayse, "sms")
            self.record(self.mehmet, "email", status="refuse")
            self.drain(trap)
        self.fake.recipient_change("+905321112233", "MESAJ", "RET")
        self.fake.recipient_change("mehmet@example.com", "EPOSTA", "ONAY")
        with trap_jobs() as trap:
            action = self.instance.with_user(self.manager).action_cxm_iys_reconcile()
            self.drain(trap)
        run = self.env["cxm.consent.iys.reconcile"].browse(action["res_id"])
        ours = run.line_ids.filtered(lambda line: line.address in ("+905321112233", "mehmet@example.com"))
        self.assertEqual(len(ours), 2)
        with self.assertRaises(AccessError):
            run.with_user(self.agent).action_apply_registry_refusals()
        result = run.with_user(self.manager).action_apply_registry_refusals()
        self.assertEqual(result["params"]["type"], "success")
        State = self.env["cxm.consent.state"]
        self.assertEqual(State._cxm_statuses("sms", ["+905321112233"])["+905321112233"], "refuse")
        self.assertEqual(State._cxm_statuses("email", ["mehmet@example.com"])["mehmet@example.com"], "refuse")
        events = self.env["cxm.consent.event"].search(
            [("address", "=", "+905321112233"), ("status", "=", "refuse"), ("source", "=", "HS_IYS")]
        )
        self.assertEqual(set(events.mapped("channel")), {"sms", "whatsapp"}, "İYS MESAJ covers both")
        self.assertTrue(ours.filtered(lambda line: line.registry_status == "refuse").applied)
        run.with_user(self.manager).action_apply_registry_refusals()
        self.assertEqual(
            self.env["cxm.consent.event"].search_count([("address", "=", "+905321112233"), ("source", "=", "HS_IYS")]),
            2,
            "applied once",
        )

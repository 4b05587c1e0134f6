# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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

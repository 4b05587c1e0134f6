# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from requests import Session

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import HOST, _super_send

from odoo.addons.queue_job.tests.common import trap_jobs

from .fake_iys import FakeIys


@tagged("post_install", "-at_install")
class TestIysUi(HttpCase):
    @classmethod
    def _request_handler(cls, s: Session, r, /, **kw):
        # keep our short timeouts against the fake on loopback
        if r.url.startswith(f"http://{HOST}:"):
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def test_manager_reviews_and_resends_a_rejected_consent(self):
        self.env["cxm.integration.instance"].search([("kind", "=", "consent_registry")]).write({"state": "disabled"})
        new_test_user(self.env, "cxm_tour_iys", groups="cxm_base.group_cxm_manager,base.group_user")
        with FakeIys(username="brand-api", password="s3cret") as fake:
            instance = self.env["cxm.integration.instance"].create(
                {
                    "name": "İYS tour",
                    "code": "iys-tour",
                    "kind": "consent_registry",
                    "state": "active",
                    "base_url": fake.url,
                    "cxm_iys_code": "700000",
                    "cxm_iys_brand_code": "700001",
                    "cxm_iys_username": "brand-api",
                    "cxm_iys_password": "s3cret",
                    "outbox_timeout": 5,
                }
            )
            partner = self.env["res.partner"].create({"name": "Tur Müşteri", "phone": "+905321112299"})
            Event = self.env["cxm.consent.event"]
            with trap_jobs() as trap:
                Event._cxm_record(
                    [{"partner_id": partner.id, "channel": "sms", "status": "approve", "source": "HS_WEB"}]
                )
                Event._cxm_record(
                    [
                        {
                            "partner_id": partner.id,
                            "channel": "call",
                            "status": "approve",
                            "source": "HS_WEB",
                            "consent_date": fields.Datetime.now() - timedelta(days=10),
                        }
                    ]
                )
                for _round in range(5):
                    trap.perform_enqueued_jobs()
            pushes = self.env["cxm.consent.iys.push"].search([("instance_id", "=", instance.id)])
            self.assertEqual(sorted(pushes.mapped("state")), ["accepted", "rejected"])
            rejected = pushes.filtered(lambda p: p.error_code == "H018")
            self.start_tour(
                f"/odoo/action-cxm_integration.cxm_integration_instance_action/{instance.id}",
                "cxm_consent_iys_tour",
                login="cxm_tour_iys",
            )
        rejected.invalidate_recordset()
        self.assertEqual((rejected.state, rejected.error_code), ("queued", False), "sent again from the list")

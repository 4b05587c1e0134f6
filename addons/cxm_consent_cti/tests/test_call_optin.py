# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.cxm_consent.tests.common import ConsentCommon, code_in
from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm


@tagged("post_install", "-at_install")
class TestCallOptin(ConsentCommon):
    """On the phone with a customer, the agent captures the consent from the call's 360° view: the code
    goes to the number the customer is calling from."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = cls.env["cxm.integration.instance"].create(
            {"name": "PBX", "code": "pbx-consent", "kind": "call_center", "state": "active"}
        )
        Call = cls.env["cxm.cti.call"].sudo()
        cls.call = Call.create(
            {
                "instance_id": cls.pbx.id,
                "call_id": "C-1",
                "caller_raw": "05329876543",
                "caller_e164": "+905329876543",
                "partner_id": cls.customer.id,
                "user_id": cls.agent.id,
            }
        )
        cls.unknown = Call.create(
            {"instance_id": cls.pbx.id, "call_id": "C-2", "caller_raw": "0532", "user_id": cls.agent.id}
        )

    def test_code_goes_to_the_calling_number(self):
        action = self.call.with_user(self.agent).action_cxm_consent_optin()
        wizard = Form(self.env["cxm.consent.optin"].with_user(self.agent).with_context(**action["context"])).save()
        self.assertEqual(wizard.partner_id, self.customer)
        self.assertEqual(wizard.phone, "+905329876543", "the number on the line, not the one on file")
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            wizard.action_send_code()
            job = next(iter(fake.jobs.values()))
            self.assertEqual(job["no"], "905329876543")
            wizard.entered_code = code_in(job["msg"])
            wizard.action_confirm_code()
        self.assertTrue(self.allowed("sms", ["+905329876543"]))
        self.assertEqual(self.customer.cxm_consent_event_ids.source, "HS_CAGRI_MERKEZI")

    def test_unknown_caller_first(self):
        with self.assertRaisesRegex(UserError, "customer of this call first"):
            self.unknown.with_user(self.agent).action_cxm_consent_optin()

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm

from .common import ConsentCommon, code_in


@tagged("post_install", "-at_install")
class TestUi(ConsentCommon):
    def test_sms_code_optin_tour(self):
        """The agent sends the code from the partner form (the fake Netgsm delivers it), the customer
        reads it back, the agent types a wrong code then the right one: consent recorded."""
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            url = f"/odoo/res.partner/{self.customer.id}"
            self.start_tour(url, "cxm_consent_optin_send_tour", login="sms_agent")
            self.assertEqual(len(fake.jobs), 1, "one SMS with the code")
            code = code_in(next(iter(fake.jobs.values()))["msg"])
            wrong = f"{(int(code) + 1) % 10**6:06d}"
            start = json.dumps({"stepDelay": 0, "keepWatchBrowser": False, "debug": False, "startUrl": url})
            self.start_tour(
                url,
                "cxm_consent_optin_confirm_tour",
                login="sms_agent",
                code=f"window.cxmConsentCodes = {json.dumps([wrong, code])}; "
                f"odoo.startTour('cxm_consent_optin_confirm_tour', {start})",
            )
        events = self.customer.cxm_consent_event_ids
        self.assertEqual(sorted(events.mapped("channel")), ["sms", "whatsapp"])
        self.assertEqual(set(events.mapped("source")), {"HS_CAGRI_MERKEZI"})
        attempts = self.env["cxm.consent.code.attempt"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(sorted(attempts.mapped("success")), [False, True])

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.cxm_customer_data.tests.fake_erp import FakeErpMixin


@tagged("post_install", "-at_install")
class TestCallPanels(FakeErpMixin, HttpCase):
    """The external data panels in the call-centre 360° view."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.agent = new_test_user(cls.env, "cdc_agent", groups="cxm_base.group_cxm_agent", name="Call Agent")
        team = cls.env["helpdesk.ticket.team"].create({"name": "Call Panel Team", "user_ids": [(6, 0, cls.agent.ids)]})

        instance = cls.env["cxm.integration.instance"].create(
            {"name": "Panel PBX", "code": "pbx-panels", "kind": "call_center", "state": "active"}
        )
        holding = cls.env["res.partner"].create({"name": "Call Holding", "is_company": True, "vat": "TR55443322"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Call Panel Customer", "parent_id": holding.id, "cxm_national_id": "10000000146"}
        )
        Call = cls.env["cxm.cti.call"]
        cls.call = Call.create(
            {
                "instance_id": instance.id,
                "call_id": "panel-1",
                "caller_raw": "05321112233",
                "partner_id": cls.customer.id,
            }
        )
        cls.unknown_call = Call.create({"instance_id": instance.id, "call_id": "panel-2", "caller_raw": "0212"})
        common = {"auth_type": "bearer", "auth_secret": "s3cret", "timeout": 0.4}
        Connector = cls.env["cxm.lookup.connector"]
        Connector.create(
            {
                **common,
                "name": "Call ERP orders",
                "kind": "order",
                "url_template": cls.base + "/orders/{nid}",
                "parameter_map": {"nid": "cxm_national_id"},
                "response_path": "data.orders",
                "column_map": [{"label": "Order", "path": "number"}, {"label": "Status", "path": "status.label"}],
            }
        )
        Connector.create(
            {
                **common,
                "name": "Call accounts",
                "kind": "account",
                "url_template": cls.base + "/accounts/{case}?vat={vat}",
                "parameter_map": {"case": "ticket.number", "vat": "parent_id.vat"},
                "response_path": "accounts",
                "column_map": [
                    {"label": "IBAN", "path": "iban"},
                    {"label": "Product", "path": "product.name"},
                    {"label": "Case", "path": "case"},
                ],
                "reference_path": "iban",
            }
        )
        Connector.create(
            {
                **common,
                "name": "Call slow ERP",
                "url_template": cls.base + "/slow/{nid}",
                "parameter_map": {"nid": "cxm_national_id"},
            }
        )
        cls.team = team

    def test_panels_of_the_caller(self):
        started = time.monotonic()
        panels = {p["name"]: p for p in self.call.with_user(self.agent).cxm_lookup_panels()}
        self.assertLess(time.monotonic() - started, 1.2, "a slow service does not hold the call screen")
        self.assertEqual(panels["Call ERP orders"]["rows"], [["SO-1", "Delivered"]])
        self.assertIn("did not answer within 0.4 s", panels["Call slow ERP"]["message"])
        self.assertIn("Not enough data", panels["Call accounts"]["message"], "no ticket yet: no ticket number")
        action = self.call.with_user(self.agent).action_cxm_lookup_panels()
        wizard = self.env["cxm.lookup.panel.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.partner_id, self.customer)
        self.assertIn("Delivered", wizard.panels_html)
        self.assertFalse(wizard.line_ids, "without a ticket nothing can be attached")
        self.assertEqual(self.unknown_call.with_user(self.agent).cxm_lookup_panels(), [])
        with self.assertRaisesRegex(UserError, "Pick the caller"):
            self.unknown_call.with_user(self.agent).action_cxm_lookup_panels()

    def test_rows_attach_to_the_ticket_of_the_call(self):
        self.call.with_user(self.agent).action_new_ticket()
        ticket = self.call.ticket_ids
        self.assertEqual(len(ticket), 1)
        action = self.call.with_user(self.agent).action_cxm_lookup_panels()
        wizard = self.env["cxm.lookup.panel.wizard"].with_user(self.agent).browse(action["res_id"])
        self.assertEqual(wizard.ticket_id, ticket)
        self.assertIn(ticket.number, wizard.panels_html, "the accounts service was asked with the ticket number")
        line = wizard.line_ids.filtered(lambda r: "Current account" in r.summary)
        line.action_attach()
        self.assertEqual(ticket.cxm_reference_ids.external_id, "TR00 0001")
        self.assertEqual(ticket.cxm_reference_ids.kind, "account")

    def test_other_company_agent_sees_nothing(self):
        other = self.env["res.company"].create({"name": "Call Other Co"})
        outsider = new_test_user(
            self.env,
            "cdc_outsider",
            groups="cxm_base.group_cxm_agent",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        with self.assertRaises(AccessError):
            self.call.with_user(outsider).cxm_lookup_panels()
        with self.assertRaises(AccessError):
            self.call.with_user(outsider).action_cxm_lookup_panels()

    def test_tour_call_360_external_data(self):
        self.start_tour(f"/odoo/cxm-calls/{self.call.id}", "cxm_customer_data_cti_tour", login="cdc_agent")

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .fake_erp import FakeErpMixin


@tagged("post_install", "-at_install")
class TestTicketLookup(FakeErpMixin, TransactionCase):
    """External data panels asked from a ticket (parameters from the ticket
    and its customer), and rows attached to the ticket as references."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.agent = new_test_user(cls.env, "cd_ticket_agent", groups="cxm_base.group_cxm_agent")
        cls.outsider = new_test_user(cls.env, "cd_ticket_outsider", groups="cxm_base.group_cxm_agent")
        team = cls.env["helpdesk.ticket.team"].create({"name": "Lookup Team", "user_ids": [(6, 0, cls.agent.ids)]})
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Panel Holding", "is_company": True, "vat": "TR1234567890"}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ticket Panel Customer", "parent_id": cls.company_partner.id, "cxm_national_id": "10000000146"}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Card blocked", "description": "<p>x</p>", "partner_id": cls.customer.id, "team_id": team.id}
        )
        cls.Connector = cls.env["cxm.lookup.connector"]
        cls.accounts = cls.Connector.create(
            {
                "name": "Core banking accounts",
                "kind": "account",
                "url_template": cls.base + "/accounts/{case}?vat={vat}",
                "auth_type": "bearer",
                "auth_secret": "s3cret",
                "parameter_map": {"case": "ticket.number", "vat": "parent_id.vat"},
                "response_path": "accounts",
                "column_map": [
                    {"label": "IBAN", "path": "iban"},
                    {"label": "Product", "path": "product.name"},
                    {"label": "Case", "path": "case"},
                    {"label": "Tax ID", "path": "vat"},
                ],
                "reference_path": "iban",
                "timeout": 0.5,
            }
        )

    def test_parameters_from_ticket_and_customer(self):
        panels = {p["name"]: p for p in self.ticket.with_user(self.agent).cxm_lookup_panels()}
        panel = panels["Core banking accounts"]
        self.assertTrue(panel["ok"], panel)
        self.assertEqual(
            panel["rows"][0], ["TR00 0001", "Current account", self.ticket.number, "TR1234567890"], panel["rows"]
        )
        self.assertNotIn("raw_rows", panel, "the public answer carries only the mapped columns")
        # asked from the customer alone, a ticket parameter is missing: a message, not an error
        [from_partner] = self.customer.with_user(self.agent).cxm_lookup_panels()
        self.assertFalse(from_partner["ok"])
        self.assertIn("Not enough data", from_partner["message"])

    def test_failing_service_does_not_block_the_ticket_dialog(self):
        self.Connector.create(
            {
                "name": "Slow ERP",
                "url_template": self.base + "/slow/{nid}",
                "auth_type": "bearer",
                "auth_secret": "s3cret",
                "parameter_map": {"nid": "partner.cxm_national_id"},
                "timeout": 0.3,
            }
        )
        self.Connector.create(
            {"name": "Ticketless", "url_template": self.base + "/x/{n}", "parameter_map": {"n": "ticket.nope"}}
        )
        started = time.monotonic()
        action = self.ticket.with_user(self.agent).action_cxm_lookup_panels()
        self.assertLess(time.monotonic() - started, 1.2)
        wizard = self.env["cxm.lookup.panel.wizard"].browse(action["res_id"])
        self.assertIn("did not answer within 0.3 s", wizard.panels_html)
        self.assertIn("Not enough data on the ticket", wizard.panels_html)
        self.assertIn("Current account", wizard.panels_html)
        self.assertEqual(wizard.line_ids.mapped("panel_name"), ["Core banking accounts"] * 2)

    def test_attach_row_to_ticket(self):
        action = self.ticket.with_user(self.agent).action_cxm_lookup_panels()
        wizard = self.env["cxm.lookup.panel.wizard"].with_user(self.agent).browse(action["res_id"])
        card = wizard.line_ids.filtered(lambda line: "Credit card" in line.summary)
        self.assertEqual(card.action_attach(), {"type": "ir.actions.act_window_close"})
        reference = self.ticket.cxm_reference_ids
        self.assertEqual(len(reference), 1)
        self.assertEqual(reference.external_id, "TR00 0002")
        self.assertEqual(reference.kind, "account")
        self.assertEqual(reference.connector_id, self.accounts)
        self.assertIn("Product: Credit card", reference.label)
        self.assertEqual(reference.data["product"], {"name": "Credit card"}, "the whole row is kept")
        self.assertEqual(reference.create_uid, self.agent)
        # the same row again: no second reference
        again = self.ticket.with_user(self.agent).cxm_attach_lookup_row(self.accounts.id, 1)
        self.assertEqual(again, reference.id)
        self.assertEqual(len(self.ticket.cxm_reference_ids), 1)

    def test_attach_bad_input_changes_nothing(self):
        ticket = self.ticket.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "no such row"):
            ticket.cxm_attach_lookup_row(self.accounts.id, 7)
        with self.assertRaisesRegex(UserError, "no such row"):
            ticket.cxm_attach_lookup_row(self.accounts.id, "0")
        other_company = self.env["res.company"].create({"name": "Lookup Other Co"})
        foreign = self.accounts.copy({"company_id": other_company.id, "name": "Foreign"})
        with self.assertRaisesRegex(UserError, "not yours"):
            ticket.cxm_attach_lookup_row(foreign.id, 0)
        failing = self.Connector.create(
            {
                "name": "Failing ERP",
                "url_template": self.base + "/fail/{nid}",
                "auth_type": "bearer",
                "auth_secret": "s3cret",
                "parameter_map": {"nid": "cxm_national_id"},
            }
        )
        with self.assertRaisesRegex(UserError, "HTTP 500"):
            ticket.cxm_attach_lookup_row(failing.id, 0)
        # an agent outside the ticket's team can neither ask nor attach
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.outsider).cxm_attach_lookup_row(self.accounts.id, 0)
        with self.assertRaises(AccessError):
            self.env["cxm.ticket.reference"].with_user(self.outsider).create(
                {"ticket_id": self.ticket.id, "label": "forged", "external_id": "X"}
            )
        self.assertFalse(self.ticket.cxm_reference_ids)

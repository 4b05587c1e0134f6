# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user


class TestCrmProcess(TransactionCase):
    def test_sales_template_enforced_on_leads(self):
        salesman = new_test_user(self.env, "cxm_sales", groups="sales_team.group_sale_salesman_all_leads")
        template = self.env.ref("cxm_process_crm.template_sales")
        self.assertEqual(template.validation_error_count, 0)
        process = template._cxm_copy_from_template("Sales")
        process.action_activate()
        lead = self.env["crm.lead"].create(
            {"name": "Big deal", "type": "opportunity", "cxm_process_id": process.id, "user_id": salesman.id}
        )
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead1"))
        self.assertTrue(lead.cxm_sla_deadline)
        lead = lead.with_user(salesman)
        with self.assertRaisesRegex(UserError, "Allowed targets from New: Qualified"):
            lead.write({"stage_id": self.env.ref("crm.stage_lead4").id})
        lead.write({"stage_id": self.env.ref("crm.stage_lead2").id})
        propose = process.transition_ids.filtered(lambda t: t.name == "Send proposal")
        with self.assertRaisesRegex(UserError, "fill in Expected Revenue, Contact first"):
            lead.cxm_fire_transition(propose.id)
        lead.write({"expected_revenue": 5000, "partner_id": self.env["res.partner"].create({"name": "Buyer"}).id})
        lead.cxm_fire_transition(propose.id)
        self.assertEqual(lead.stage_id, self.env.ref("crm.stage_lead3"))
        self.assertEqual(lead.cxm_history_ids.mapped("to_status_id.name"), ["Proposition", "Qualified"])
        self.assertEqual(lead.cxm_history_ids.mapped("res_model"), ["crm.lead", "crm.lead"])

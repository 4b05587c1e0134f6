# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


def new_company_user(env, login, groups, company, **kwargs):
    """A test user of ``groups`` who belongs to ``company`` only."""
    return new_test_user(env, login, groups=groups, company_id=company.id, company_ids=[(6, 0, company.ids)], **kwargs)


class CxmCommon(TransactionCase):
    """Users of every role, two teams and a ticket in each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        cls.agent = new_test_user(cls.env, "cxm_agent", groups="cxm_base.group_cxm_agent", name="Test Agent")
        cls.agent_other = new_test_user(
            cls.env, "cxm_agent_other", groups="cxm_base.group_cxm_agent", name="Other Team Agent"
        )
        cls.supervisor = new_test_user(cls.env, "cxm_supervisor", groups="cxm_base.group_cxm_supervisor")
        cls.manager = new_test_user(cls.env, "cxm_manager", groups="cxm_base.group_cxm_manager")
        cls.integration = new_test_user(cls.env, "cxm_integration", groups="cxm_base.group_cxm_integration")
        cls.team_service = cls.env["helpdesk.ticket.team"].create(
            {"name": "Test Service Team", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.team_sales = cls.env["helpdesk.ticket.team"].create(
            {"name": "Test Sales Team", "user_ids": [(6, 0, cls.agent_other.ids)]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Test Customer", "email": "customer@example.com"})
        cls.ticket_service = cls.env["helpdesk.ticket"].create(
            {
                "name": "Service ticket",
                "description": "<p>Broken</p>",
                "team_id": cls.team_service.id,
                "partner_id": cls.customer.id,
            }
        )
        cls.ticket_sales = cls.env["helpdesk.ticket"].create(
            {"name": "Sales ticket", "description": "<p>Quote</p>", "team_id": cls.team_sales.id}
        )

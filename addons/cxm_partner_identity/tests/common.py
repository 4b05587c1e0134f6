# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase

from odoo.addons.cxm_base.tests.common import new_company_user


class IdentityCommon(TransactionCase):
    """Two Turkish companies, an agent of each, an integration user of A and a
    source instance per company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        turkey = cls.env.ref("base.tr")
        cls.env.company.cxm_phone_region_id = turkey
        cls.company_a = cls.env["res.company"].create({"name": "Identity A", "country_id": turkey.id})
        cls.company_b = cls.env["res.company"].create({"name": "Identity B", "country_id": turkey.id})
        cls.agent_a = new_company_user(cls.env, "id_agent_a", "cxm_base.group_cxm_agent", cls.company_a)
        cls.agent_b = new_company_user(cls.env, "id_agent_b", "cxm_base.group_cxm_agent", cls.company_b)
        cls.integration_a = new_company_user(
            cls.env, "id_integration_a", "cxm_base.group_cxm_integration", cls.company_a
        )
        Instance = cls.env["cxm.integration.instance"]
        cls.erp_a = Instance.create(
            {"name": "ERP A", "code": "erp", "kind": "data_source", "company_id": cls.company_a.id}
        )
        cls.erp_b = Instance.create(
            {"name": "ERP B", "code": "erp", "kind": "data_source", "company_id": cls.company_b.id}
        )
        cls.Identity = cls.env["cxm.partner.identity"]

    def keys_of(self, partner):
        return {(key.key_type, key.value) for key in self.Identity.search([("partner_id", "=", partner.id)])}

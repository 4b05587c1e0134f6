# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import TransactionCase

from odoo.addons.cxm_base.tests.common import new_company_user


class CustomerDataCommon(TransactionCase):
    """A Turkish company with a source system, its integration user and
    manager, and a second company with its own agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True, tracking_disable=True)
        )
        turkey = cls.env.ref("base.tr")
        cls.company = cls.env["res.company"].create({"name": "Data Co", "country_id": turkey.id})
        cls.company_b = cls.env["res.company"].create({"name": "Other Co", "country_id": turkey.id})
        cls.integration = new_company_user(cls.env, "cd_integration", "cxm_base.group_cxm_integration", cls.company)
        cls.manager = new_company_user(cls.env, "cd_manager", "cxm_base.group_cxm_manager", cls.company)
        cls.agent_b = new_company_user(cls.env, "cd_agent_b", "cxm_base.group_cxm_agent", cls.company_b)
        cls.source = cls.env["cxm.integration.instance"].create(
            {"name": "ERP", "code": "erp", "kind": "data_source", "company_id": cls.company.id, "state": "active"}
        )
        cls.Partner = cls.env["res.partner"].with_user(cls.integration)

    def upsert(self, records, **kwargs):
        return self.Partner.cxm_upsert(records, source="erp", **kwargs)

    def by_key(self, key):
        keys = self.env["cxm.partner.identity"].search(
            [("key_type", "=", "external"), ("source_id", "=", self.source.id), ("value", "=", key)]
        )
        return keys.partner_id

    def row_versions(self, partners):
        """Physical row versions: any UPDATE, even writing equal values, changes them."""
        self.env.flush_all()
        self.env.cr.execute("SELECT id, ctid::text FROM res_partner WHERE id = ANY(%s) ORDER BY id", (partners.ids,))
        return self.env.cr.fetchall()

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


class TestInstance(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "int_manager", groups="cxm_base.group_cxm_manager")
        cls.agent = new_test_user(cls.env, "int_agent", groups="cxm_base.group_cxm_agent")
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})

    def test_manager_registers_instance_agent_only_reads(self):
        inst = (
            self.env["cxm.integration.instance"]
            .with_user(self.manager)
            .create({"name": "Istanbul PBX", "code": "pbx-ist", "kind": "call_center"})
        )
        self.assertEqual(inst.state, "draft")
        self.assertEqual(inst.with_user(self.agent).name, "Istanbul PBX")
        with self.assertRaises(AccessError):
            inst.with_user(self.agent).write({"state": "active"})

    def test_code_unique_per_company(self):
        Instance = self.env["cxm.integration.instance"]
        Instance.create({"name": "A", "code": "erp", "kind": "data_source"})
        Instance.create({"name": "B", "code": "erp", "kind": "data_source", "company_id": self.other_company.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Instance.create({"name": "C", "code": "erp", "kind": "data_source"})

    def test_other_company_instances_hidden(self):
        inst = self.env["cxm.integration.instance"].create(
            {"name": "Other PBX", "code": "pbx-other", "kind": "call_center", "company_id": self.other_company.id}
        )
        visible = self.env["cxm.integration.instance"].with_user(self.manager).search([("id", "=", inst.id)])
        self.assertFalse(visible)

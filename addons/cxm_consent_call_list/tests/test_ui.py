# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCallListUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(cls.env, "list_supervisor", groups="base.group_user,cxm_base.group_cxm_supervisor")
        cls.agent = new_test_user(cls.env, "list_agent", groups="base.group_user,cxm_base.group_cxm_agent")
        Partner = cls.env["res.partner"]
        cls.approved, cls.withdrawn, cls.silent = Partner.create(
            [{"name": f"Arama {i}", "phone": f"+90532111020{i}"} for i in range(3)]
        )
        segmentation = cls.env["cxm.segmentation"].create(
            {"name": "Arama", "segment_ids": [(0, 0, {"name": "Aranacak", "domain": "[('name', '=like', 'Arama %')]"})]}
        )
        segmentation._cxm_recompute((cls.approved | cls.withdrawn | cls.silent).ids)
        cls.segment = segmentation.segment_ids
        cls.pbx = cls.env["cxm.integration.instance"].create(
            {"name": "Tour PBX", "code": "pbx-tour", "kind": "call_center", "state": "active"}
        )
        cls.env["cxm.consent.event"]._cxm_record(
            [
                {"partner_id": p.id, "channel": "call", "status": "approve", "source": "HS_WEB"}
                for p in (cls.approved | cls.withdrawn)
            ]
            + [{"partner_id": cls.withdrawn.id, "channel": "call", "status": "refuse", "source": "HS_WEB"}]
        )

    def test_supervisor_generates_a_call_list(self):
        self.start_tour(
            "/odoo/action-cxm_consent_call_list.cxm_call_list_action",
            "cxm_call_list_generate_tour",
            login="list_supervisor",
        )
        call_list = self.env["cxm.call.list"].search([("name", "=", "Tour win-back")])
        self.assertEqual(call_list.state, "ready")
        self.assertEqual(call_list.line_ids.filtered(lambda line: line.state == "todo").partner_id, self.approved)

    def test_agent_calls_from_the_list(self):
        call_list = self.env["cxm.call.list"].create(
            {"name": "Geri kazanım", "segment_id": self.segment.id, "instance_id": self.pbx.id}
        )
        call_list.action_generate()
        self.start_tour(
            "/odoo/action-cxm_consent_call_list.cxm_call_list_line_action",
            "cxm_call_list_call_tour",
            login="list_agent",
        )
        line = call_list.line_ids.filtered(lambda line: line.partner_id == self.approved)
        self.assertEqual(line.user_id, self.agent)
        self.assertEqual(line.call_id.caller_e164, "+905321110200")

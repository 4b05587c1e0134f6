# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.cxm_consent.tests.common import ConsentCommon

NUMBERS = ["+905321110101", "+905321110102", "+905321110103", "+905321110104"]


class Rollback(Exception):
    pass


@tagged("post_install", "-at_install")
class TestCallList(ConsentCommon):
    """A call list from a segment holds only numbers with an effective call consent; the others are
    counted by reason; agents call from the CTI and a withdrawal since generation stops the call."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Partner = cls.env["res.partner"]
        cls.approved, cls.withdrawn, cls.silent, cls.twin = Partner.create(
            [{"name": f"Arama {i}", "phone": number} for i, number in enumerate(NUMBERS)]
        )
        cls.no_number = Partner.create({"name": "Arama numarasız", "phone": "12"})
        cls.outsider = Partner.create({"name": "Başka müşteri", "phone": "+905321110199"})
        # the twin shares the approved customer's number: one call per number
        cls.twin.phone = NUMBERS[0]
        cls.segmentation = cls.env["cxm.segmentation"].create(
            {
                "name": "Arama",
                "segment_ids": [(0, 0, {"name": "Aranacak", "domain": "[('name', '=like', 'Arama %')]"})],
            }
        )
        cls.segmentation._cxm_recompute()
        cls.segment = cls.segmentation.segment_ids
        cls.pbx = cls.env["cxm.integration.instance"].create(
            {"name": "PBX", "code": "pbx-call-list", "kind": "call_center", "state": "active"}
        )

    def setUp(self):
        super().setUp()
        for partner in self.approved | self.withdrawn | self.outsider:
            self.record("approve", channel="call", partner=partner)
        self.record("refuse", channel="call", partner=self.withdrawn)

    def new_list(self, **values):
        return (
            self.env["cxm.call.list"]
            .with_user(self.supervisor)
            .create(dict({"name": "Geri kazanım", "segment_id": self.segment.id, "instance_id": self.pbx.id}, **values))
        )

    def test_generate_keeps_only_consenting_numbers(self):
        call_list = self.new_list()
        call_list.action_generate()
        self.assertEqual(call_list.state, "ready")
        to_call = call_list.line_ids.filtered(lambda line: line.state == "todo")
        self.assertEqual(to_call.mapped("phone"), [NUMBERS[0]], "one call per number, consenting only")
        self.assertNotIn(self.outsider, call_list.line_ids.partner_id, "outside the segment")
        statuses = self.env["cxm.consent.state"]._cxm_statuses("call", to_call.mapped("phone"))
        self.assertEqual(set(statuses.values()), {"approve"})
        self.assertEqual(
            (
                call_list.excluded_refused_count,
                call_list.excluded_unknown_count,
                call_list.excluded_no_number_count,
                call_list.excluded_count,
            ),
            (1, 1, 1, 2),
        )
        reasons = {line.partner_id: line.exclusion_reason for line in call_list.line_ids if line.state == "excluded"}
        self.assertEqual(reasons, {self.withdrawn: "refused", self.silent: "unknown", self.no_number: "no_number"})
        self.assertEqual(call_list.action_view_excluded()["domain"], [("call_list_id", "=", call_list.id)])
        with self.assertRaises(UserError):
            call_list.action_generate()

    def test_filter_within_the_segment(self):
        call_list = self.new_list(domain=repr([("id", "!=", self.approved.id)]))
        call_list.action_generate()
        to_call = call_list.line_ids.filtered(lambda line: line.state == "todo")
        self.assertEqual(to_call.partner_id, self.twin, "the twin's number consents: consent is per number")
        with self.assertRaises(ValidationError):
            self.new_list(domain="[('no_such_field', '=', 1)]")

    def test_agent_calls_from_the_cti(self):
        call_list = self.new_list()
        call_list.action_generate()
        line = call_list.line_ids.filtered(lambda line: line.state == "todo").with_user(self.agent)
        with self.assertRaises(UserError):
            line.action_done()  # not called yet
        action = line.action_call()
        call = self.env["cxm.cti.call"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "cxm.cti.call")
        self.assertEqual((call.instance_id, call.caller_e164, call.partner_id), (self.pbx, NUMBERS[0], self.approved))
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual((line.call_id, line.user_id, line.attempts), (call, self.agent, 1))
        line.action_no_answer()
        self.assertEqual(call_list.todo_count, 1, "no answer: still to call")
        second = self.env["cxm.cti.call"].browse(line.action_call()["res_id"])
        self.assertNotEqual(second, call, "each attempt is its own call")
        line.note = "Kampanyayı beğendi"
        line.action_done()
        self.assertEqual((call_list.todo_count, call_list.done_count), (0, 1))
        with self.assertRaises(UserError):
            line.action_call()
        # agents work the list; they do not make or regenerate lists
        with self.assertRaises(AccessError):
            call_list.with_user(self.agent).action_reset()

    def test_withdrawal_after_generation_stops_the_call(self):
        call_list = self.new_list()
        call_list.action_generate()
        line = call_list.line_ids.filtered(lambda line: line.state == "todo").with_user(self.agent)
        self.record("refuse", channel="call", partner=self.approved, source="HS_IYS")
        calls = self.env["cxm.cti.call"].search_count([])
        action = line.action_call()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual((line.state, line.exclusion_reason), ("excluded", "withdrawn"))
        self.assertEqual(self.env["cxm.cti.call"].search_count([]), calls, "no call is made")
        self.assertEqual(call_list.excluded_refused_count, 2)

    def test_other_company_list_is_invisible(self):
        other = self.env["res.company"].create({"name": "Diğer Şirket"})
        pbx = self.env["cxm.integration.instance"].create(
            {"name": "PBX 2", "code": "pbx-other", "kind": "call_center", "company_id": other.id}
        )
        call_list = self.env["cxm.call.list"].create(
            {"name": "Öteki", "company_id": other.id, "instance_id": pbx.id, "segment_id": self.segment.id}
        )
        call_list.action_generate()
        Line = self.env["cxm.call.list.line"].with_user(self.agent)
        self.assertFalse(Line.search([("call_list_id", "=", call_list.id)]))
        with self.assertRaises(AccessError):
            call_list.line_ids[:1].with_user(self.agent).action_call()

    def test_no_call_to_a_non_consenting_number(self):
        """Random grants and withdrawals: every number to call on a freshly generated list has its latest
        event an approval, and every consenting number of the segment is on it."""
        customers = self.approved | self.withdrawn | self.silent

        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=10))
        def run(operations):
            consenting = {NUMBERS[0], NUMBERS[1]} - {NUMBERS[1]}
            try:
                with self.env.cr.savepoint():
                    for index, grant in operations:
                        partner = customers[index]
                        self.record("approve" if grant else "refuse", channel="call", partner=partner)
                        (consenting.add if grant else consenting.discard)(partner.phone)
                    call_list = self.new_list()
                    call_list.action_generate()
                    to_call = set(call_list.line_ids.filtered(lambda line: line.state == "todo").mapped("phone"))
                    self.assertEqual(to_call, consenting, f"call list after {operations}")
                    raise Rollback
            except Rollback:
                self.env.invalidate_all()

        run()

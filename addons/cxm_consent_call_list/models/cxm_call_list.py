# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval


class CxmCallList(models.Model):
    _name = "cxm.call.list"
    _description = "Outbound call list"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    instance_id = fields.Many2one(
        "cxm.integration.instance",
        string="Call centre",
        required=True,
        domain="[('kind', '=', 'call_center'), ('company_id', '=', company_id)]",
        help="The call centre the calls are made from: each call is logged on it and opens its 360° view.",
    )
    segment_id = fields.Many2one(
        "cxm.segment",
        domain="[('company_id', 'in', [company_id, False])]",
        help="The customers to call: the segment's members when the list is generated.",
    )
    domain = fields.Char(
        string="Filter",
        default="[]",
        help="Customers to call (with the segment: within it). Consent is checked on top of it.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("ready", "In progress"), ("done", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    generated_at = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("cxm.call.list.line", "call_list_id", string="Calls")
    todo_count = fields.Integer(string="To call", compute="_compute_counts")
    done_count = fields.Integer(string="Called", compute="_compute_counts")
    excluded_refused_count = fields.Integer(string="Excluded: withdrawn", compute="_compute_counts")
    excluded_unknown_count = fields.Integer(string="Excluded: never consented", compute="_compute_counts")
    excluded_no_number_count = fields.Integer(string="Excluded: no number", compute="_compute_counts")
    excluded_count = fields.Integer(string="Excluded for consent", compute="_compute_counts")

    @api.depends("line_ids.state", "line_ids.exclusion_reason")
    def _compute_counts(self):
        groups = self.env["cxm.call.list.line"]._read_group(
            [("call_list_id", "in", self.ids)], ["call_list_id", "state", "exclusion_reason"], ["__count"]
        )
        counts = {}
        for call_list, state, reason, count in groups:
            key = reason or state
            counts.setdefault(call_list.id, {}).setdefault(key, 0)
            counts[call_list.id][key] += count
        for call_list in self:
            found = counts.get(call_list.id, {})
            call_list.todo_count = found.get("todo", 0) + found.get("no_answer", 0)
            call_list.done_count = found.get("done", 0)
            call_list.excluded_refused_count = found.get("refused", 0) + found.get("withdrawn", 0)
            call_list.excluded_unknown_count = found.get("unknown", 0)
            call_list.excluded_no_number_count = found.get("no_number", 0)
            call_list.excluded_count = call_list.excluded_refused_count + call_list.excluded_unknown_count

    @api.constrains("domain")
    def _check_domain(self):
        for call_list in self:
            try:
                Domain(safe_eval(call_list.domain or "[]")).validate(self.env["res.partner"])
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The filter of call list %(name)s is not valid: %(error)s", name=call_list.name, error=error
                    )
                ) from error

    def action_generate(self):
        """Build the list: the customers of the segment and filter, each with their phone number in E.164
        when it has an effective *approve* on the call channel; the others are kept as excluded lines with
        the reason (withdrawn, never consented, no number), so nobody without consent is ever on the list
        to call."""
        self.check_access("write")
        for call_list in self:
            if call_list.state != "draft":
                raise UserError(self.env._("Only a draft call list can be generated."))
            call_list.line_ids.unlink()
            self.env["cxm.call.list.line"].create(call_list._cxm_line_values())
            call_list.write({"state": "ready", "generated_at": fields.Datetime.now()})
        return True

    def action_reset(self):
        """Back to draft, to change the targeting and generate again (lines not yet called are dropped)."""
        self.check_access("write")
        for call_list in self:
            if call_list.line_ids.filtered(lambda line: line.call_id):
                raise UserError(self.env._("Calls were made from this list: close it and make a new one."))
            call_list.line_ids.unlink()
            call_list.state = "draft"
        return True

    def action_close(self):
        self.write({"state": "done"})
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_consent_call_list.cxm_call_list_line_action")
        action["domain"] = [("call_list_id", "=", self.id)]
        action["context"] = {"search_default_to_call": 1}
        return action

    def action_view_excluded(self):
        self.ensure_one()
        action = self.action_view_lines()
        action["context"] = {"search_default_excluded": 1, "search_default_group_reason": 1}
        return action

    # ------------------------------------------------------------ business
    def _cxm_partners(self):
        """The customers targeted, as the current user (record rules apply)."""
        self.ensure_one()
        domain = Domain(safe_eval(self.domain or "[]")) & Domain("company_id", "in", [False, self.company_id.id])
        if self.segment_id:
            domain &= Domain("cxm_segment_member_ids.segment_id", "=", self.segment_id.id)
        return self.env["res.partner"].search(domain, order="id")

    def _cxm_line_values(self):
        self.ensure_one()
        partners = self._cxm_partners()
        numbers = {partner.id: self.company_id._cxm_normalize_phone(partner.phone) for partner in partners}
        statuses = self.env["cxm.consent.state"]._cxm_statuses(
            "call", [number for number in numbers.values() if number], company=self.company_id
        )
        values, seen = [], set()
        for partner in partners:
            number = numbers[partner.id]
            line = {"call_list_id": self.id, "partner_id": partner.id, "phone": number or partner.phone}
            if not number:
                line.update(state="excluded", exclusion_reason="no_number")
            elif number in seen:
                continue  # one call per number
            elif statuses.get(number) == "approve":
                line["state"] = "todo"
            else:
                line.update(state="excluded", exclusion_reason="refused" if statuses.get(number) else "unknown")
            if number:
                seen.add(number)
            values.append(line)
        return values

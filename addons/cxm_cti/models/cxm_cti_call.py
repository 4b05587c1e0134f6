# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CxmCtiCall(models.Model):
    """One phone call of a call centre, recorded by the screen-pop URL or the
    PBX push (whichever comes first), and the customer 360° view of the
    agent who takes it."""

    _name = "cxm.cti.call"
    _description = "Call Centre Call"
    _order = "start_date desc, id desc"
    _rec_name = "caller_raw"

    instance_id = fields.Many2one("cxm.integration.instance", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="instance_id.company_id", store=True, index=True)
    call_id = fields.Char(string="Call ID", required=True, readonly=True)
    caller_raw = fields.Char(string="Caller", readonly=True, help="Caller number as the call centre sent it.")
    caller_e164 = fields.Char(string="Caller (E.164)", readonly=True, index="btree_not_null")
    agent_code = fields.Char(string="AgentID", readonly=True)
    agent_user_id = fields.Many2one("res.users", string="Mapped Agent", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Taken by", readonly=True, help="Logged-in user who opened the pop-up."
    )
    state = fields.Selection(
        [("ringing", "Ringing"), ("answered", "Answered"), ("ended", "Ended")], default="ringing", required=True
    )
    start_date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    answer_date = fields.Datetime(readonly=True)
    end_date = fields.Datetime(readonly=True)
    duration = fields.Integer(string="Duration (s)", readonly=True, aggregator="avg")
    talk_duration = fields.Integer(string="Talk Time (s)", readonly=True, aggregator="avg")
    partner_id = fields.Many2one("res.partner", string="Customer", index="btree_not_null")
    candidate_ids = fields.Many2many("res.partner", string="Matching Customers", readonly=True)
    match_count = fields.Integer(compute="_compute_match_count")
    ticket_ids = fields.One2many("helpdesk.ticket", "cxm_call_id", string="Tickets of this Call")
    # customer 360°
    partner_email = fields.Char(related="partner_id.email", string="E-mail")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    partner_vat = fields.Char(related="partner_id.vat", string="Tax ID")
    partner_company_id = fields.Many2one(related="partner_id.parent_id", string="Works for")
    partner_contact_ids = fields.One2many(related="partner_id.child_ids", string="Contacts")
    open_ticket_ids = fields.Many2many("helpdesk.ticket", compute="_compute_tickets", string="Open Tickets")
    past_ticket_ids = fields.Many2many("helpdesk.ticket", compute="_compute_tickets", string="Past Tickets")

    _instance_call_unique = models.Constraint(
        "UNIQUE(instance_id, call_id)", "A call is recorded once per call centre."
    )

    @api.depends("candidate_ids")
    def _compute_match_count(self):
        for call in self:
            call.match_count = len(call.candidate_ids)

    @api.depends("partner_id")
    def _compute_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        for call in self:
            if not call.partner_id:
                call.open_ticket_ids = call.past_ticket_ids = Ticket
                continue
            tickets = Ticket.search(
                [("partner_id", "child_of", call.partner_id.commercial_partner_id.id)], limit=80, order="id desc"
            )
            call.open_ticket_ids = tickets.filtered(lambda t: not t.closed)
            call.past_ticket_ids = tickets.filtered("closed")

    # ------------------------------------------------------------ business
    @api.model
    def _cti_find_partners(self, number):
        """Partners whose normalised phone key matches ``number`` (as the
        current user: company and access rules apply). The single place
        where the CTI looks customers up."""
        if not number:
            return self.env["res.partner"]
        matches = self.env["cxm.partner.identity"].cxm_lookup([{"phone": number}])[0]
        partner_ids = list(dict.fromkeys(m["partner_id"] for m in matches))
        return self.env["res.partner"].browse(partner_ids)

    @api.model
    def _cti_register(self, instance, call_id, caller_id, agent_code=None):
        """Find or create the call (instance, call id) and match its caller."""
        call = self.search([("instance_id", "=", instance.id), ("call_id", "=", call_id)], limit=1)
        mapping = instance.cti_agent_ids.filtered(lambda a: a.agent_code == agent_code)[:1] if agent_code else None
        if not call:
            e164 = instance.company_id._cxm_normalize_phone(caller_id) if caller_id else False
            call = self.create(
                {
                    "instance_id": instance.id,
                    "call_id": call_id,
                    "caller_raw": caller_id,
                    "caller_e164": e164,
                    "agent_code": agent_code,
                    "agent_user_id": mapping.user_id.id if mapping else False,
                }
            )
            call._cti_match()
        return call

    def _cti_match(self):
        for call in self:
            # the look-up runs as the caller and returns only partners they may read
            partners = self._cti_find_partners(call.caller_e164 or call.caller_raw)
            values = {"candidate_ids": [(6, 0, partners.ids)]}
            if len(partners) == 1:
                values["partner_id"] = partners.id
            call.sudo().write(values)  # already checked: matches come from the caller's own look-up

    # ------------------------------------------------------------ actions
    def action_new_ticket(self):
        """One click: a ticket for this call, for its customer, in the agent's team."""
        self.ensure_one()
        team = self.env.user.helpdesk_team_ids[:1] if "helpdesk_team_ids" in self.env.user._fields else False
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": self.env._("Call from %(caller)s", caller=self.partner_id.name or self.caller_raw),
                "description": self.env._(
                    "<p>Phone call %(call)s from %(number)s.</p>", call=self.call_id, number=self.caller_raw
                ),
                "partner_id": self.partner_id.id,
                "cxm_call_id": self.id,
                "team_id": team.id if team else False,
                "user_id": self.env.user.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_cxm_take(self):
        """The agent opens the call (from the incoming-call notification): it is theirs if nobody took it,
        and its 360° view opens in the Customer Experience app."""
        self.ensure_one()
        self.check_access("write")
        if not self.user_id:
            self.user_id = self.env.user
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_cti.cxm_cti_call_action")
        action.update({"res_id": self.id, "view_mode": "form", "views": [(False, "form")]})
        return action

    def _cxm_pick_caller(self, partner):
        """One click in the matches of an ambiguous call: ``partner`` is the caller."""
        self.ensure_one()
        self.check_access("write")
        if partner not in self.candidate_ids:
            raise UserError(self.env._("%(name)s is not one of the customers with this number.", name=partner.name))
        self.partner_id = partner
        return self.action_cxm_take()

    def action_quick_create_partner(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New customer"),
            "res_model": "cxm.cti.quick.partner",
            "view_mode": "form",
            "target": "new",
            "context": {"default_call_id": self.id, "default_phone": self.caller_e164 or self.caller_raw},
        }

    def write(self, vals):
        if vals.get("partner_id") and not self.env.su:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            partner.check_access("read")
        return super().write(vals)

    # ------------------------------------------------------------ PBX push
    def _cti_apply_event(self, event, when):
        """Apply a PBX event (started / answered / ended) and its time."""
        self.ensure_one()
        if event == "answered":
            self.write({"state": "answered", "answer_date": when})
        elif event == "ended":
            duration = max(int((when - self.start_date).total_seconds()), 0)
            talk = max(int((when - self.answer_date).total_seconds()), 0) if self.answer_date else 0
            self.write({"state": "ended", "end_date": when, "duration": duration, "talk_duration": talk})
        elif event != "started":
            raise UserError(self.env._("Unknown call event %(event)s.", event=event))

    def _cti_notify_agent(self):
        """Push the pop-up to the mapped agent over the bus: the mapping
        decides whom to notify, nothing else."""
        for call in self.filtered("agent_user_id"):
            call.env["bus.bus"]._sendone(
                call.agent_user_id.partner_id,
                "cxm_cti/call",
                {
                    "call_id": call.id,
                    "caller": call.caller_raw,
                    "customer": call.partner_id.name or False,
                    "matches": len(call.candidate_ids),
                    "state": call.state,
                },
            )

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .cxm_implementation_key_user import KEY_USER_ROLES
from .cxm_implementation_step import STEP_CODES

HYPERCARE_DAYS = 14
STEP_ORDER = [code for code, _label in STEP_CODES]


class ProjectProject(models.Model):
    """An implementation project: Odoo's project with the method's steps as
    milestones and their key points as tasks."""

    _inherit = "project.project"

    cxm_is_implementation = fields.Boolean(string="Implementation Project", copy=False, index=True)
    cxm_step = fields.Selection(
        [*STEP_CODES, ("done", "Completed")], string="Current Step", compute="_compute_cxm_step", store=True
    )
    cxm_key_user_ids = fields.One2many("cxm.implementation.key.user", "project_id", string="Key Users")
    cxm_key_user_gaps = fields.Text(string="Key-User Gaps", compute="_compute_cxm_key_user_gaps")
    cxm_raqs_survey_id = fields.Many2one(
        "survey.survey",
        string="Requirement Questionnaire",
        default=lambda self: self.env.ref("cxm_implementation.survey_raqs", raise_if_not_found=False),
        groups="survey.group_survey_user",
    )
    cxm_raqs_answer_ids = fields.Many2many(
        "survey.user_input",
        string="Questionnaire Answers",
        compute="_compute_cxm_raqs_answer_ids",
        groups="survey.group_survey_user",
    )
    cxm_kickoff_date = fields.Datetime(string="Kickoff")
    cxm_kickoff_attendee_ids = fields.Many2many(
        "res.partner", "cxm_implementation_kickoff_rel", "project_id", "partner_id", string="Kickoff Attendees"
    )
    cxm_document_ids = fields.One2many("cxm.implementation.document", "project_id", string="Documents")
    cxm_scenario_ids = fields.One2many("cxm.implementation.test.scenario", "project_id", string="Test Scenarios")
    cxm_go_live_date = fields.Date(string="Go-Live Date")
    cxm_hypercare_end = fields.Date(string="Hypercare Until", compute="_compute_cxm_hypercare")
    cxm_hypercare_days_left = fields.Integer(string="Hypercare Days Left", compute="_compute_cxm_hypercare")
    cxm_hypercare_ticket_count = fields.Integer(string="Hypercare Tickets", compute="_compute_cxm_hypercare")

    @api.depends("milestone_ids.is_reached", "milestone_ids.cxm_step", "cxm_is_implementation")
    def _compute_cxm_step(self):
        for project in self:
            if not project.cxm_is_implementation:
                project.cxm_step = False
                continue
            open_steps = project.milestone_ids.filtered(lambda m: m.cxm_step and not m.is_reached)
            project.cxm_step = min(open_steps.mapped("cxm_step"), key=STEP_ORDER.index) if open_steps else "done"

    @api.depends(
        "cxm_key_user_ids.partner_id",
        "cxm_key_user_ids.role",
        "cxm_key_user_ids.active",
        "cxm_key_user_ids.is_certified",
    )
    def _compute_cxm_key_user_gaps(self):
        for project in self:
            project.cxm_key_user_gaps = "\n".join(project._cxm_key_user_gaps())

    def _compute_cxm_raqs_answer_ids(self):
        for project in self:
            project.cxm_raqs_answer_ids = (
                self.env["survey.user_input"].search(
                    [
                        ("survey_id", "=", project.cxm_raqs_survey_id.id),
                        ("partner_id", "in", project.cxm_key_user_ids.partner_id.ids),
                        ("state", "=", "done"),
                    ]
                )
                if project.cxm_raqs_survey_id
                else False
            )

    @api.depends("cxm_go_live_date", "partner_id")
    @api.depends_context("date")
    def _compute_cxm_hypercare(self):
        today = fields.Date.context_today(self)
        for project in self:
            start = project.cxm_go_live_date
            if not start:
                project.update(
                    {"cxm_hypercare_end": False, "cxm_hypercare_days_left": 0, "cxm_hypercare_ticket_count": 0}
                )
                continue
            end = start + timedelta(days=HYPERCARE_DAYS)
            project.cxm_hypercare_end = end
            project.cxm_hypercare_days_left = max(0, (end - max(today, start)).days) if today <= end else 0
            project.cxm_hypercare_ticket_count = (
                self.env["helpdesk.ticket"].sudo().search_count(project._cxm_hypercare_ticket_domain())
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("cxm_is_implementation"):
                # documents hold customer data: only followers see the project
                vals.setdefault("privacy_visibility", "followers")
                vals.setdefault("allow_milestones", True)
        projects = super().create(vals_list)
        projects.filtered("cxm_is_implementation")._cxm_apply_method()
        return projects

    def _cxm_apply_method(self):
        """One milestone per step of the method, one task per key point."""
        steps = self.env["cxm.implementation.step"].search([], limit=50)  # the method: eight steps
        for project in self:
            for step in steps:
                milestone = self.env["project.milestone"].create(
                    {"project_id": project.id, "name": step.name, "sequence": step.sequence, "cxm_step": step.code}
                )
                self.env["project.task"].create(
                    [
                        {
                            "project_id": project.id,
                            "milestone_id": milestone.id,
                            "name": point.name,
                            "description": point.description or False,
                            "sequence": point.sequence,
                        }
                        for point in step.key_point_ids
                    ]
                )

    # ------------------------------------------------------------------ gates
    def _cxm_step_reached(self, code):
        self.ensure_one()
        return any(m.is_reached for m in self.milestone_ids if m.cxm_step == code)

    def _cxm_key_user_gaps(self):
        """What keeps the project from passing the training step, one line each."""
        self.ensure_one()
        gaps = []
        key_users = self.cxm_key_user_ids.filtered("active")
        if len(key_users.partner_id) < 3:
            gaps.append(
                self.env._("At least three key users are needed, %(count)s assigned.", count=len(key_users.partner_id))
            )
        roles = dict(self.env["cxm.implementation.key.user"]._fields["role"]._description_selection(self.env))
        for role, _label in KEY_USER_ROLES:
            if role not in key_users.mapped("role"):
                gaps.append(self.env._("No key user for %(role)s.", role=roles[role]))
        for key_user in key_users.filtered(lambda k: not k.is_certified):
            gaps.append(
                self.env._(
                    "%(person)s (%(role)s) holds no valid design and customisation certificate.",
                    person=key_user.partner_id.display_name,
                    role=roles[key_user.role],
                )
            )
        return gaps

    def _cxm_check_step_can_be_reached(self, code):
        self.ensure_one()
        missing = []
        index = STEP_ORDER.index(code)
        steps = dict(self.env["project.milestone"]._fields["cxm_step"]._description_selection(self.env))
        for previous in STEP_ORDER[:index]:
            if not self._cxm_step_reached(previous):
                missing.append(self.env._("Step %(step)s is not reached yet.", step=steps[previous]))
        if code == "training":
            missing += self._cxm_key_user_gaps()
        if code == "analysis":
            design = self.cxm_document_ids.filtered(lambda d: d.kind == "solution_design" and d.state == "approved")
            if not design:
                missing.append(self.env._("The Solution Design has no approved version."))
        if code == "live" and not self.cxm_go_live_date:
            missing.append(self.env._("The go-live date is not set."))
        if missing:
            raise UserError(
                self.env._(
                    "%(project)s cannot pass step %(step)s:\n- %(missing)s",
                    project=self.display_name,
                    step=steps[code],
                    missing="\n- ".join(missing),
                )
            )

    def _cxm_hypercare_ticket_domain(self):
        self.ensure_one()
        start = fields.Datetime.to_datetime(self.cxm_go_live_date)
        domain = [("create_date", ">=", start), ("create_date", "<", start + timedelta(days=HYPERCARE_DAYS))]
        if self.partner_id:
            domain.append(("partner_id", "child_of", self.partner_id.commercial_partner_id.id))
        return domain

    # ------------------------------------------------------------------ actions
    def action_cxm_send_raqs(self):
        """Send the requirement questionnaire to the certified key users only."""
        self.ensure_one()
        if not self.cxm_raqs_survey_id:
            raise UserError(self.env._("Choose the requirement questionnaire first."))
        certified = self.cxm_key_user_ids.filtered(lambda k: k.active and k.is_certified).partner_id
        if not certified:
            raise UserError(self.env._("No certified key user to send the questionnaire to."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send the requirement questionnaire"),
            "res_model": "survey.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_survey_id": self.cxm_raqs_survey_id.id, "default_partner_ids": certified.ids},
        }

    def action_cxm_key_user_portal(self):
        """Odoo's portal wizard for the active key users: with portal access, a
        key user sees the project's approved documents and their certificates
        on /my/implementation (record rules, nothing else)."""
        self.ensure_one()
        partners = self.cxm_key_user_ids.filtered("active").partner_id
        if not partners:
            raise UserError(self.env._("Add the key users first."))
        wizard = self.env["portal.wizard"].with_context(default_partner_ids=partners.ids).create({})
        return wizard._action_open_modal()

    def action_cxm_new_document(self):
        """A new version of each document whose content differs from its last
        version, drawn from the configuration as it is now."""
        self.ensure_one()
        self.env["cxm.implementation.document"]._cxm_generate(self)
        return True

    def action_cxm_next_step(self):
        """Mark the current step's milestone reached (its rules are checked)."""
        self.ensure_one()
        milestone = self.milestone_ids.filtered(lambda m: m.cxm_step == self.cxm_step and not m.is_reached)
        if not milestone:
            raise UserError(self.env._("Every step of this implementation is passed."))
        milestone.is_reached = True
        return True

    def action_cxm_hypercare_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tickets during hypercare"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": self._cxm_hypercare_ticket_domain() if self.cxm_go_live_date else [("id", "=", 0)],
        }

    def _cxm_coverage(self, process):
        """Transitions of ``process`` covered by this project's scenarios, and all of them."""
        self.ensure_one()
        total = process.sudo().transition_ids
        covered = self.cxm_scenario_ids.filtered(lambda s: s.process_id == process).transition_ids & total
        return covered, total

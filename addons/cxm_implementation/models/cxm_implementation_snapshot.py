# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

# sections whose rows are measurements, not configuration: shown, never compared
VOLATILE = {"volumes", "diagrams"}


class CxmImplementationSnapshot(models.AbstractModel):
    """Reads the live configuration into the plain sections a document
    version stores: ``[{"key", "title", "columns", "rows"}]``, rows of strings."""

    _name = "cxm.implementation.snapshot"
    _description = "Implementation Document Snapshot"

    @api.model
    def _cxm_build(self, project, kind):
        # sudo: the document is drawn from configuration models (processes,
        # integrations) a project member may not read; the project itself was
        # checked by the caller (check_access on the project)
        snapshot = self.sudo()
        builder = {
            "pad": snapshot._cxm_pad,
            "integration_plan": snapshot._cxm_integration_plan,
            "solution_design": snapshot._cxm_solution_design,
        }[kind]
        return [s for s in builder(project.sudo()) if s["rows"] or s["key"] not in VOLATILE]

    def _section(self, key, title, columns, rows):
        return {
            "key": key,
            "title": title,
            "columns": columns,
            "rows": sorted([[self._text(v) for v in row] for row in rows]),
        }

    @api.model
    def _text(self, value):
        if value is True:
            return self.env._("yes")
        if value is False or value is None:
            return ""
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    def _selection(self, record, field):
        return dict(record._fields[field]._description_selection(self.env)).get(record[field], "")

    # ------------------------------------------------------------------ PAD
    def _cxm_pad(self, project):
        key_users = project.cxm_key_user_ids.filtered("active")
        answers = project.cxm_raqs_answer_ids
        return [
            self._section(
                "project",
                self.env._("Project"),
                [self.env._("Project"), self.env._("Customer"), self.env._("Kickoff")],
                [[project.name, project.partner_id.display_name, project.cxm_kickoff_date or ""]],
            ),
            self._section(
                "key_users",
                self.env._("Key users"),
                [
                    self.env._("Key user"),
                    self.env._("Role"),
                    self.env._("Certified"),
                    self.env._("Certificate valid until"),
                ],
                [
                    [
                        k.partner_id.display_name,
                        self._selection(k, "role"),
                        k.is_certified,
                        k.certificate_id.expiry_date or "",
                    ]
                    for k in key_users
                ],
            ),
            self._section(
                "kickoff",
                self.env._("Kickoff attendees"),
                [self.env._("Attendee")],
                [[p.display_name] for p in project.cxm_kickoff_attendee_ids],
            ),
            self._section(
                "requirements",
                self.env._("Requirement questionnaire answers"),
                [self.env._("Question"), self.env._("Key user"), self.env._("Answer")],
                [
                    [
                        line.question_id.title,
                        line.user_input_id.partner_id.display_name,
                        line.value_text_box or line.value_char_box or line.display_name,
                    ]
                    for line in answers.user_input_line_ids
                    if not line.skipped
                ],
            ),
        ]

    # ------------------------------------------------------------------ Integration plan
    def _cxm_integration_plan(self, project):
        instances = self.env["cxm.integration.instance"].search(
            [("company_id", "=", project.company_id.id or self.env.company.id)]
        )
        since = fields.Datetime.now() - timedelta(days=30)
        volumes = {
            (instance.id, state): count
            for instance, state, count in self.env["cxm.integration.log"]._read_group(
                [("instance_id", "in", instances.ids), ("create_date", ">=", since)],
                ["instance_id", "state"],
                ["__count"],
            )
        }
        return [
            self._section(
                "instances",
                self.env._("Integration instances"),
                [self.env._("Instance"), self.env._("Kind"), self.env._("Provider"), self.env._("State")],
                [[i.name, self._selection(i, "kind"), i.provider, self._selection(i, "state")] for i in instances],
            ),
            self._section(
                "volumes",
                self.env._("Volumes (API log, last 30 days)"),
                [self.env._("Instance"), self.env._("Calls"), self.env._("Errors")],
                [
                    [
                        i.name,
                        volumes.get((i.id, "ok"), 0) + volumes.get((i.id, "error"), 0),
                        volumes.get((i.id, "error"), 0),
                    ]
                    for i in instances
                ],
            ),
        ]

    # ------------------------------------------------------------------ Solution design
    def _cxm_solution_design(self, project):
        processes = self.env["cxm.process"].search([("is_template", "=", False)])
        sections = [
            self._section(
                "processes",
                self.env._("Processes"),
                [self.env._("Process"), self.env._("State")],
                [[p.name, self._selection(p, "state")] for p in processes],
            ),
            self._section(
                "statuses",
                self.env._("Statuses"),
                [self.env._("Process"), self.env._("Status"), self.env._("SLA (hours)"), self.env._("Closing")],
                [[s.process_id.name, s.name, s.sla_hours, s.is_closing] for s in processes.status_ids],
            ),
            self._section(
                "transitions",
                self.env._("Transitions"),
                [
                    self.env._("Process"),
                    self.env._("Transition"),
                    self.env._("From"),
                    self.env._("To"),
                    self.env._("Groups"),
                    self.env._("Guard"),
                    self.env._("Required fields"),
                    self.env._("Reason required"),
                ],
                [
                    [
                        t.process_id.name,
                        t.name,
                        ", ".join(sorted(t.from_status_ids.mapped("name"))),
                        t.to_status_id.name,
                        ", ".join(sorted(t.group_ids.mapped("name"))),
                        t.condition if t.condition not in (False, "[]") else "",
                        ", ".join(sorted(t.required_field_ids.mapped("field_description"))),
                        t.comment_required,
                    ]
                    for t in processes.transition_ids
                ],
            ),
            self._section(
                "routing",
                self.env._("Categories and routing"),
                [self.env._("Rule"), self.env._("Category"), self.env._("Team"), self.env._("Process")],
                [
                    [r.name, r.category_id.name or self.env._("(every category)"), r.team_id.name, r.process_id.name]
                    for r in self.env["cxm.helpdesk.routing.rule"].search([])
                ],
            ),
            self._section(
                "teams",
                self.env._("Teams"),
                [self.env._("Team"), self.env._("Default process")],
                [[t.name, t.cxm_process_id.name] for t in self.env["helpdesk.ticket.team"].search([])],
            ),
            self._section(
                "channels",
                self.env._("Channels"),
                [self.env._("Channel")],
                [[c.name] for c in self.env["helpdesk.ticket.channel"].search([])],
            ),
            self._section(
                "data_sources",
                self.env._("Customer data hub sources"),
                [self.env._("Instance"), self.env._("Kind"), self.env._("State")],
                [
                    [i.name, self._selection(i, "kind"), self._selection(i, "state")]
                    for i in self.env["cxm.integration.instance"].search(
                        [("kind", "in", ("data_source", "data_target"))]
                    )
                ],
            ),
        ]
        for model, key, title in (
            ("cxm.kpi", "kpis", self.env._("KPIs")),
            ("cxm.segment", "segments", self.env._("Segments")),
        ):
            if model in self.env:
                sections.append(
                    self._section(
                        key, title, [self.env._("Name")], [[r.display_name] for r in self.env[model].search([])]
                    )
                )
        sections.append(
            {
                "key": "diagrams",
                "title": self.env._("Process diagrams"),
                "columns": [self.env._("Process"), self.env._("Diagram")],
                "rows": [[p.name, p.diagram_svg or ""] for p in processes],
            }
        )
        return sections

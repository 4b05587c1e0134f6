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
        _ = self.env._
        key_users = project.cxm_key_user_ids.filtered("active")
        answers = project.cxm_raqs_answer_ids
        return [
            self._section(
                "project",
                _("Project"),
                [_("Project"), _("Customer"), _("Kickoff")],
                [[project.name, project.partner_id.display_name, project.cxm_kickoff_date or ""]],
            ),
            self._section(
                "key_users",
                _("Key users"),
                [_("Key user"), _("Role"), _("Certified"), _("Certificate valid until")],
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
                _("Kickoff attendees"),
                [_("Attendee")],
                [[p.display_name] for p in project.cxm_kickoff_attendee_ids],
            ),
            self._section(
                "requirements",
                _("Requirement questionnaire answers"),
                [_("Question"), _("Key user"), _("Answer")],
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
        _ = self.env._
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
                _("Integration instances"),
                [_("Instance"), _("Kind"), _("Provider"), _("State")],
                [[i.name, self._selection(i, "kind"), i.provider, self._selection(i, "state")] for i in instances],
            ),
            self._section(
                "volumes",
                _("Volumes (API log, last 30 days)"),
                [_("Instance"), _("Calls"), _("Errors")],
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
        _ = self.env._
        processes = self.env["cxm.process"].search([("is_template", "=", False)])
        sections = [
            self._section(
                "processes",
                _("Processes"),
                [_("Process"), _("State")],
                [[p.name, self._selection(p, "state")] for p in processes],
            ),
            self._section(
                "statuses",
                _("Statuses"),
                [_("Process"), _("Status"), _("SLA (hours)"), _("Closing")],
                [[s.process_id.name, s.name, s.sla_hours, s.is_closing] for s in processes.status_ids],
            ),
            self._section(
                "transitions",
                _("Transitions"),
                [
                    _("Process"),
                    _("Transition"),
                    _("From"),
                    _("To"),
                    _("Groups"),
                    _("Guard"),
                    _("Required fields"),
                    _("Reason required"),
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
                _("Categories and routing"),
                [_("Rule"), _("Category"), _("Team"), _("Process")],
                [
                    [r.name, r.category_id.name or _("(every category)"), r.team_id.name, r.process_id.name]
                    for r in self.env["cxm.helpdesk.routing.rule"].search([])
                ],
            ),
            self._section(
                "teams",
                _("Teams"),
                [_("Team"), _("Default process")],
                [[t.name, t.cxm_process_id.name] for t in self.env["helpdesk.ticket.team"].search([])],
            ),
            self._section(
                "channels",
                _("Channels"),
                [_("Channel")],
                [[c.name] for c in self.env["helpdesk.ticket.channel"].search([])],
            ),
            self._section(
                "data_sources",
                _("Customer data hub sources"),
                [_("Instance"), _("Kind"), _("State")],
                [
                    [i.name, self._selection(i, "kind"), self._selection(i, "state")]
                    for i in self.env["cxm.integration.instance"].search(
                        [("kind", "in", ("data_source", "data_target"))]
                    )
                ],
            ),
        ]
        for model, key, title in (("cxm.kpi", "kpis", _("KPIs")), ("cxm.segment", "segments", _("Segments"))):
            if model in self.env:
                sections.append(
                    self._section(key, title, [_("Name")], [[r.display_name] for r in self.env[model].search([])])
                )
        sections.append(
            {
                "key": "diagrams",
                "title": _("Process diagrams"),
                "columns": [_("Process"), _("Diagram")],
                "rows": [[p.name, p.diagram_svg or ""] for p in processes],
            }
        )
        return sections

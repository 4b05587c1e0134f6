# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .cxm_implementation_snapshot import VOLATILE

DOCUMENT_KINDS = [
    ("pad", "Project Analysis Document"),
    ("integration_plan", "Integration Plan"),
    ("solution_design", "Solution Design"),
]
FROZEN_FIELDS = {"project_id", "kind", "version", "content", "state", "approved_by_id", "approved_on"}


class CxmImplementationDocument(models.Model):
    """One version of a rollout document, drawn from the live configuration.
    Versions are immutable once approved; a later configuration change shows
    as the difference from the approved version."""

    _name = "cxm.implementation.document"
    _description = "Implementation Document"
    _order = "project_id, kind, version desc"

    project_id = fields.Many2one("project.project", required=True, ondelete="cascade", index=True, readonly=True)
    kind = fields.Selection(DOCUMENT_KINDS, required=True, readonly=True)
    version = fields.Integer(required=True, readonly=True)
    name = fields.Char(compute="_compute_name", store=True)
    content = fields.Text(readonly=True, help="The sections of this version, as JSON.")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")], default="draft", required=True, readonly=True
    )
    approved_by_id = fields.Many2one("res.users", readonly=True)
    approved_on = fields.Datetime(readonly=True)
    content_html = fields.Html(string="Document", compute="_compute_content_html", sanitize=False)
    changes_html = fields.Html(string="Changes from the Previous Version", compute="_compute_changes", sanitize=False)
    live_changes_html = fields.Html(string="Changes Since Approval", compute="_compute_live_changes", sanitize=False)
    live_changed = fields.Boolean(string="Changed Since Approval", compute="_compute_live_changes")

    _project_kind_version_unique = models.Constraint(
        "UNIQUE(project_id, kind, version)", "A document version exists once."
    )

    @api.depends("kind", "version", "project_id")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for doc in self:
            doc.name = self.env._("%(document)s v%(version)s", document=kinds.get(doc.kind, ""), version=doc.version)

    @api.depends("content")
    def _compute_content_html(self):
        for doc in self:
            doc.content_html = doc._cxm_render_html(doc._cxm_sections())

    @api.depends("content")
    def _compute_changes(self):
        for doc in self:
            previous = doc._cxm_previous()
            if not previous:
                doc.changes_html = Markup("<p>%s</p>") % self.env._("First version.")
                continue
            doc.changes_html = doc._cxm_diff_html(previous._cxm_sections(), doc._cxm_sections())

    @api.depends("content", "state")
    def _compute_live_changes(self):
        for doc in self:
            if doc.state != "approved" or not doc.project_id:
                doc.live_changes_html = False
                doc.live_changed = False
                continue
            live = self.env["cxm.implementation.snapshot"]._cxm_build(doc.project_id, doc.kind)
            diff = doc._cxm_diff(doc._cxm_sections(), live)
            doc.live_changed = bool(diff)
            doc.live_changes_html = (
                Markup("<p><strong>%s</strong></p>")
                % self.env._("Changed since approved version %(version)s:", version=doc.version)
                + doc._cxm_diff_html(doc._cxm_sections(), live)
                if diff
                else Markup("<p>%s</p>") % self.env._("The configuration is as approved.")
            )

    def write(self, vals):
        if FROZEN_FIELDS & set(vals) and not self.env.su:
            raise UserError(self.env._("Document versions are drawn from the configuration: they are not edited."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(doc.state == "approved" for doc in self):
            raise UserError(self.env._("An approved version is a binding record: it cannot be deleted."))

    # ------------------------------------------------------------------ versions
    @api.model
    def _cxm_generate(self, project, kinds=None):
        """A new version of each document kind whose content differs from its
        last version; returns the versions created."""
        project.check_access("write")
        created = self.browse()
        for kind in kinds or [k for k, _label in DOCUMENT_KINDS]:
            sections = self.env["cxm.implementation.snapshot"]._cxm_build(project, kind)
            last = self.search([("project_id", "=", project.id), ("kind", "=", kind)], limit=1)
            if last and not self._cxm_diff(last._cxm_sections(), sections):
                continue
            # sudo: versions are written only here, from the configuration (see write)
            created |= (
                self.sudo()
                .create(
                    {
                        "project_id": project.id,
                        "kind": kind,
                        "version": (last.version or 0) + 1,
                        "content": json.dumps(sections, ensure_ascii=False, sort_keys=True),
                    }
                )
                .sudo(False)
            )
        return created

    def action_approve(self):
        """Record the binding approval of this version: who and when."""
        self.ensure_one()
        if not self.env.user.has_group("project.group_project_manager"):
            raise AccessError(self.env._("Only project administrators approve implementation documents."))
        if self.state == "approved":
            raise UserError(
                self.env._(
                    "%(document)s was already approved by %(user)s on %(date)s.",
                    document=self.name,
                    user=self.approved_by_id.name,
                    date=fields.Datetime.to_string(self.approved_on),
                )
            )
        latest = self.search([("project_id", "=", self.project_id.id), ("kind", "=", self.kind)], limit=1)
        if latest != self:
            raise UserError(
                self.env._("Only the latest version can be approved: %(latest)s is newer.", latest=latest.name)
            )
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid, "approved_on": fields.Datetime.now()})
        return True

    def action_download_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/cxm/implementation/document/{self.id}/xlsx", "target": "self"}

    # ------------------------------------------------------------------ content
    def _cxm_sections(self):
        self.ensure_one()
        return json.loads(self.content or "[]")

    def _cxm_previous(self):
        self.ensure_one()
        return self.search(
            [("project_id", "=", self.project_id.id), ("kind", "=", self.kind), ("version", "<", self.version)],
            limit=1,
        )

    @api.model
    def _cxm_diff(self, old, new):
        """Rows added and removed per section, measurements left aside:
        ``[(title, "+" | "-", row)]``."""

        def rows(sections):
            return {s["key"]: (s["title"], {tuple(r) for r in s["rows"]}) for s in sections if s["key"] not in VOLATILE}

        before, after = rows(old), rows(new)
        diff = []
        for key in sorted(set(before) | set(after)):
            title = (after.get(key) or before.get(key))[0]
            old_rows, new_rows = before.get(key, ("", set()))[1], after.get(key, ("", set()))[1]
            diff += [(title, "-", list(r)) for r in sorted(old_rows - new_rows)]
            diff += [(title, "+", list(r)) for r in sorted(new_rows - old_rows)]
        return diff

    def _cxm_diff_html(self, old, new):
        diff = self._cxm_diff(old, new)
        if not diff:
            return Markup("<p>%s</p>") % self.env._("No change.")
        items = Markup("").join(
            Markup('<li class="%s">%s %s: %s</li>')
            % ("text-success" if sign == "+" else "text-danger", sign, title, " | ".join(row))
            for title, sign, row in diff
        )
        return Markup('<ul class="o_cxm_diff">%s</ul>') % items

    @api.model
    def _cxm_render_html(self, sections):
        parts = []
        for section in sections:
            if section["key"] == "diagrams":
                # the SVG is drawn by cxm_process, which escapes every name it writes
                diagrams = [(row[0], Markup(row[1])) for row in section["rows"]]  # noqa: S704
                body = Markup("").join(Markup("<h4>%s</h4><div>%s</div>") % diagram for diagram in diagrams)
            else:
                head = Markup("").join(Markup("<th>%s</th>") % c for c in section["columns"])
                rows = Markup("").join(
                    Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % v for v in row)
                    for row in section["rows"]
                ) or Markup('<tr><td colspan="%s">%s</td></tr>') % (len(section["columns"]), self.env._("None"))
                body = Markup('<table class="table table-sm"><thead><tr>%s</tr></thead><tbody>%s</tbody></table>') % (
                    head,
                    rows,
                )
            parts.append(Markup("<h3>%s</h3>%s") % (escape(section["title"]), body))
        return Markup("").join(parts)

    def _cxm_xlsx(self):
        """The version as an XLSX workbook (its report_xlsx report): one sheet per
        section. Rendered as the current user, who must be able to read it."""
        self.ensure_one()
        xlsx, _report_type = self.env["ir.actions.report"]._render_xlsx(
            "cxm_implementation.action_report_implementation_document_xlsx", self.ids, data=None
        )
        return xlsx

    def _cxm_pdf(self):
        """The version printed by its QWeb report (wkhtmltopdf)."""
        self.ensure_one()
        # force_report_rendering: a download is always the PDF, also while tests run
        # (Odoo otherwise hands the HTML back under --test-enable)
        pdf, _report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("cxm_implementation.action_report_implementation_document", self.ids)
        )
        return pdf

    def _cxm_xlsx_filename(self):
        self.ensure_one()
        return f"{self.project_id.name} - {self.name}.xlsx".replace("/", "-")

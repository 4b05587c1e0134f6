# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.cxm_kpi.models.cxm_kpi_sql import SCOPE_TABLE

# the customers of a scoped recomputation (a temporary table, see cxm.kpi.engine._cxm_temp_table)
SCOPE = SQL.identifier(f"{SCOPE_TABLE}_segments")


class CxmSegmentation(models.Model):
    """A way of dividing customers (value tier, lifecycle, service profile...): its segments are
    tried in sequence and a customer belongs to the first that matches, so to at most one."""

    _name = "cxm.segmentation"
    _description = "Customer segmentation"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    description = fields.Text(translate=True)
    segment_ids = fields.One2many("cxm.segment", "segmentation_id", string="Segments", copy=True)
    member_count = fields.Integer(string="Customers", compute="_compute_member_count")
    last_computed_at = fields.Datetime(readonly=True, copy=False)
    last_moves = fields.Integer(
        string="Moves", readonly=True, copy=False, help="Entries, exits and moves of the last run."
    )

    def _compute_member_count(self):
        counts = dict(
            self.env["cxm.segment.member"]._read_group(
                [("segmentation_id", "in", self.ids)], ["segmentation_id"], ["__count"]
            )
        )
        for segmentation in self:
            segmentation.member_count = counts.get(segmentation, 0)

    def action_recompute(self):
        """Recompute the membership of these segmentations now (after each KPI run it happens by itself)."""
        self.check_access("write")
        moves = self.sudo()._cxm_recompute()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Segments recomputed: %(count)s customers entered, left or moved.", count=moves),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("cxm_segmentation.cxm_segment_member_action")
        action["domain"] = [("segmentation_id", "=", self.id)]
        return action

    # ------------------------------------------------------------ business
    def _cxm_recompute(self, partner_ids=None):
        """Set-based membership: for each segmentation, one statement computes every customer's first
        matching segment and writes only entries, exits and moves (with their history). ``partner_ids``
        restricts the run to those customers (after an incremental KPI run). Returns the moves."""
        total = 0
        if partner_ids is not None:
            # a temporary table of the customers: joined, not a literal list in every rule
            self.env["cxm.kpi.engine"]._cxm_temp_table(f"{SCOPE_TABLE}_segments", partner_ids)
        with self.env["cxm.kpi.engine"]._cxm_work_mem():
            for segmentation in self:
                total += segmentation._cxm_recompute_one(partner_ids)
        return total

    def _cxm_recompute_one(self, partner_ids):
        self.ensure_one()
        self.env.flush_all()
        Partner = self.env["res.partner"].with_context(active_test=True)
        scope = Domain.TRUE
        if self.company_id:
            scope &= Domain("company_id", "in", [False, self.company_id.id])
        branches = []
        for rank, segment in enumerate(self.segment_ids.sorted(lambda s: (s.sequence, s.id))):
            query = Partner._search(scope & segment._cxm_domain())
            if partner_ids is not None:
                query.add_where(SQL("%s IN (SELECT partner_id FROM %s)", SQL.identifier(query.table, "id"), SCOPE))
            branches.append(
                SQL(
                    "SELECT p.id AS partner_id, %s AS segment_id, %s AS priority FROM %s p",
                    segment.id,
                    rank,
                    query.subselect(),
                )
            )
        if not branches:
            branches = [SQL("SELECT NULL::int AS partner_id, NULL::int AS segment_id, 0 AS priority WHERE FALSE")]
        member_scope = SQL("TRUE") if partner_ids is None else SQL("m.partner_id IN (SELECT partner_id FROM %s)", SCOPE)
        cr = self.env.cr
        now = cr.now()
        cr.execute(
            SQL(
                """WITH target AS (
                       SELECT DISTINCT ON (partner_id) partner_id, segment_id
                         FROM (%(branches)s) b ORDER BY partner_id, priority),
                   cur AS (
                       SELECT m.partner_id, m.segment_id FROM cxm_segment_member m
                        WHERE m.segmentation_id = %(seg)s AND %(member_scope)s),
                   moves AS (
                       SELECT COALESCE(t.partner_id, c.partner_id) AS partner_id, c.segment_id AS from_id,
                              t.segment_id AS to_id
                         FROM target t FULL JOIN cur c ON c.partner_id = t.partner_id
                        WHERE c.segment_id IS DISTINCT FROM t.segment_id),
                   history AS (
                       INSERT INTO cxm_segment_history (segmentation_id, company_id, partner_id, from_segment_id,
                                                        to_segment_id, move, date,
                                                        create_uid, create_date, write_uid, write_date)
                       SELECT %(seg)s, %(company)s, partner_id, from_id, to_id,
                              CASE WHEN from_id IS NULL THEN 'entry' WHEN to_id IS NULL THEN 'exit' ELSE 'move' END,
                              %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                         FROM moves RETURNING 1),
                   gone AS (
                       DELETE FROM cxm_segment_member m USING moves
                        WHERE m.segmentation_id = %(seg)s AND m.partner_id = moves.partner_id AND moves.to_id IS NULL
                       RETURNING 1),
                   came AS (
                       INSERT INTO cxm_segment_member AS m
                              (segmentation_id, company_id, segment_id, partner_id,
                               date_entered, create_uid, create_date, write_uid, write_date)
                       SELECT %(seg)s, %(company)s, to_id, partner_id, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                         FROM moves WHERE to_id IS NOT NULL
                       ON CONFLICT (segmentation_id, partner_id) DO UPDATE
                          SET segment_id = EXCLUDED.segment_id, date_entered = EXCLUDED.date_entered,
                              write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                       RETURNING 1)
                   SELECT (SELECT count(*) FROM history), (SELECT count(*) FROM gone), (SELECT count(*) FROM came)""",
                branches=SQL(" UNION ALL ").join(branches),
                seg=self.id,
                company=self.company_id.id or None,
                member_scope=member_scope,
                now=now,
                uid=self.env.uid,
            )
        )
        moves = cr.fetchone()[0]
        self.write({"last_computed_at": fields.Datetime.now(), "last_moves": moves})
        self.env["cxm.segment.member"].invalidate_model()
        self.env["cxm.segment.history"].invalidate_model()
        return moves

    @api.model
    def _cxm_recompute_all(self, partner_ids=None):
        return self.search([("active", "=", True)])._cxm_recompute(partner_ids)

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from collections import defaultdict

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.cxm_base.tools import internal_value


class CxmProcessMixinMoves(models.AbstractModel):
    """Guarded moves: which transitions a user may fire, every guard of a stage change, the row lock."""

    _name = "cxm.process.mixin.moves"
    _description = "Guarded moves of records following a process"

    # ------------------------------------------------------------------ engine
    def _cxm_allowed_transitions(self, trigger="manual"):
        """Transitions the current user may fire now on this record."""
        self.ensure_one()
        Transition = self.env["cxm.process.transition"]
        if not self.cxm_process_id:
            return Transition
        graph = self.env["cxm.process"]._cxm_graph(self.cxm_process_id.id)
        status_id = self.cxm_status_id.id
        if graph["state"] != "active" or not status_id:
            return Transition
        group_ids = set(self.env.user._get_group_ids())
        allowed = []
        for tr in graph["transitions"]:
            if tr["trigger"] != trigger or status_id not in tr["from"]:
                continue
            if tr["groups"] and not tr["groups"] & group_ids:
                continue
            if tr["condition"] and not self._cxm_condition_ok(tr):
                continue
            allowed.append(tr["id"])
        return Transition.browse(allowed)

    def _cxm_condition_ok(self, tr):
        return bool(self.filtered_domain(self.env["cxm.process.transition"].browse(tr["id"]).sudo()._cxm_domain()))

    def _cxm_move(self, target, vals):
        """Guarded stage change of records following an active process."""
        moves = self._cxm_plan_moves(target, vals)
        now = fields.Datetime.now()
        history_vals = self._cxm_history_vals_many(
            [(rec, transition and transition[0], dst, kind, comment) for rec, transition, dst, kind, comment in moves],
            now,
        )
        # the lock and the history rows: one round trip
        self._cxm_lock(history_vals)
        escalated = self.filtered("cxm_sla_escalated")
        by_status = defaultdict(list)
        for (rec, _transition, dst, _kind, _comment), row in zip(moves, history_vals, strict=True):
            by_status[row["process_id"], dst].append(rec.id)
        status_field = self._fields["cxm_status_id"]
        Process = self.env["cxm.process"]
        for (process_id, dst), ids in by_status.items():
            write_vals = dict(
                vals,
                # the new status is known: written with the stage, not recomputed from it record by record
                cxm_status_id=dst.id,
                cxm_status_date=now,
                cxm_sla_deadline=Process.browse(process_id)._cxm_deadline_for(dst.id, now),
                cxm_sla_escalated=False,
            )
            records = self.browse(ids)
            # the ORM protects only writable computed fields from the recomputation their dependencies
            # trigger: without this, the status just written would be computed again at the next flush
            with self.env.protecting([status_field], records):
                records._cxm_write_unguarded(write_vals)
        self._cxm_invalidate_history()
        if escalated and hasattr(escalated, "activity_feedback"):
            # the breach is over for the status it was about: its activity is done, not left open
            escalated.sudo().activity_feedback(
                ["cxm_process.mail_activity_type_sla_breached"],
                feedback=self.env._("The ticket left the status whose SLA was breached."),
            )
        for rec, transition, _dst, _kind, comment in moves:
            if transition and (transition[1]["actions"] or comment):
                rec._cxm_run_actions(transition[0], comment)
            elif comment:
                rec._cxm_log(comment)
        return True

    def _cxm_plan_moves(self, target, vals):
        """Check every guard for each record; return [(record, transition, dst status, kind, comment)]."""
        ctx = self.env.context
        forced = internal_value(ctx, "cxm_force_reason")
        automatic = internal_value(ctx, "cxm_automatic")
        transition_id = internal_value(ctx, "cxm_transition_id")
        comment = internal_value(ctx, "cxm_comment") or forced
        if forced and not self.env.user.has_group("cxm_base.group_cxm_manager"):
            raise AccessError(self.env._("Only CXM managers may force a status change."))
        Process = self.env["cxm.process"]
        Status = self.env["cxm.process.status"].sudo()
        Transition = self.env["cxm.process.transition"].sudo()
        group_ids = set(self.env.user._get_group_ids())
        moves = []
        routes = {}
        for rec in self:
            process_id, src_id = rec.cxm_process_id.id, rec.cxm_status_id.id
            graph = Process._cxm_graph(process_id)
            dst_id = graph["by_stage"].get(target) if target else None
            if not dst_id:
                rec._cxm_refuse_stage(target)
            dst = Status.browse(dst_id)
            if forced:
                moves.append((rec, None, dst, "forced", comment))
                continue
            key = (process_id, src_id, dst_id)
            if key not in routes:  # records moved together mostly share their route: look it up once
                routes[key] = [t for t in graph["transitions"] if t["to"] == dst_id and src_id in t["from"]]
            candidates = routes[key]
            if transition_id:
                candidates = [t for t in candidates if t["id"] == transition_id]
            elif not automatic:
                candidates = [t for t in candidates if t["trigger"] == "manual"]
            if automatic:
                allowed = candidates
            else:
                allowed = [t for t in candidates if not t["groups"] or t["groups"] & group_ids]
            if not allowed:
                rec._cxm_refuse_move(src_id, dst, Transition.browse([t["id"] for t in candidates]))
            tr = allowed[0]
            transition = Transition.browse(tr["id"])
            if tr["condition"] and not rec._cxm_condition_ok(tr):
                raise UserError(
                    self.env._(
                        "%(record)s cannot take transition %(name)s: its condition is not met (%(cond)s).",
                        record=rec.display_name,
                        name=transition.name,
                        cond=tr["condition"],
                    )
                )
            if tr["required"] and any(not (vals[f] if f in vals else rec[f]) for f in tr["required"]):
                missing = transition._cxm_missing_fields(rec, vals)
                if missing:
                    raise UserError(
                        self.env._(
                            "%(record)s cannot take transition %(name)s: fill in %(fields)s first.",
                            record=rec.display_name,
                            name=transition.name,
                            fields=", ".join(missing),
                        )
                    )
            if tr["comment_required"] and not (comment or "").strip() and not automatic:
                raise UserError(self.env._("Transition %(name)s requires a reason (comment).", name=transition.name))
            moves.append((rec, (transition, tr), dst, "automatic" if automatic else "transition", comment))
        return moves

    def _cxm_refuse_stage(self, target):
        stage = self.env[self._fields[self._cxm_stage_field].comodel_name].browse(target)
        raise UserError(
            self.env._(
                "%(record)s: stage %(stage)s is not a status of process %(process)s.",
                record=self.display_name,
                stage=stage.sudo().display_name if target else "-",
                process=self.cxm_process_id.sudo().name,
            )
        )

    def _cxm_refuse_move(self, src_id, dst, candidates):
        src = self.env["cxm.process.status"].sudo().browse(src_id)
        targets = self._cxm_allowed_transitions().sudo().to_status_id.mapped("display_name")
        if candidates:
            reason = self.env._("your groups may not fire %(names)s", names=", ".join(candidates.mapped("name")))
        else:
            reason = self.env._(
                "the process has no transition from %(src)s to %(dst)s", src=src.display_name, dst=dst.display_name
            )
        raise UserError(
            self.env._(
                "%(record)s cannot move to %(dst)s: %(reason)s. Allowed targets from %(src)s: %(targets)s.",
                record=self.display_name,
                dst=dst.display_name,
                reason=reason,
                src=src.display_name or "-",
                targets=", ".join(targets) or self.env._("none"),
            )
        )

    def _cxm_lock(self, history_vals=None):
        """Lock the rows; refuse when another transaction holds them or changed the stage meanwhile;
        then insert ``history_vals`` (rows of ``cxm.process.history``).

        One round trip: the lock runs in a savepoint (a busy row must not abort the transaction),
        released at once, then the history rows are inserted only if no stage changed, in the
        statement that reads the stages back. That statement also reads the transaction's timestamp,
        which the ORM asks for (one more round trip) before its next write otherwise."""
        stage_field = self._cxm_stage_field
        self.flush_recordset([stage_field])
        expected = {rec.id: rec[stage_field].id for rec in self}
        cr = self.env.cr
        savepoint = SQL.identifier(f"cxm_lock_{uuid.uuid4().hex}")
        table, ids = SQL.identifier(self._table), tuple(self.ids)
        unchanged = SQL(
            "NOT EXISTS (SELECT FROM unnest(%s::int4[], %s::int4[]) AS e(id, stage)"
            " LEFT JOIN %s AS t ON t.id = e.id WHERE t.%s IS DISTINCT FROM e.stage)",
            list(expected),
            list(expected.values()),
            table,
            SQL.identifier(stage_field),
        )
        insert = (
            self.env["cxm.process.history"]._cxm_insert_query(history_vals, condition=unchanged)
            if history_vals
            else None
        )
        try:
            cr.execute(
                SQL(
                    "SAVEPOINT %(sp)s; SELECT FROM %(table)s WHERE id IN %(ids)s FOR UPDATE NOWAIT;"
                    " RELEASE SAVEPOINT %(sp)s; %(cte)s"
                    " SELECT id, %(stage)s, now() AT TIME ZONE 'UTC' FROM %(table)s WHERE id IN %(ids)s",
                    sp=savepoint,
                    table=table,
                    ids=ids,
                    stage=SQL.identifier(stage_field),
                    cte=SQL("WITH inserted AS (%s)", insert) if insert else SQL(),
                ),
                log_exceptions=False,  # a busy row is an expected outcome, reported below
            )
            rows = cr.fetchall()
        except (LockNotAvailable, SerializationFailure):
            # another transaction holds the row, or changed it after our snapshot: refuse now rather
            # than let Odoo retry the request on a ticket the user has not seen in its new status
            cr.execute(SQL("ROLLBACK TO SAVEPOINT %s; RELEASE SAVEPOINT %s", savepoint, savepoint))
            rows = []
        current = {row[0]: row[1] for row in rows}
        if rows and cr._now is None:
            cr._now = rows[0][2]  # the very value cr.now() would select: same statement, same transaction
        changed = self.filtered(lambda r: current.get(r.id) != expected[r.id])
        if changed:
            raise UserError(
                self.env._(
                    "%(records)s changed meanwhile (another user is moving it or just moved it). Reload and try again.",
                    records=", ".join(changed.mapped("display_name")),
                )
            )

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import api, models, tools


class CxmProcessGraph(models.AbstractModel):
    """The process design cached per registry for the transition hot path."""

    _name = "cxm.process.graph"
    _description = "Cached design of processes"

    # ------------------------------------------------------------------ hot-path caches
    @api.model
    @tools.ormcache("process_id")
    def _cxm_graph(self, process_id):
        """Immutable design of a process for the transition hot path (cleared on any design change)."""
        process = self.sudo().browse(process_id)
        calendar = process._cxm_calendar()
        statuses = {
            s.id: {
                "stage": s.stage_res_id,
                "sla_hours": s.sla_hours,
                "clock": s.sla_clock,
                "closing": s.is_closing,
            }
            for s in process.status_ids
        }
        transitions = tuple(
            {
                "id": t.id,
                "from": frozenset(t.from_status_ids.ids),
                "to": t.to_status_id.id,
                "trigger": t.trigger,
                "groups": frozenset(t.group_ids.ids),
                "condition": t.condition if t.condition and t.condition.strip() != "[]" else False,
                "required": tuple(t.required_field_ids.mapped("name")),
                "comment_required": t.comment_required,
                "actions": t._cxm_has_actions(),
            }
            for t in process.transition_ids.sorted(lambda t: (t.sequence, t.id))
        )
        initial = process._cxm_initial_status()
        return {
            "state": process.state,
            "statuses": statuses,
            "by_stage": {v["stage"]: k for k, v in statuses.items()},
            "initial": initial.id,
            "transitions": transitions,
            "calendar": calendar.id,
        }

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one-round-trip move (issue 12: row lock, set-based history insert and the read-back in one
statement) writes the history rows, SLA results and deadlines a user expects, single and batch: every
column of every row compared with values worked out by hand on the office calendar, read back from
the table itself (not through the engine's code)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tools import SQL

from .common import ProcessCommon, working_calendar

COLUMNS = (
    "res_model",
    "res_id",
    "ticket_id",
    "company_id",
    "process_id",
    "transition_id",
    "from_status_id",
    "to_status_id",
    "user_id",
    "date",
    "entered_date",
    "comment",
    "kind",
    "duration_hours",
    "working_hours",
    "sla_deadline",
    "sla_result",
    "sla_met_count",
    "sla_breached_count",
    "count",
    "create_uid",
)

# the office is open 9-17 UTC Monday to Friday; Friday 2026-03-06 11:00 is when the moves happen
NOW = datetime(2026, 3, 6, 11, 0)


def dt(text):
    return datetime.fromisoformat(text)


class TestMoveRows(ProcessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process.resource_calendar_id = working_calendar(cls.env, "Office 9-17", 5, 9, 17)

    def _ticket_at(self, when):
        with freeze_time(when):
            return self._ticket()

    def _rows(self, tickets):
        """The history rows of ``tickets`` written at ``NOW`` as stored, one dict per row, in the
        tickets' order."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM cxm_process_history WHERE res_id IN %s AND date = %s ORDER BY res_id, id",
                SQL(", ").join(SQL.identifier(col) for col in COLUMNS),
                tuple(tickets.ids),
                NOW,
            )
        )
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in self.env.cr.fetchall()]
        for row in rows:
            row["duration_hours"], row["working_hours"] = float(row["duration_hours"]), float(row["working_hours"])
        return rows

    def _expected(self, ticket, user, **values):
        return {
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "ticket_id": ticket.id,
            "company_id": ticket.company_id.id,
            "process_id": self.process.id,
            "user_id": user.id,
            "date": NOW,
            "count": 1,
            "create_uid": user.id,
            "sla_met_count": int(values["sla_result"] == "met"),
            "sla_breached_count": int(values["sla_result"] == "breached"),
            **values,
        }

    def test_single_move_row_sla_and_deadline(self):
        ticket = self._ticket_at("2026-03-02 08:00:00")  # Monday, before the office opens
        self.assertEqual(ticket.cxm_sla_deadline, dt("2026-03-02 13:00"), "4 working hours from Monday 9:00")
        self.env.cr.flush()  # end of the creation's tracking (its context switched it off)
        tracked = ticket.with_user(self.agent).with_context(mail_notrack=False, tracking_disable=False)
        with freeze_time(NOW):
            tracked.cxm_fire_transition(self.tr_take.id, "on it")
        # "last updated on" is the transaction's timestamp, as for any write
        self.env.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        self.assertEqual(ticket.write_date, self.env.cr.fetchone()[0])
        self.assertEqual(
            self._rows(ticket),
            [
                self._expected(
                    ticket,
                    self.agent,
                    transition_id=self.tr_take.id,
                    from_status_id=self.st_new.id,
                    to_status_id=self.st_progress.id,
                    entered_date=dt("2026-03-02 08:00"),
                    comment="on it",
                    kind="transition",
                    duration_hours=99.0,  # Monday 8:00 to Friday 11:00
                    working_hours=34.0,  # 4 days of 8 hours and Friday 9-11
                    sla_deadline=dt("2026-03-02 13:00"),
                    sla_result="breached",
                )
            ],
        )
        self.assertEqual(
            (ticket.stage_id, ticket.cxm_status_id, ticket.cxm_status_date, ticket.cxm_sla_deadline),
            (self.stage_progress, self.st_progress, NOW, dt("2026-03-09 11:00")),
            "8 working hours from Friday 11:00: 6 on Friday, 2 on Monday",
        )
        self.assertEqual(ticket.cxm_history_ids.comment, "on it", "the history tab shows the new row at once")
        # the chatter shows the stage change as for any stage write
        self.env.flush_all()
        self.env.cr.flush()
        tracking = ticket.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "stage_id")
        self.assertEqual(
            (tracking.old_value_integer, tracking.new_value_integer), (self.stage_new.id, self.stage_progress.id)
        )

    def test_batch_move_rows(self):
        starts = ("2026-03-06 09:30:00", "2026-02-26 16:00:00", "2026-02-28 12:00:00")  # Fri, Thu, Sat
        tickets = self.env["helpdesk.ticket"]
        for start in starts:
            tickets |= self._ticket_at(start)
        with freeze_time(NOW):
            tickets.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        common = {
            "transition_id": self.tr_take.id,
            "from_status_id": self.st_new.id,
            "to_status_id": self.st_progress.id,
            "comment": None,
            "kind": "transition",
        }
        self.assertEqual(
            self._rows(tickets),
            [
                # Friday 9:30 -> 11:00, deadline Friday 13:30
                self._expected(
                    tickets[0],
                    self.agent,
                    **common,
                    entered_date=dt(starts[0]),
                    duration_hours=1.5,
                    working_hours=1.5,
                    sla_deadline=dt("2026-03-06 13:30"),
                    sla_result="met",
                ),
                # Thursday 26 February 16:00 -> 7 days 19 hours; 1 + 8 + 4 x 8 + 2 working hours;
                # deadline 1 hour on Thursday, 3 on Friday
                self._expected(
                    tickets[1],
                    self.agent,
                    **common,
                    entered_date=dt(starts[1]),
                    duration_hours=187.0,
                    working_hours=43.0,
                    sla_deadline=dt("2026-02-27 12:00"),
                    sla_result="breached",
                ),
                # Saturday noon: the weekend does not count
                self._expected(
                    tickets[2],
                    self.agent,
                    **common,
                    entered_date=dt(starts[2]),
                    duration_hours=143.0,
                    working_hours=34.0,
                    sla_deadline=dt("2026-03-02 13:00"),
                    sla_result="breached",
                ),
            ],
        )
        self.assertEqual(set(tickets.mapped("cxm_sla_deadline")), {dt("2026-03-09 11:00")})
        self.assertEqual(set(tickets.mapped("cxm_status_date")), {NOW})

    def test_forced_batch_from_several_statuses(self):
        # empty transition, reason, SLA deadline and paused clock in one set-based insert
        running, waiting = self._ticket_at("2026-03-02 08:00:00"), self._ticket_at("2026-03-02 08:00:00")
        with freeze_time("2026-03-03 10:00:00"):  # Tuesday
            (running | waiting).with_user(self.agent).cxm_fire_transition(self.tr_take.id)
            waiting.with_user(self.agent).cxm_fire_transition(self.tr_ask.id, "which model?")
        fresh = self._ticket_at("2026-03-05 15:00:00")  # Thursday, due Friday 11:00
        tickets = running | waiting | fresh
        with freeze_time(NOW):
            tickets.with_user(self.manager).cxm_force_stage(self.stage_done.id, "Duplicates")
        forced = {"transition_id": None, "to_status_id": self.st_done.id, "comment": "Duplicates", "kind": "forced"}
        self.assertEqual(
            self._rows(tickets),
            [
                self._expected(
                    running,
                    self.manager,
                    **forced,
                    from_status_id=self.st_progress.id,
                    entered_date=dt("2026-03-03 10:00"),
                    duration_hours=73.0,
                    working_hours=25.0,  # Tuesday 10-17, Wednesday, Thursday, Friday 9-11
                    sla_deadline=dt("2026-03-04 10:00"),
                    sla_result="breached",
                ),
                self._expected(
                    waiting,
                    self.manager,
                    **forced,
                    from_status_id=self.st_awaiting.id,
                    entered_date=dt("2026-03-03 10:00"),
                    duration_hours=73.0,
                    working_hours=25.0,
                    sla_deadline=None,
                    sla_result="paused",
                ),
                self._expected(
                    fresh,
                    self.manager,
                    **forced,
                    from_status_id=self.st_new.id,
                    entered_date=dt("2026-03-05 15:00"),
                    duration_hours=20.0,
                    working_hours=4.0,
                    sla_deadline=dt("2026-03-06 11:00"),
                    sla_result="met",  # moved at the very deadline
                ),
            ],
        )
        self.assertEqual(set(tickets.mapped("stage_id")), {self.stage_done})
        self.assertEqual(tickets.mapped("cxm_sla_deadline"), [False] * 3, "no SLA in a closing status")

    def test_refused_move_writes_nothing_and_keeps_the_transaction(self):
        tickets = self._ticket_at("2026-03-02 08:00:00") | self._ticket_at("2026-03-02 09:00:00")
        # the other session's move, unseen by this session's cache
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET stage_id = %s WHERE id = %s", [self.stage_awaiting.id, tickets[0].id]
        )
        with freeze_time(NOW), self.assertRaisesRegex(UserError, "changed meanwhile"):
            tickets.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertEqual(self._rows(tickets), [], "no row for any ticket of the refused batch")
        tickets.invalidate_recordset()
        with freeze_time(NOW):
            tickets[1].with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertEqual([row["res_id"] for row in self._rows(tickets)], [tickets[1].id])

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The set-based move path (issue 12) writes what one-by-one moves wrote: the same history rows,
working hours and SLA results, whatever the batch size."""

import random
from datetime import datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.fields import Command

from .common import ProcessCommon, working_calendar

COMPARED = (
    "res_model",
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
)


def reference_work_hours(pattern, tz_name, start, end):
    """Working hours between two naive UTC datetimes, day by day: the computation before issue 12."""
    tz = pytz.timezone(tz_name)
    s, e = pytz.utc.localize(start).astimezone(tz), pytz.utc.localize(end).astimezone(tz)
    total, day = 0.0, s.date() - timedelta(days=1)
    while day <= e.date():
        midnight = datetime.combine(day, time())
        for hour_from, hour_to in pattern[day.weekday()]:
            a = tz.localize(midnight + timedelta(hours=hour_from))
            b = tz.localize(midnight + timedelta(hours=hour_to))
            overlap = (min(b, e) - max(a, s)).total_seconds()
            if overlap > 0:
                total += overlap
        day += timedelta(days=1)
    return total / 3600


class TestBatchMoves(ProcessCommon):
    # Monday 2026-03-02 .. Friday 2026-03-06; the office is open 9-17 UTC on weekdays, New has a 4 h SLA
    STARTS = ("2026-03-02 08:00:00", "2026-03-06 09:30:00", "2026-02-26 16:00:00", "2026-02-28 12:00:00")
    NOW = "2026-03-06 11:00:00"

    def _tickets_at(self, starts):
        tickets = self.env["helpdesk.ticket"]
        for start in starts:
            with freeze_time(start):
                tickets |= self._ticket()
        return tickets

    def _row(self, ticket):
        rows = ticket.cxm_history_ids
        self.assertEqual(len(rows), 1, "one history row per move")
        return {name: rows[name] for name in COMPARED}

    def test_batch_move_writes_the_rows_of_single_moves(self):
        self.process.resource_calendar_id = working_calendar(self.env, "Office 9-17", 5, 9, 17)
        singles, batch = self._tickets_at(self.STARTS), self._tickets_at(self.STARTS)
        with freeze_time(self.NOW):
            for ticket in singles:
                ticket.with_user(self.agent).cxm_fire_transition(self.tr_take.id, "on it")
            batch.with_user(self.agent).cxm_fire_transition(self.tr_take.id, "on it")
        for single, batched in zip(singles, batch, strict=True):
            self.assertEqual(self._row(batched), self._row(single))
            self.assertEqual(
                (batched.stage_id, batched.cxm_status_id, batched.cxm_status_date, batched.cxm_sla_deadline),
                (single.stage_id, single.cxm_status_id, single.cxm_status_date, single.cxm_sla_deadline),
            )
        # what the calendar says: Mon 8:00 -> Fri 11:00 is 4 x 8 + 2 working hours, deadline Mon 13:00, ...
        self.assertEqual(
            [(self._row(t)["sla_result"], round(self._row(t)["working_hours"], 4)) for t in batch],
            [("breached", 34.0), ("met", 1.5), ("breached", 43.0), ("breached", 34.0)],
        )
        self.assertEqual([self._row(t)["duration_hours"] for t in batch[:2]], [99.0, 1.5])
        self.assertEqual(set(batch.mapped("cxm_status_id")), {self.st_progress})
        self.assertEqual(batch[0].cxm_sla_deadline, datetime(2026, 3, 9, 11, 0), "8 working hours from Friday 11:00")

    def test_stale_member_refuses_the_whole_batch(self):
        tickets = self._tickets_at(self.STARTS[:3])
        # another session moved the second ticket: this session's cache still shows it in New
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET stage_id = %s WHERE id = %s", [self.stage_progress.id, tickets[1].id]
        )
        with self.assertRaisesRegex(UserError, "changed meanwhile"):
            tickets.with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertFalse(tickets.cxm_history_ids, "no history row for any ticket of the refused batch")
        # the transaction is still usable: the others move
        tickets.invalidate_recordset()
        (tickets - tickets[1]).with_user(self.agent).cxm_fire_transition(self.tr_take.id)
        self.assertEqual(len(tickets.cxm_history_ids), 2)
        self.assertEqual((tickets - tickets[1]).stage_id, self.stage_progress)

    def test_working_hours_equal_the_day_by_day_computation(self):
        # a calendar with a lunch break, Saturdays, and a daylight-saving zone (spans cross both changes)
        berlin = self.env["resource.calendar"].create(
            {
                "name": "Berlin shop",
                "tz": "Europe/Berlin",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": f"d{d}{h}", "dayofweek": str(d), "hour_from": h, "hour_to": t, "day_period": p}
                    )
                    for d in range(6)
                    for h, t, p in ((8.5, 12.25, "morning"), (13, 18, "afternoon"))
                ],
            }
        )
        office = working_calendar(self.env, "Office 9-17", 5, 9, 17)
        rng = random.Random(12)
        Hours = self.env["cxm.process.working.hours"]
        for calendar in (berlin, office, self.calendar):
            self.process.resource_calendar_id = calendar
            self.env.registry.clear_cache()
            pattern = Hours._cxm_calendar_pattern(calendar.id)[1]
            for _i in range(150):
                start = datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 330 * 24 * 60))
                end = start + timedelta(minutes=rng.choice([rng.randrange(0, 600), rng.randrange(0, 60 * 24 * 60)]))
                self.assertAlmostEqual(
                    self.process._cxm_work_hours(start, end),
                    reference_work_hours(pattern, calendar.tz, start, end),
                    places=9,
                    msg=f"{calendar.name}: {start} -> {end}",
                )
            # a batch: one end, starts the same day, days or months before (across both changes of time),
            # or after it
            for _i in range(5):
                end = datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(0, 330 * 24 * 60))
                starts = [
                    end - timedelta(minutes=rng.choice([rng.randrange(0, 600), rng.randrange(0, 90 * 24 * 60)]))
                    for _j in range(40)
                ] + [end + timedelta(minutes=30), end]
                for start, hours in zip(starts, self.process._cxm_work_hours_many(starts, end), strict=True):
                    self.assertAlmostEqual(
                        hours,
                        reference_work_hours(pattern, calendar.tz, start, end),
                        places=9,
                        msg=f"{calendar.name}: {start} -> {end} in a batch",
                    )

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta
from functools import lru_cache

import pytz

from odoo import api, models, tools


@lru_cache(maxsize=8192)
def _full_day_seconds(tz_name, intervals, day):
    """Working seconds of a whole local day ``day`` (its intervals ``((from, to), ...)`` in hours), the
    same sum the day-by-day loop makes for a day that lies entirely between the start and the end."""
    tz = pytz.timezone(tz_name)
    midnight = datetime.combine(day, time())
    total = 0.0
    for hour_from, hour_to in intervals:
        length = (
            tz.localize(midnight + timedelta(hours=hour_to)) - tz.localize(midnight + timedelta(hours=hour_from))
        ).total_seconds()
        if length > 0:
            total += length
    return total


class CxmProcessWorkingHours(models.AbstractModel):
    """Working hours of a process's calendar: durations and SLA deadlines."""

    _name = "cxm.process.working.hours"
    _description = "Working hours of processes"

    @api.model
    @tools.ormcache("calendar_id")
    def _cxm_calendar_pattern(self, calendar_id):
        """Weekly working hours of a simple calendar as (tz, {weekday: ((from, to), ...)}), or None when
        the calendar needs Odoo's full computation (two-week, flexible or duration-based)."""
        calendar = self.env["resource.calendar"].sudo().browse(calendar_id)
        if not calendar or calendar.two_weeks_calendar or calendar.flexible_hours or calendar.duration_based:
            return None
        pattern = {day: [] for day in range(7)}
        for att in calendar.attendance_ids:
            if att.display_type or att.day_period == "lunch":
                continue
            pattern[int(att.dayofweek)].append((att.hour_from, att.hour_to))
        return calendar.tz or "UTC", {day: tuple(sorted(v)) for day, v in pattern.items()}

    def _cxm_day_intervals(self, pattern, tz, day):
        midnight = datetime.combine(day, time())
        for hour_from, hour_to in pattern[day.weekday()]:
            yield (
                tz.localize(midnight + timedelta(hours=hour_from)),
                tz.localize(midnight + timedelta(hours=hour_to)),
            )

    def _cxm_work_hours(self, start, end):
        """Working hours between two naive UTC datetimes on the process calendar (leaves not counted)."""
        self.ensure_one()
        graph = self._cxm_graph(self.id)
        if not graph["calendar"]:
            return max((end - start).total_seconds() / 3600, 0.0)
        cached = self._cxm_calendar_pattern(graph["calendar"])
        if cached is None or (end - start).days > 366:
            calendar = self.env["resource.calendar"].sudo().browse(graph["calendar"])
            return calendar.get_work_hours_count(start, end, compute_leaves=False)
        tz = pytz.timezone(cached[0])
        s, e = pytz.utc.localize(start).astimezone(tz), pytz.utc.localize(end).astimezone(tz)
        first, last = s.date(), e.date()
        total, day = 0.0, first - timedelta(days=1)
        while day <= last:
            if first < day < last:
                # a whole day between start and end: its intervals count in full (memoised per day)
                total += _full_day_seconds(cached[0], cached[1][day.weekday()], day)
            else:
                for a, b in self._cxm_day_intervals(cached[1], tz, day):
                    overlap = (min(b, e) - max(a, s)).total_seconds()
                    if overlap > 0:
                        total += overlap
            day += timedelta(days=1)
        return total / 3600

    def _cxm_work_hours_many(self, starts, end):
        """``[self._cxm_work_hours(start, end) for start in starts]`` for records moved together (one
        end): the whole days between each start and the end are summed once for the batch, backwards
        from the end, and the local intervals of each day are worked out once."""
        self.ensure_one()
        graph = self._cxm_graph(self.id)
        cached = graph["calendar"] and self._cxm_calendar_pattern(graph["calendar"])
        if not cached or len(starts) < 2:
            return [self._cxm_work_hours(start, end) for start in starts]
        tz_name, pattern = cached
        tz = pytz.timezone(tz_name)
        e = pytz.utc.localize(end).astimezone(tz)
        last = e.date()
        day_intervals = {}  # local day: its intervals as aware datetimes
        whole_days = {last: 0.0}  # local day: working seconds of the whole days from it to the day before last

        def intervals(day):
            if day not in day_intervals:
                day_intervals[day] = tuple(self._cxm_day_intervals(pattern, tz, day))
            return day_intervals[day]

        def from_day(day):
            if day not in whole_days:
                todo, cursor = [], day
                while cursor not in whole_days:
                    todo.append(cursor)
                    cursor += timedelta(days=1)
                for d in reversed(todo):
                    whole_days[d] = whole_days[d + timedelta(days=1)] + _full_day_seconds(
                        tz_name, pattern[d.weekday()], d
                    )
            return whole_days[day]

        end_part = sum(max((min(b, e) - a).total_seconds(), 0.0) for a, b in intervals(last))
        result = []
        for start in starts:
            s = pytz.utc.localize(start).astimezone(tz)
            first = s.date()
            if first >= last or (end - start).days > 366:
                result.append(self._cxm_work_hours(start, end))
                continue
            start_part = sum(max((b - max(a, s)).total_seconds(), 0.0) for a, b in intervals(first))
            result.append((start_part + from_day(first + timedelta(days=1)) + end_part) / 3600)
        return result

    def _cxm_plan_hours(self, hours, start):
        """Naive UTC datetime when ``hours`` working hours after ``start`` have passed."""
        self.ensure_one()
        graph = self._cxm_graph(self.id)
        if not graph["calendar"]:
            return start + timedelta(hours=hours)
        cached = self._cxm_calendar_pattern(graph["calendar"])
        if cached is None:
            calendar = self.env["resource.calendar"].sudo().browse(graph["calendar"])
            deadline = calendar.plan_hours(hours, start, compute_leaves=False)
            return deadline.replace(tzinfo=None) if deadline else False
        tz = pytz.timezone(cached[0])
        s = pytz.utc.localize(start).astimezone(tz)
        remaining = hours * 3600
        day = s.date() - timedelta(days=1)
        for _i in range(740):
            for a, b in self._cxm_day_intervals(cached[1], tz, day):
                begin = max(a, s)
                length = (b - begin).total_seconds()
                if length <= 0:
                    continue
                if remaining <= length:
                    return (begin + timedelta(seconds=remaining)).astimezone(pytz.utc).replace(tzinfo=None)
                remaining -= length
            day += timedelta(days=1)
        return False

    def _cxm_deadline_for(self, status_id, start):
        """SLA deadline (naive UTC) for a record entering status ``status_id`` at ``start``, or False."""
        self.ensure_one()
        info = self._cxm_graph(self.id)["statuses"].get(status_id)
        if not info or not info["sla_hours"] or info["clock"] != "run" or info["closing"]:
            return False
        return self._cxm_plan_hours(info["sla_hours"], start)

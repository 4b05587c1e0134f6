# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendar(models.Model):
    # cxm.process caches the weekly pattern of calendars
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "cxm.process.design.cache"]


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "cxm.process.design.cache"]

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.cxm_integration.models.cxm_integration_instance import KINDS

SERVICE_KINDS = [
    ("design_training", "Design & customisation training"),
    ("enduser_training", "End-user training"),
    ("workshop", "Consultancy workshop"),
    ("integration", "Integration service"),
    ("support", "Support"),
]
PRICING_UNITS = [
    ("participant", "Per participant"),
    ("session", "Per session"),
    ("instance", "Per integration instance"),
    ("specialist_day", "Per specialist day"),
    ("fixed", "Fixed"),
]
# The unit of measure each pricing unit is sold in: Odoo's own UoM carries the
# unit onto quotations, invoices and reports.
UNIT_UOM = {
    "participant": "cxm_service_catalog.uom_participant",
    "session": "cxm_service_catalog.uom_session",
    "instance": "cxm_service_catalog.uom_instance",
    "specialist_day": "cxm_service_catalog.uom_specialist_day",
    "fixed": "uom.product_uom_unit",
}
TRAINING_KINDS = ("design_training", "enduser_training")
# Units delivered by sessions (Odoo events) linked to the sale line: sessions
# held, the specialist days worked in them, a fixed-price job done.
SESSION_UNITS = ("session", "specialist_day", "fixed")


class ProductTemplate(models.Model):
    _inherit = "product.template"

    cxm_service_kind = fields.Selection(SERVICE_KINDS, string="Service Kind", index=True)
    cxm_pricing_unit = fields.Selection(PRICING_UNITS, string="Pricing Unit", index=True)
    cxm_catalog_code = fields.Char(string="Catalogue Code", help="Item number in the published scope of service.")
    cxm_half_days = fields.Integer(string="Half-Days")
    cxm_full_days = fields.Integer(string="Full Days")
    cxm_hours = fields.Float(string="Hours")
    cxm_duration = fields.Char(string="Duration", compute="_compute_cxm_duration")
    cxm_delivery_mode = fields.Selection(
        [("online", "Online"), ("class", "In class"), ("on_site", "On site")], string="Delivery Mode"
    )
    cxm_prerequisites = fields.Text(string="Prerequisites", translate=True)
    cxm_deliverable_ids = fields.One2many("cxm.service.deliverable", "product_tmpl_id", string="Deliverables")
    cxm_integration_kind = fields.Selection(
        KINDS, string="Integration Kind", help="Kind of integration instance one unit of this service connects."
    )
    cxm_certification_survey_id = fields.Many2one(
        "survey.survey",
        string="Certification",
        domain=[("certification", "=", True)],
        help="Certification survey that closes the training.",
    )
    cxm_certificate_validity_months = fields.Integer(string="Certificate Validity (months)", default=24)
    cxm_published = fields.Boolean(string="On the Public Catalogue", default=True)

    @api.depends("cxm_half_days", "cxm_full_days", "cxm_hours")
    def _compute_cxm_duration(self):
        for tmpl in self:
            parts = []
            if tmpl.cxm_half_days:
                parts.append(self.env._("%(count)s half-days", count=tmpl.cxm_half_days))
            if tmpl.cxm_full_days:
                parts.append(
                    self.env._("%(count)s full days", count=tmpl.cxm_full_days)
                    if tmpl.cxm_full_days > 1
                    else self.env._("1 full day")
                )
            if tmpl.cxm_hours:
                parts.append(self.env._("%(count)s hours", count=f"{tmpl.cxm_hours:g}"))
            tmpl.cxm_duration = " + ".join(parts)

    @api.constrains("cxm_service_kind", "cxm_pricing_unit", "type", "uom_id")
    def _check_cxm_service(self):
        for tmpl in self:
            if not (tmpl.cxm_service_kind or tmpl.cxm_pricing_unit):
                continue
            if not (tmpl.cxm_service_kind and tmpl.cxm_pricing_unit):
                raise ValidationError(
                    self.env._(
                        "%(product)s: a catalogue service needs both a service kind and a pricing unit.",
                        product=tmpl.display_name,
                    )
                )
            if tmpl.type != "service":
                raise ValidationError(
                    self.env._(
                        "%(product)s: a catalogue service must be a product of type Service.", product=tmpl.display_name
                    )
                )
            expected = self.env.ref(UNIT_UOM[tmpl.cxm_pricing_unit])
            if tmpl.uom_id != expected:
                raise ValidationError(
                    self.env._(
                        "%(product)s is priced %(unit)s: its unit of measure must be %(uom)s, not %(wrong)s.",
                        product=tmpl.display_name,
                        unit=dict(self._fields["cxm_pricing_unit"]._description_selection(self.env))[
                            tmpl.cxm_pricing_unit
                        ].lower(),
                        uom=expected.name,
                        wrong=tmpl.uom_id.name,
                    )
                )

    @api.onchange("cxm_pricing_unit")
    def _onchange_cxm_pricing_unit(self):
        if self.cxm_pricing_unit:
            self.uom_id = self.env.ref(UNIT_UOM[self.cxm_pricing_unit])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cxm_default_uom(vals)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("cxm_pricing_unit") and "uom_id" not in vals:
            self._cxm_default_uom(vals)
        return super().write(vals)

    def _cxm_default_uom(self, vals):
        """A catalogue service is sold in its pricing unit unless told otherwise."""
        unit = vals.get("cxm_pricing_unit")
        if unit and "uom_id" not in vals:
            vals["uom_id"] = self.env.ref(UNIT_UOM[unit]).id
            vals.setdefault("type", "service")

    @api.model
    def _cxm_public_catalog(self):
        """What the public page shows: published catalogue services by kind and
        the upcoming, not cancelled training sessions. Read with sudo on a fixed
        domain (no id from the request), public fields only."""
        products = self.sudo().search(
            [("cxm_service_kind", "!=", False), ("cxm_published", "=", True), ("sale_ok", "=", True)],
            order="sequence, id",
        )
        kinds = dict(self._fields["cxm_service_kind"]._description_selection(self.env))
        units = dict(self._fields["cxm_pricing_unit"]._description_selection(self.env))
        modes = dict(self._fields["cxm_delivery_mode"]._description_selection(self.env))
        sections = []
        for kind, label in kinds.items():
            items = [
                {
                    "code": p.cxm_catalog_code or "",
                    "name": p.name,
                    "description": p.description_sale or "",
                    "unit": units.get(p.cxm_pricing_unit, ""),
                    "duration": p.cxm_duration or "",
                    "mode": modes.get(p.cxm_delivery_mode, ""),
                    "deliverables": p.cxm_deliverable_ids.mapped("name"),
                }
                for p in products
                if p.cxm_service_kind == kind
            ]
            if items:
                sections.append({"kind": kind, "label": label, "items": items})
        events = (
            self.env["event.event"]
            .sudo()
            .search(
                [
                    ("cxm_product_id.product_tmpl_id", "in", products.ids),
                    ("cxm_product_id.cxm_service_kind", "in", TRAINING_KINDS),
                    ("date_end", ">=", fields.Datetime.now()),
                    ("kanban_state", "!=", "cancel"),
                ],
                order="date_begin",
                limit=50,
            )
        )
        schedule = [
            {
                "name": e.name,
                "training": e.cxm_product_id.name,
                "begin": fields.Date.to_date(e.date_begin),
                "end": fields.Date.to_date(e.date_end),
                "seats": e.seats_available if e.seats_limited else None,
                "mode": modes.get(e.cxm_product_id.cxm_delivery_mode, ""),
            }
            for e in events
        ]
        return {"sections": sections, "schedule": schedule}

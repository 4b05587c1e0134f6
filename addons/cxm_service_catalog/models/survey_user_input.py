# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        res = super()._mark_done()
        self._cxm_issue_certificates()
        return res

    def _cxm_issue_certificates(self):
        """A passed certification of a training session issues the participant's
        certificate, if they may be certified (attendance rule of the session)."""
        passed = self.filtered(lambda ui: ui.survey_id.certification and ui.scoring_success and ui.partner_id)
        if not passed:
            return
        # sudo: the participant answering (often a portal user) cannot read the
        # registrations; they are looked up by the survey and the partner of an
        # answer Odoo's survey controller has already authenticated by token.
        registrations = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("event_id.cxm_certification_survey_id", "in", passed.survey_id.ids),
                    ("cxm_participant_id", "in", passed.partner_id.ids),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        vals = []
        for answer in passed:
            for reg in registrations.filtered(
                lambda r, a=answer: (
                    r.event_id.cxm_certification_survey_id == a.survey_id
                    and r.cxm_participant_id == a.partner_id
                    and r.cxm_may_certify
                    and not r.cxm_certificate_ids
                )
            ):
                product = reg.event_id.cxm_product_id
                date = fields.Date.context_today(self)
                vals.append(
                    {
                        "partner_id": answer.partner_id.id,
                        "product_id": product.id,
                        "event_id": reg.event_id.id,
                        "registration_id": reg.id,
                        "user_input_id": answer.id,
                        "date": date,
                        "score": answer.scoring_percentage,
                        "expiry_date": self.env["cxm.certificate"]._cxm_expiry(product, date),
                        "company_id": reg.event_id.company_id.id or self.env.company.id,
                    }
                )
        if vals:
            self.env["cxm.certificate"].sudo().create(vals)

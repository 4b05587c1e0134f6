# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http

from odoo.addons.mass_mailing.controllers.main import MassMailController
from odoo.addons.mass_mailing_sms.controllers.main import MailingSMSController


class CxmConsentMassMailController(MassMailController):
    """Unsubscribe links of e-mail mailings withdraw the e-mail consent (a refusal event in the ledger).
    Authentication stays the stock one: the routes check the mailing's recipient token before these
    helpers run."""

    def _mailing_unsubscribe_from_list(self, mailing, document_id, email, hash_token):
        mailing._cxm_consent_withdraw("email", email, document_id)
        return super()._mailing_unsubscribe_from_list(mailing, document_id, email, hash_token)

    def _mailing_unsubscribe_from_document(self, mailing, document_id, email, hash_token):
        mailing._cxm_consent_withdraw("email", email, document_id)
        return super()._mailing_unsubscribe_from_document(mailing, document_id, email, hash_token)


class CxmConsentMailingSMSController(MailingSMSController):
    """The SMS unsubscribe page withdraws the SMS consent of the number (auth: the trace code of the SMS
    the number received, checked as the stock route does)."""

    @http.route()
    def blacklist_number(self, mailing_id, trace_code, **post):
        number = (post.get("sms_number") or "").strip(" ")
        check = self._check_trace(mailing_id, trace_code)
        trace = check.get("trace") and check["trace"].filtered(lambda t: t.sms_number == number)[:1]
        if number and trace:
            # sudo: the trace code authenticated the recipient of this mailing's SMS to this number
            trace.mass_mailing_id.sudo()._cxm_consent_withdraw("sms", number, trace.res_id)
        return super().blacklist_number(mailing_id, trace_code, **post)

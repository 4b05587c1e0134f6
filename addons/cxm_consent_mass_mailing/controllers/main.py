# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.mass_mailing.controllers.main import MassMailController
from odoo.addons.mass_mailing_sms.controllers.main import MailingSMSController


class CxmConsentMassMailController(MassMailController):
    """The stock subscription page of e-mail mailings, kept as it is, with the consent ledger following
    the recipient's choices:

    * the unsubscribe link of a mailing sent to documents blocklists the address: the e-mail consent is
      withdrawn (a refusal event);
    * the unsubscribe link of a mailing sent to lists only leaves those lists (stock); the page then
      offers "exclude me" from every mailing, which withdraws the consent;
    * taking the address off the blocklist on that page records the recipient's approval (source web).

    Authentication stays the stock one: the routes check the mailing's recipient token (or the signed-in
    user) before the ledger is written; the stock blocklist is written first, so its history reads as
    without the suite."""

    def _mailing_unsubscribe_from_document(self, mailing, document_id, email, hash_token):
        response = super()._mailing_unsubscribe_from_document(mailing, document_id, email, hash_token)
        mailing._cxm_consent_withdraw("email", email, document_id)
        return response

    @http.route()
    def mail_blocklist_add(self, mailing_id=None, document_id=None, email=None, hash_token=None):
        result = super().mail_blocklist_add(
            mailing_id=mailing_id, document_id=document_id, email=email, hash_token=hash_token
        )
        if result is True:
            self._cxm_consent_from_page("refuse", mailing_id, document_id, email, hash_token)
        return result

    @http.route()
    def mail_blocklist_remove(self, mailing_id=None, document_id=None, email=None, hash_token=None):
        result = super().mail_blocklist_remove(
            mailing_id=mailing_id, document_id=document_id, email=email, hash_token=hash_token
        )
        if result is True:
            self._cxm_consent_from_page("approve", mailing_id, document_id, email, hash_token)
        return result

    def _cxm_consent_from_page(self, status, mailing_id, document_id, email, hash_token):
        """Record the choice the stock route accepted (it checked the token or the signed-in user)."""
        email_found, token_found = self._fetch_user_information(email, hash_token)
        # the token covers (mailing, document, e-mail); without one, the page is the signed-in user's own
        # (their e-mail), so the event is theirs, whatever document id the request names
        partner = None if token_found else request.env.user.partner_id
        # sudo: the stock route has just authenticated the recipient of this mailing
        Mailing = request.env["mailing.mailing"].sudo()
        mailing = Mailing.browse(int(mailing_id)).exists() if str(mailing_id or "").isdigit() else Mailing
        if status == "refuse":
            evidence = request.env._("Excluded from every mailing on the subscription page")
        else:
            evidence = request.env._("Taken off the blocklist on the subscription page")
        if mailing:
            evidence = f"{evidence}: {mailing.subject or mailing.name}"
        mailing._cxm_consent_from_recipient(
            "email", email_found, status, document_id if token_found else None, partner=partner, evidence=evidence
        )


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

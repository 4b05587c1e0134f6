# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models

from ..tools.sms_api import SmsApiCxm
from ..tools.twilio import CxmSmsApiTwilio


class SmsSms(models.Model):
    _inherit = "sms.sms"

    cxm_instance_id = fields.Many2one(
        "cxm.integration.instance",
        string="SMS Instance",
        index="btree_not_null",
        help="Instance this SMS goes out through (the one the conversation came in on); empty: the company's default.",
    )

    def _cxm_sms_instance(self):
        self.ensure_one()
        if self.cxm_instance_id:
            return self.cxm_instance_id
        company = self._get_sms_company()
        return company.cxm_sms_instance_id if company.sms_provider == "cxm" else self.cxm_instance_id

    def _split_by_api(self):
        """SMS of CXM instances (Netgsm, Vonage, generic) go through their
        instance; Twilio, Odoo IAP and the rest keep Odoo's split by company."""
        by_instance = defaultdict(self.browse)
        rest = self.browse()
        for sms in self:
            instance = sms._cxm_sms_instance()
            if instance and (instance.sms_provider != "twilio" or sms.cxm_instance_id):
                by_instance[instance] |= sms
            else:
                rest |= sms
        for instance, group in by_instance.items():
            if instance.sms_provider == "twilio":  # a conversation on a Twilio instance: sms_twilio's API
                api = CxmSmsApiTwilio(self.env)
                api._set_company(instance.company_id)
                api.instance = instance
            else:
                api = SmsApiCxm(self.env, instance=instance)
            yield api, group
        if rest:
            yield from super(SmsSms, rest)._split_by_api()

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        # the SMS cron sends a batch with the company's API class: split it by instance first
        if self.env.context.get("sms_api") or not self:
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception)
        for sms_api, group in self._split_by_api():
            super(SmsSms, group.with_context(sms_api=sms_api))._send(
                unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception
            )
        return True

    def _handle_call_result_hook(self, results):
        """Keep the provider's message id and the instance on the tracker (the SMS itself is deleted once sent)."""
        by_uuid = self.grouped("uuid")
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            if not sms or not sms.sms_tracker_id:
                continue
            instance = sms._cxm_sms_instance()
            if not instance or (instance.sms_provider == "twilio" and not sms.cxm_instance_id):
                continue
            values = {"cxm_instance_id": instance.id}
            ref = result.get("ref") or result.get("sms_twilio_sid")
            if ref:
                values.update(cxm_provider_ref=ref, cxm_state="pending")
            sms.sms_tracker_id.write(values)
        return super()._handle_call_result_hook(results)

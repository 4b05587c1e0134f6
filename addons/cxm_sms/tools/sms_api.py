# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sms framework's API class for SMS sent through a CXM instance
(Netgsm, Vonage, generic HTTP): Odoo's ``sms.sms`` queue, states, failure
types and notifications stay as they are; only the provider call differs."""

import requests

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .provider import PROVIDERS


class SmsApiCxm(SmsApiBase):
    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "sms_acc": "sms_acc",
        "sms_credit": "sms_credit",
    }

    def __init__(self, env, account=None, instance=None):
        super().__init__(env, account=account)
        self.instance = instance

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """Send each number of each message; results carry the provider's
        message reference (``ref``), stored on the SMS tracker."""
        provider = PROVIDERS[self.instance.sms_provider](self.instance)
        session = requests.Session()
        results = []
        for message in messages:
            body = message.get("content") or ""
            for number_info in message.get("numbers") or []:
                if not number_info.get("number"):
                    results.append({"uuid": number_info["uuid"], "state": "sms_number_missing"})
                    continue
                result = provider.send(session, number_info["number"], body, number_info["uuid"])
                if result.get("failure_reason"):
                    result["failure_reason"] = str(result["failure_reason"])
                results.append(result)
        return results

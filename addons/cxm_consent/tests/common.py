# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import new_test_user

from odoo.addons.cxm_sms.tests.common import SmsCommon


class ConsentCommon(SmsCommon):
    """The SMS instances of the cxm_sms tests (the fake providers speak the real protocols), agents of
    each role and a customer with a Turkish mobile number and an e-mail address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(
            cls.env, "consent_supervisor", groups="base.group_user,cxm_base.group_cxm_supervisor"
        )
        cls.manager = new_test_user(cls.env, "consent_manager", groups="base.group_user,cxm_base.group_cxm_manager")
        cls.env.company.write({"sms_provider": "cxm", "cxm_sms_instance_id": cls.netgsm.id})

    def record(self, status, channel="sms", address=None, partner=None, source="HS_WEB", **extra):
        partner = partner or self.customer
        return self.env["cxm.consent.event"]._cxm_record(
            [
                dict(
                    {
                        "partner_id": partner.id,
                        "channel": channel,
                        "address": address or (partner.email if channel == "email" else partner.phone),
                        "status": status,
                        "source": source,
                    },
                    **extra,
                )
            ]
        )

    def allowed(self, channel, addresses):
        return self.env["cxm.consent.state"]._cxm_allowed(channel, addresses)


def code_in(text):
    """The six-digit code of a consent SMS."""
    found = re.search(r"\b(\d{6})\b", text or "")
    return found and found.group(1)

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.cxm_sms.tests.fake_providers import FakeNetgsm

from .common import NUMBERS, MailingCommon


@tagged("post_install", "-at_install")
class TestMassMailing(MailingCommon):
    """Campaigns reach only consenting customers at send time; the mailing says how many it left out and
    why."""

    def test_sms_campaign_reaches_only_consenting_numbers(self):
        first, second, _third = self.customers
        self.record("approve", partner=first)
        self.record("approve", partner=second)
        self.record("refuse", partner=second)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            mailing, received = self.send_sms_campaign(fake)
        self.assertEqual(received, {NUMBERS[0]}, "withdrawn and never-consented numbers get nothing")
        self.assertEqual(mailing.cxm_consent_refused_count, 1)
        self.assertEqual(mailing.cxm_consent_unknown_count, 1)
        self.assertEqual(mailing.cxm_consent_excluded_count, 2)
        traces = mailing.mailing_trace_ids
        self.assertEqual(len(traces), 3, "every recipient is accounted for")
        excluded = traces.filtered(lambda t: t.trace_status == "cancel")
        self.assertEqual(set(excluded.mapped("sms_number")), set(NUMBERS[1:]))
        # the refusal also reached phone.blacklist, which the stock rule applies first
        self.assertEqual(
            {t.sms_number: t.failure_type for t in excluded},
            {NUMBERS[1]: "sms_blacklist", NUMBERS[2]: "sms_consent"},
        )
        action = mailing.action_view_cxm_consent_excluded()
        self.assertEqual(self.env["mailing.trace"].search(action["domain"]).sms_number, NUMBERS[2])

    def test_email_campaign_reaches_only_consenting_addresses(self):
        first, second, third = self.customers
        self.record("approve", channel="email", partner=first)
        self.record("refuse", channel="email", partner=second)
        self.record("approve", partner=third)  # an SMS consent is no e-mail consent
        mailing = self.mailing("mail")
        mailing.action_send_mail()
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(mails.recipient_ids, first, "only the consenting customer gets an e-mail")
        self.assertEqual(mailing.cxm_consent_refused_count, 1)
        self.assertEqual(mailing.cxm_consent_unknown_count, 1)
        cancelled = mailing.mailing_trace_ids.filtered(lambda t: t.trace_status == "cancel")
        self.assertEqual(
            {t.email: t.failure_type for t in cancelled},
            {"musteri1@example.com": "mail_bl", "musteri2@example.com": "mail_consent"},
        )

    def test_opt_out_rules_reach_addresses_never_asked_but_not_withdrawn_ones(self):
        """With the setting for opt-out rules, new campaigns reach addresses never asked; a withdrawal
        still keeps its address out (through the blocklist the ledger feeds). The setting is only a
        default: a manager may still require consent on one mailing."""
        first, second, third = self.customers
        self.record("approve", channel="email", partner=first)
        self.record("refuse", channel="email", partner=second)
        settings = self.env["res.config.settings"].create({"cxm_campaigns_without_consent": True})
        settings.execute()
        mailing = self.mailing("mail")
        self.assertFalse(mailing.cxm_consent_required)
        mailing.action_send_mail()
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(mails.recipient_ids, first | third, "never asked: reached; withdrawn: not")
        self.assertEqual(
            {t.email: t.failure_type for t in mailing.mailing_trace_ids.filtered(lambda t: t.trace_status == "cancel")},
            {"musteri1@example.com": "mail_bl"},
        )
        strict = self.mailing("mail")
        strict.cxm_consent_required = True
        strict.action_send_mail()
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", strict.id)])
        self.assertEqual(mails.recipient_ids, first)
        self.env["res.config.settings"].create({"cxm_campaigns_without_consent": False}).execute()
        self.assertTrue(self.mailing("mail").cxm_consent_required, "the default is back")

    def test_consent_checked_at_send_time_not_at_creation(self):
        first = self.customers[0]
        self.record("approve", partner=first)
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            mailing = self.mailing("sms", first)
            self.record("refuse", partner=first, source="HS_MESAJ")
            mailing.action_send_sms()
            self.send_queue()
            self.assertFalse(fake.jobs, "withdrawn after the campaign was prepared: nothing sent")

    def test_service_notice_without_consent_when_a_manager_says_so(self):
        with FakeNetgsm() as fake:
            self.netgsm.base_url = fake.url
            mailing = self.mailing("sms")
            mailing.cxm_consent_required = False
            mailing.action_send_sms()
            self.send_queue()
            self.assertEqual(len(fake.jobs), 3)
        self.assertFalse(mailing.cxm_consent_excluded_count)

    def test_a_marketing_user_duplicates_a_mailing_and_consent_is_required_again(self):
        """A mass-mailing user (no customer-experience rights) duplicates a service notice a manager had
        freed from consent: the copy requires consent again."""
        marketer = new_test_user(self.env, "marketer", groups="mass_mailing.group_mass_mailing_user")
        notice = self.mailing("mail")
        notice.cxm_consent_required = False
        copy = notice.with_user(marketer).copy()
        self.assertTrue(copy.sudo().cxm_consent_required)
        with self.assertRaises(AccessError):
            copy.with_user(marketer).write({"cxm_consent_required": False})

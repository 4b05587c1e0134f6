# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.cxm_base.tools import internal

_logger = logging.getLogger(__name__)

#: demo customers' answers
ANSWERS = [
    (5, "Fast and friendly, thank you."),
    (4, "Solved, but it took two calls."),
    (1, "The replacement arrived broken again."),
]


#: channels where the customer answers the rating request with a one-digit reply (chat: bots)
REPLY_KINDS = ("sms", "whatsapp", "chat")


class HelpdeskTicket(models.Model):
    """The rating request goes out on the ticket's channel; one answer per ticket counts; a low rating
    fires the process's 'On low rating' transitions."""

    _inherit = "helpdesk.ticket"

    cxm_rating_value = fields.Float(
        string="Rating (1-5)", compute="_compute_cxm_rating", store=True, aggregator="avg", readonly=True
    )
    cxm_rating_feedback = fields.Text(string="Rating Comment", compute="_compute_cxm_rating", store=True)

    @api.depends("rating_ids.rating", "rating_ids.consumed", "rating_ids.feedback")
    def _compute_cxm_rating(self):
        ratings = (
            self.env["rating.rating"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids), ("consumed", "=", True)], order="id")
        )
        by_ticket = {rating.res_id: rating for rating in ratings}
        for ticket in self:
            rating = by_ticket.get(ticket.id)
            ticket.cxm_rating_value = rating.rating if rating else 0.0
            ticket.cxm_rating_feedback = rating.feedback if rating else False

    # ------------------------------------------------------------------ request
    def _send_ticket_rating_mail(self, force_send=False):
        """helpdesk_mgmt_rating's request on entering a stage with a rating template: on the ticket's
        channel instead of always by e-mail."""
        self._cxm_csat_request(force_send=force_send)

    def _cxm_run_actions(self, transition, comment):
        res = super()._cxm_run_actions(transition, comment)
        if transition.cxm_request_rating:
            self._cxm_csat_request()
        return res

    def _cxm_csat_request(self, force_send=False):
        """Ask each ticket's customer for a rating, once per ticket: a 1-5 reply on SMS/WhatsApp when the
        ticket talks there (falling back to e-mail when the channel refuses, e.g. a closed WhatsApp window),
        else helpdesk_mgmt_rating's e-mail with the rating links."""
        Rating = self.env["rating.rating"].sudo()
        for ticket in self:
            customer = ticket.partner_id
            if not customer or ticket.rating_status == "no_rate":
                continue
            answered = Rating.search_count(
                [("res_model", "=", ticket._name), ("res_id", "=", ticket.id), ("consumed", "=", True)], limit=1
            )
            if answered:
                continue  # one answer per ticket counts: it is not asked again
            instance = ticket.cxm_reply_instance_id
            refusal = None
            if instance.kind in REPLY_KINDS:
                try:
                    with self.env.cr.savepoint():
                        ticket._cxm_csat_send_on_channel()
                    continue
                except UserError as exc:
                    refusal = exc.args[0]
            # helpdesk_mgmt_rating's e-mail (also a notification for customers who use the portal)
            template = ticket.stage_id.rating_mail_template_id or self.env.ref(
                "helpdesk_mgmt_rating.rating_ticket_email_template"
            )
            ticket.rating_send_request(template, lang=customer.lang, force_send=force_send)
            ticket._cxm_csat_mark_request(instance=False)
            if refusal:
                ticket.message_post(
                    body=self.env._("Rating request sent by e-mail instead: %(reason)s", reason=refusal),
                    subtype_xmlid="mail.mt_note",
                )

    def _cxm_csat_mark_request(self, instance, address=False):
        token = self._rating_get_access_token()
        rating = self.env["rating.rating"].sudo().search([("access_token", "=", token)], limit=1)
        rating.write(
            {
                "cxm_request_instance_id": instance.id if instance else False,
                "cxm_request_date": fields.Datetime.now(),
                "cxm_request_address": address,
            }
        )
        return rating

    def _cxm_csat_send_on_channel(self):
        self.ensure_one()
        instance = self.cxm_reply_instance_id
        rating = self._cxm_csat_mark_request(instance, self._cxm_reply_address())
        lang = self.partner_id.lang or self.env.lang
        text = self.with_context(lang=lang).env._(
            "How did we do with your request %(ticket)s? Reply with a number from 1 (very bad) to 5 (very good), "
            "or rate us here: %(link)s",
            ticket=self.number or self.display_name,
            link=f"{self.get_base_url()}/rate/{rating.access_token}/3",
        )
        self._cxm_channel_send_text(text, kind="rating_request")

    # ------------------------------------------------------------------ answer
    def rating_apply(  # noqa: PLR0917 (mail.thread's signature)
        self, rate, token=None, rating=None, feedback=None, subtype_xmlid=None, notify_delay_send=False
    ):
        """Only the customer rates: the rating page and the channel reply call this as the server, after
        their own check of the token or the sender; nobody else can, whatever they send. The first answer
        counts: a replayed or later answer changes nothing."""
        if not self.env.su:
            raise AccessError(self.env._("Only the customer can rate a ticket."))
        if token:
            rating = self.env["rating.rating"].search([("access_token", "=", token)], limit=1)
            token = None
        if rating and rating.consumed:
            _logger.info("Rating %s of %s already answered: the new answer is ignored", rating.id, self.display_name)
            return rating
        rating = super().rating_apply(
            rate,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if not rating.cxm_answer_channel:
            rating.cxm_answer_channel = "link"
        self._cxm_on_low_rating(rate)
        return rating

    def _cxm_on_low_rating(self, rate):
        """Fire the process's 'On low rating' transition from the current status (as the system)."""
        for ticket in self.filtered("cxm_status_id"):
            process = ticket.cxm_process_id
            if process.state != "active":
                continue
            transition = process.transition_ids.filtered(
                lambda t, tk=ticket: (
                    t.trigger == "low_rating" and tk.cxm_status_id in t.from_status_ids and rate <= t.cxm_rating_max
                )
            )[:1]
            if transition:
                ticket.with_context(cxm_automatic=internal()).cxm_fire_transition(transition.id)

    # ------------------------------------------------------------------ demo
    @api.model
    def _cxm_csat_demo(self):
        """Demo data: rating request and low-rating reopening in the demo complaint process, and answers."""
        complaint = self.env.ref("cxm_process.process_complaint_demo")
        accept = complaint.transition_ids.filtered(lambda t: t.name == "Solution accepted")
        start = complaint.transition_ids.filtered(lambda t: t.name == "Start work")
        accept.cxm_request_rating = True
        self.env["cxm.process.transition"].create(
            {
                "process_id": complaint.id,
                "name": "Reopen on low rating",
                "sequence": 90,
                "from_status_ids": [(6, 0, accept.to_status_id.ids)],
                "to_status_id": start.to_status_id.id,
                "trigger": "low_rating",
                "cxm_rating_max": 2,
                "notify_followers": True,
            }
        )
        solved = self.search(
            [("cxm_process_id", "=", complaint.id), ("cxm_status_id", "=", accept.to_status_id.id)], order="id"
        ).filtered(lambda t: t.partner_id.email)
        for ticket, (score, comment) in zip(solved, ANSWERS, strict=False):
            ticket._cxm_csat_request()
            rating = ticket.rating_ids.filtered(lambda r: not r.consumed)[:1]
            ticket.sudo().rating_apply(score, rating=rating, feedback=comment)
        return True

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

TITLE_LENGTH = 60
HANDLE_PREFIX = "bot-"


class CxmIntegrationInstance(models.Model):
    """What the chatbot REST API does on behalf of an external chatbot (an instance of kind *Chat / bot*).

    A bot sees a customer only after identifying them (phone, e-mail or its own key for them): the answer
    is a *customer handle*, an external key of the customer at this instance (``cxm.partner.identity`` with
    this instance as source). Every other call names that handle, and sees only that customer's tickets in
    the instance's company; unknown and foreign handles or tickets alike are not found (no leak on id
    sweeps)."""

    _inherit = "cxm.integration.instance"

    def _cxm_bot_env(self):
        """Superuser environment in the instance's company: the API key authenticated the instance, and
        each method below restricts itself to the customer the bot identified."""
        return self.env(su=True, context=dict(self.env.context, allowed_company_ids=[self.company_id.id]))

    # ------------------------------------------------------------------ customers
    def _cxm_bot_identify(self, phone=None, email=None, external_key=None, name=None, create=False):
        """``(partner, handle, created)`` of the customer the identity look-up finds by ``phone``, ``email``
        or this instance's ``external_key``; with ``create``, a new customer when none is found.
        ``(empty, None, False)`` when unknown."""
        self.ensure_one()
        env = self._cxm_bot_env()
        Partner = env["res.partner"]
        entry = {"phone": phone, "email": email}
        if external_key:
            entry.update(external_key=external_key, source=self.id)
        matches = env["cxm.partner.identity"].cxm_lookup([entry])[0]
        created = False
        if matches:
            own = [m for m in matches if m["key_type"] == "external"] if external_key else []
            partner = Partner.browse(min(m["partner_id"] for m in own or matches))
        elif create:
            partner = Partner.create(
                {
                    "name": name or email or phone or external_key,
                    "email": email or False,
                    "phone": phone or False,
                    "cxm_created_channel_id": self._cxm_channel_channel().id,
                }
            )
            created = True
        else:
            return Partner, None, False
        return partner, self._cxm_bot_handle(partner, external_key), created

    def _cxm_bot_handle(self, partner, external_key=None):
        """The customer's key at this instance: ``external_key`` when the bot gave one (and it is not
        another customer's), else the key it has (made at random the first time)."""
        Identity = self._cxm_bot_env()["cxm.partner.identity"]
        mine = [("key_type", "=", "external"), ("source_id", "=", self.id)]
        if external_key:
            identity = Identity.search([*mine, ("value", "=", external_key.strip())], limit=1)
            if identity.partner_id == partner:
                return identity.value
            if not identity:
                return Identity.create({"partner_id": partner.id, "value": external_key, "source_id": self.id}).value
        identity = Identity.search([*mine, ("partner_id", "=", partner.id)], order="id", limit=1)
        if identity:
            return identity.value
        value = HANDLE_PREFIX + secrets.token_urlsafe(16)
        return Identity.create({"partner_id": partner.id, "value": value, "source_id": self.id}).value

    def _cxm_bot_customer(self, handle):
        """The customer of ``handle`` at this instance (empty when unknown or another instance's)."""
        self.ensure_one()
        identity = self._cxm_bot_env()["cxm.partner.identity"].search(
            [("key_type", "=", "external"), ("source_id", "=", self.id), ("value", "=", handle.strip())], limit=1
        )
        partner = identity.partner_id
        if partner and partner.company_id and partner.company_id != self.company_id:
            return partner.browse()
        return partner

    # ------------------------------------------------------------------ tickets
    def _cxm_bot_tickets(self, partner, number=None, open_only=True):
        """The customer's tickets in this instance's company (one by ``number``)."""
        self.ensure_one()
        domain = [("partner_id", "=", partner.id), ("company_id", "=", self.company_id.id)]
        if number is not None:
            domain.append(("number", "=", number))
        elif open_only:
            domain.append(("stage_id.closed", "=", False))
        return self._cxm_bot_env()["helpdesk.ticket"].search(domain, order="create_date desc, id desc", limit=50)

    def _cxm_bot_open_ticket(self, partner, subject, text, transcript=None):
        """A new ticket of the customer on this instance's channel, team and category (routing rules)."""
        self.ensure_one()
        text = (text or "").strip()
        body = text + (f"\n\n{transcript.strip()}" if transcript and transcript.strip() else "")
        if not text:
            raise UserError(self.env._("The request's text is empty."))
        title = (subject or "").strip() or text.splitlines()[0].strip()[:TITLE_LENGTH] or text[:TITLE_LENGTH]
        vals = {
            "name": title,
            "description": plaintext2html(body),
            "partner_id": partner.id,
            "channel_id": self._cxm_channel_channel().id,
            "company_id": self.company_id.id,
            "category_id": self.cxm_category_id.id or False,
        }
        if self.cxm_team_id:
            vals["team_id"] = self.cxm_team_id.id
        return self._cxm_bot_env()["helpdesk.ticket"].create(vals)

    def _cxm_bot_idempotent(self, key, operation):
        """Run ``operation()`` once per idempotency ``key`` of this instance: a replay gets the first
        answer back (``(answer, True)``), the first call ``(operation(), False)``."""
        self.ensure_one()
        Ledger = self._cxm_bot_env()["cxm.integration.event"]
        event, first = Ledger._claim(self, f"chatbot:{key}", "chatbot")
        if not first:
            return event._get_result(), True
        result = operation()
        event._set_result(result)
        return result, False

    def _cxm_bot_close(self, ticket):
        """Close ``ticket`` as this instance's technical user; UserError when the process does not allow."""
        self.ensure_one()
        if not self.user_id:
            raise UserError(self.env._("The integration instance has no technical user."))
        return ticket._cxm_bot_close(self.user_id)

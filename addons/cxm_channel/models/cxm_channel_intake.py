# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import logging
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, plaintext2html

from odoo.addons.queue_job.exception import RetryableJobError

_logger = logging.getLogger(__name__)

BATCH = 200
GATHER_SECONDS = 1  # a new intake job waits this long for the rest of a burst
MAX_TEXT = 65536
MAX_ITEMS = 1000
TITLE_LENGTH = 60
#: what an item may tell about a sender known by an external key, to find or create the customer
IDENTITY_HINTS = {"email", "phone"}


class CxmChannelIntake(models.AbstractModel):
    """Inbound side of the conversation layer: records messages from a webhook (idempotently, fast) and
    puts them on their customer's ticket in a queue job, set-based."""

    _name = "cxm.channel.intake"
    _description = "Channel message intake"

    # ------------------------------------------------------------ webhook side
    @api.model
    def _cxm_receive(self, instance, items):
        """Record inbound messages of ``instance`` and schedule their processing. Each item:
        ``{"external_id", "address", "name"?, "text"?, "kind"?, "timestamp"? (unix or datetime),
        "attachments"? [{"ref"|"data" (base64), "name", "mimetype"}], "extra"? {...}}``.
        Return one ``{"external_id", "status": "accepted"|"duplicate", "message_id"}`` per item.
        Raise ``ValueError`` for a malformed item (nothing recorded)."""
        items = [self._cxm_clean(item) for item in items[: MAX_ITEMS + 1]]
        if len(items) > MAX_ITEMS:
            raise ValueError(f"at most {MAX_ITEMS} messages per call")
        Ledger = self.env["cxm.integration.event"].sudo()  # the authenticated instance's ledger
        channel = instance._cxm_channel_channel()
        results, rows = [], []
        for item in items:
            event, first = Ledger._claim(instance, "msg:" + item["external_id"], "message")
            if not first:
                results.append({"external_id": item["external_id"], "status": "duplicate", "event_id": event.id})
                continue
            rows.append((item, event))
            results.append({"external_id": item["external_id"], "status": "accepted", "event_id": event.id})
        if rows:
            # sudo: the webhook authenticated the instance; these rows are its own messages
            self.env["cxm.channel.message"].sudo().create(
                [
                    {
                        "instance_id": instance.id,
                        "channel_id": channel.id,
                        "direction": "in",
                        "state": "pending",
                        "address": item["address"],
                        "external_id": item["external_id"],
                        "event_id": event.id,
                        "kind": item["kind"],
                        "body": item["text"],
                        "date": item["date"],
                        "payload": json.dumps(
                            {
                                "name": item["name"],
                                "attachments": item["attachments"],
                                "extra": item["extra"],
                                "hints": item["hints"],
                            }
                        ),
                    }
                    for item, event in rows
                ]
            )
            self._cxm_schedule(instance)
        return results

    @api.model
    def _cxm_clean(self, item):
        if not isinstance(item, dict):
            raise ValueError("a message must be an object")
        external_id, address = item.get("external_id"), item.get("address")
        for name, value in (("external_id", external_id), ("address", address)):
            if not isinstance(value, str) or not value.strip() or len(value) > 255:
                raise ValueError(f"{name} must be a non-empty string of at most 255 characters")
            if "\x00" in value:
                raise ValueError(f"{name} may not contain NUL characters")
        text = item.get("text") or ""
        if not isinstance(text, str) or "\x00" in text:
            raise ValueError("text must be a string without NUL characters")
        stamp = item.get("timestamp")
        if isinstance(stamp, datetime):
            date = stamp.replace(tzinfo=None)
        elif stamp not in (None, ""):
            try:
                date = datetime.fromtimestamp(int(stamp), UTC).replace(tzinfo=None)
            except (TypeError, ValueError, OverflowError, OSError):
                raise ValueError("timestamp must be a unix time") from None
        else:
            date = fields.Datetime.now()
        attachments = item.get("attachments") or []
        if not isinstance(attachments, list) or not all(isinstance(a, dict) for a in attachments):
            raise ValueError("attachments must be a list of objects")
        hints = item.get("hints") or {}
        if not isinstance(hints, dict) or set(hints) - IDENTITY_HINTS:
            raise ValueError("hints may only give " + ", ".join(sorted(IDENTITY_HINTS)))
        for name, value in hints.items():
            if value is not None and (not isinstance(value, str) or len(value) > 255 or "\x00" in value):
                raise ValueError(f"hints.{name} must be a string of at most 255 characters")
        return {
            "external_id": external_id.strip(),
            "address": address.strip(),
            "name": (item.get("name") or "")[:128] if isinstance(item.get("name"), str) else "",
            "text": text[:MAX_TEXT],
            "kind": str(item.get("kind") or "text")[:32],
            "date": date,
            "attachments": attachments,
            "extra": item.get("extra") or {},
            "hints": {name: value.strip() for name, value in hints.items() if value and value.strip()},
        }

    @api.model
    def _cxm_schedule(self, instance):
        """One waiting intake job per instance takes every pending message; it starts a moment later, so a
        burst of one-message deliveries is one batch (a batch of 10 costs a fifth of 10 single ones)."""
        self.with_delay(
            eta=GATHER_SECONDS,
            channel="root.cxm_channel",
            description=f"Channel intake ({instance.code})",
            identity_key=f"cxm-channel-intake-{instance.id}",
            max_retries=0,
        )._cxm_drain(instance)

    # ------------------------------------------------------------------ job side
    @api.model
    def _cxm_drain(self, instance):
        """Queue job: put every pending message of ``instance`` on its ticket, in batches. One job per
        instance at a time (a second one waits and retries), so a new customer writing twice never gets
        two partners or two tickets."""
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", 7_110_011, instance.id))
        if not self.env.cr.fetchone()[0]:
            raise RetryableJobError("another intake job of this instance is running", seconds=2, ignore_retry=True)
        try:
            # the job's snapshot was taken before the lock: if the previous intake job committed in between,
            # the messages it put on tickets still look pending here. Locking them tells (PostgreSQL refuses
            # rows changed since the snapshot), and the job starts again on a fresh snapshot.
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM cxm_channel_message WHERE instance_id = %s AND state = 'pending' FOR UPDATE",
                        instance.id,
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.SerializationFailure:
            raise RetryableJobError("the previous intake job just committed", seconds=1, ignore_retry=True) from None
        env = self.env(su=True, context=dict(self.env.context, allowed_company_ids=[instance.company_id.id]))
        Message = env["cxm.channel.message"]
        done = 0
        while True:
            batch = Message.search(
                [("instance_id", "=", instance.id), ("state", "=", "pending")], order="id", limit=BATCH
            )
            if not batch:
                break
            env["cxm.channel.intake"]._cxm_process(instance.with_env(env), batch)
            done += len(batch)
        return f"{done} messages processed"

    @api.model
    def _cxm_cron_pending(self):
        """Safety net: pending messages left by a job that ended before they were committed."""
        limit = fields.Datetime.now() - timedelta(minutes=1)
        groups = self.env["cxm.channel.message"]._read_group(
            [("state", "=", "pending"), ("create_date", "<", limit)], ["instance_id"]
        )
        for (instance,) in groups:
            self._cxm_schedule(instance)

    @api.model
    def _cxm_process(self, instance, messages):
        """Identity, threading and posting of a batch of pending messages (as superuser, in the instance's
        company: the provider's signature authenticated them). Set-based: one look-up, one ticket
        creation and one message creation for the whole batch."""
        adapter = instance._cxm_channel_adapter()
        channel = instance._cxm_channel_channel()
        partners = self._cxm_identify(instance, adapter, channel, messages)
        tickets, new_tickets = self._cxm_thread(instance, channel, messages, partners)
        values_list, posted = [], []
        for message in messages:
            ticket = tickets[self._cxm_thread_key(instance, message)]
            # only attachments can fail for one message: a savepoint for every message was 10% of the job
            guard = self.env.cr.savepoint() if message._cxm_payload().get("attachments") else nullcontext()
            try:
                with guard:
                    values, attachments, refused = self._cxm_message_values(instance, adapter, ticket, message)
            except psycopg2.OperationalError:
                # a serialization failure or deadlock is not the message's fault: the whole job is rolled
                # back and queue_job retries it, so the message stays pending, not failed
                raise
            except Exception as exc:  # one bad message must not block the others: it is marked failed
                _logger.exception("Channel message %s could not be put on its ticket", message.id)
                message.write({"state": "failed", "error_reason": str(exc)[:250], "ticket_id": ticket.id})
                continue
            values["author_id"] = partners[message.address].id
            values_list.append(values)
            posted.append((message, ticket, attachments, refused))
        if not values_list:
            return tickets
        # what message creation would compute once per message: reply-to per ticket, sender per customer
        targets = self.env["helpdesk.ticket"].browse({t.id for _m, t, *_rest in posted})
        reply_to = targets._notify_get_reply_to(default=False)
        for values, (message, ticket, *_rest) in zip(values_list, posted, strict=True):
            partner = partners[message.address]
            values["reply_to"] = reply_to.get(ticket.id) or False
            values["email_from"] = partner.email_formatted or partner.name
        # the chatter messages of the whole batch in one create (what message_post writes, without e-mail
        # notifications to followers: agents work the conversation on the ticket)
        mail_messages = self.env["helpdesk.ticket"]._message_create(values_list)
        last = {}
        for (message, ticket, attachments, refused), mail_message in zip(posted, mail_messages, strict=True):
            values = {
                "state": "received",
                "ticket_id": ticket.id,
                "partner_id": partners[message.address].id,
                "mail_message_id": mail_message.id,
                "error_reason": "; ".join(refused)[:250] or False,
            }
            if attachments:
                values["attachment_ids"] = [(6, 0, attachments.ids)]
            message.write(values)
            last[ticket] = max(last.get(ticket) or message.date, message.date)
        for ticket, date in last.items():
            if not ticket.cxm_last_inbound_date or ticket.cxm_last_inbound_date < date:
                ticket.cxm_last_inbound_date = date
        self.env["cxm.integration.event"].browse([m.event_id.id for m, *_rest in posted if m.event_id]).write(
            {"state": "done"}
        )
        # replies (not the message that opened a ticket) fire the process's 'on customer reply' transitions
        replied = self.env["helpdesk.ticket"].browse({t.id for _m, t, *_rest in posted if t not in new_tickets})
        replied.filtered("cxm_process_id")._cxm_on_customer_reply()
        adapter._cxm_received(instance, self.env["cxm.channel.message"].browse([m.id for m, *_rest in posted]))
        return tickets

    def _cxm_identify(self, instance, adapter, channel, messages):
        """{address: partner}: known customers by the identity look-up, new partners for the others. A sender
        known by an external key (a handle at a platform) whose message gives an e-mail or phone (``hints``)
        is also looked up by those; the external key then finds them directly next time."""
        addresses = list(dict.fromkeys(messages.mapped("address")))
        key = adapter._cxm_address_key
        hints = {}
        if key == "external_key":
            for message in messages:
                if not hints.get(message.address):
                    hints[message.address] = message._cxm_payload().get("hints") or {}
        lookup = [
            {key: address} if key != "external_key" else {key: address, "source": instance.id, **hints[address]}
            for address in addresses
        ]
        answers = self.env["cxm.partner.identity"].cxm_lookup(lookup)
        found, by_hint = {}, []
        own_type = "external" if key == "external_key" else key
        for address, matches in zip(addresses, answers, strict=True):
            direct = [match for match in matches if match["key_type"] == own_type]
            if direct or matches:
                found[address] = min(match["partner_id"] for match in direct or matches)
            if matches and not direct:
                by_hint.append(address)
        Partner = self.env["res.partner"]
        result = {address: Partner.browse(pid) for address, pid in found.items()}
        unknown = [address for address in addresses if address not in found]
        if unknown:
            names = {}
            for message in messages:
                names.setdefault(message.address, message._cxm_payload().get("name"))
            values = []
            for address in unknown:
                vals = adapter._cxm_partner_values(instance, address, names.get(address))
                vals["cxm_created_channel_id"] = channel.id
                for hint, value in hints.get(address, {}).items():
                    vals.setdefault(hint, value)
                values.append(vals)
            created = Partner.create(values)
            result.update(zip(unknown, created, strict=True))
        if key == "external_key" and (unknown or by_hint):
            # the sender's id at the provider is the key that finds them next time (unless the key is taken
            # already, by a customer the look-up does not return: archived, or of another company)
            Identity = self.env["cxm.partner.identity"].with_context(active_test=False)
            taken = set(
                Identity.search([("source_id", "=", instance.id), ("value", "in", unknown + by_hint)]).mapped("value")
            )
            Identity.create(
                [
                    {"partner_id": result[address].id, "value": address, "source_id": instance.id}
                    for address in unknown + by_hint
                    if address not in taken
                ]
            )
        return result

    def _cxm_thread_key(self, instance, message):
        """Messages of one key go on one ticket: the sender's address, or the message itself when the
        instance's threading window is 0 (each message opens its own ticket, e.g. public complaints)."""
        return message.address if instance.cxm_thread_window else message.id

    def _cxm_thread(self, instance, channel, messages, partners):
        """{thread key: ticket}: the customer's open ticket on this channel written to within the window,
        else a new ticket (routed by the routing rules through its category)."""
        since = fields.Datetime.now() - timedelta(hours=instance.cxm_thread_window or 0)
        partner_ids = list({partner.id for partner in partners.values()}) if instance.cxm_thread_window else []
        open_tickets = self.env["helpdesk.ticket"].search(
            [
                ("partner_id", "in", partner_ids),
                ("channel_id", "=", channel.id),
                ("stage_id.closed", "=", False),
                ("company_id", "=", instance.company_id.id),
                ("cxm_last_inbound_date", ">=", since),
            ],
            order="cxm_last_inbound_date desc, id desc",
        )
        by_partner = {}
        for ticket in open_tickets:
            by_partner.setdefault(ticket.partner_id.id, ticket)
        result, new_values, new_addresses = {}, [], []
        firsts = {}
        for message in messages:
            firsts.setdefault(self._cxm_thread_key(instance, message), message)
        for address, first in firsts.items():
            partner = partners[first.address]
            if partner.id in by_partner:
                result[address] = by_partner[partner.id]
                continue
            text = (first.body or "").strip()
            title = text.splitlines()[0][:TITLE_LENGTH] if text else ""
            new_addresses.append(address)
            new_values.append(
                {
                    "name": title or self.env._("Message from %(customer)s", customer=partner.display_name),
                    "description": plaintext2html(text or "-"),
                    "partner_id": partner.id,
                    "channel_id": channel.id,
                    "company_id": instance.company_id.id,
                    "team_id": instance.cxm_team_id.id or False,
                    "category_id": instance.cxm_category_id.id or False,
                    "cxm_source_ref": first.external_id,
                    "cxm_reply_instance_id": instance.id,
                }
            )
        created = self.env["helpdesk.ticket"]
        if new_values:
            for vals in new_values:
                if not vals["team_id"]:
                    del vals["team_id"]
            created = self.env["helpdesk.ticket"].with_context(mail_create_nolog=True).create(new_values)
            result.update(zip(new_addresses, created, strict=True))
        return result, created

    def _cxm_message_values(self, instance, adapter, ticket, message):
        """Chatter message values of one inbound message, with its attachments (created on the ticket)
        and the reasons of the refused ones."""
        payload = message._cxm_payload()
        attachments, refused = self.env["ir.attachment"], []
        for index, spec in enumerate(payload.get("attachments") or []):
            try:
                if spec.get("data"):
                    name, mimetype = spec.get("name"), spec.get("mimetype")
                    raw = base64.b64decode(spec["data"], validate=True)
                else:
                    name, mimetype, raw = adapter._cxm_fetch_media(instance, spec)
            except (UserError, ValueError) as exc:
                refused.append(str(exc.args[0] if exc.args else exc))
                continue
            attachments |= self.env["ir.attachment"].create(
                {
                    "name": name or f"{message.kind}-{index + 1}",
                    "raw": raw,
                    "mimetype": mimetype or "application/octet-stream",
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
        text = message.body or ""
        body = plaintext2html(text) if text else ""
        for reason in refused:
            body += plaintext2html(self.env._("[attachment not kept: %(reason)s]", reason=reason))
        values = {
            "model": "helpdesk.ticket",
            "res_id": ticket.id,
            "body": body or plaintext2html(self.env._("(%(kind)s message)", kind=message.kind)),
            "message_type": "comment",
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"),
            "date": message.date,
            "attachment_ids": [(6, 0, attachments.ids)],
        }
        return values, attachments, refused

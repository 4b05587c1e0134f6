# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import os
import re
from datetime import date

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

_logger = logging.getLogger(__name__)

# extension -> content types its bytes may have (checked on the content, not on the client's word)
FILE_TYPES = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "gif": ("image/gif",),
    "txt": ("text/plain",),
    "csv": ("text/plain", "text/csv"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"),
}
DEFAULTS = {"max_file_mb": 5, "max_files": 3, "ip_rate_limit": 10, "site_rate_limit": 600}
TEXT_MAX = {"text": 500, "textarea": 10000}
NAME_MAX = 128
TRUE_VALUES = {"yes", "on", "1", "true"}
UNSAFE_NAME_RE = re.compile(r"[\x00-\x1f<>:\"/\\|?*]+")


class CxmSelfserviceIntake(models.AbstractModel):
    """Validation and submission of help-centre forms: what a customer typed becomes a routed ticket.
    Controllers and the REST API parse the request and call :meth:`_cxm_submit`."""

    _name = "cxm.selfservice.intake"
    _description = "Help Centre Submission"

    @api.model
    def _cxm_setting(self, name):
        # sudo: suite settings (system parameters), read for every visitor
        value = self.env["ir.config_parameter"].sudo().get_param(f"cxm_selfservice.{name}")
        try:
            return int(value) if value not in (None, False, "") else DEFAULTS[name]
        except ValueError:
            return DEFAULTS[name]

    @api.model
    def _cxm_rate_check(self, client, instance=None):
        """Count one submission for the client address, then for the instance (or the whole site).
        Return ``(allowed, retry_after_seconds)``."""
        hits = [(f"help:ip:{client}", self._cxm_setting("ip_rate_limit"))]
        if instance:
            hits.append((f"help:in:{instance.id}", instance.rate_limit))
        else:
            hits.append(("help:site", self._cxm_setting("site_rate_limit")))
        allowed, retry_after, _refused = self.env["cxm.integration.rate.bucket"]._hit_chain(hits)
        return allowed, retry_after

    @api.model
    def _cxm_visible_categories(self, instance=None, category_id=None):
        """Categories the help centre offers, as the caller (record rules apply)."""
        domain = [("show_in_portal", "=", True), ("active", "=", True)]
        if category_id is not None:
            domain.append(("id", "=", category_id))
        if instance and instance.cxm_help_category_ids:
            domain.append(("id", "in", instance.cxm_help_category_ids.ids))
        # one query for ids and the columns the pages show
        return self.env["helpdesk.ticket.category"].search_fetch(
            domain, ["name", "cxm_help_intro", "cxm_help_icon", "company_id"], order="sequence, name"
        )

    # ------------------------------------------------------------ validation
    @api.model
    def _cxm_clean_filename(self, filename):
        name = UNSAFE_NAME_RE.sub("_", os.path.basename((filename or "").replace("\\", "/"))).strip(" .")
        return name[:NAME_MAX] or "file"

    @api.model
    def _cxm_check_files(self, files):
        """``files``: list of ``(filename, bytes)``; return ``(clean list, error or None)``."""
        max_files, max_mb = self._cxm_setting("max_files"), self._cxm_setting("max_file_mb")
        if len(files) > max_files:
            return [], self.env._("At most %(count)s files.", count=max_files)
        clean = []
        for filename, content in files:
            name = self._cxm_clean_filename(filename)
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if ext not in FILE_TYPES:
                return [], self.env._(
                    "%(name)s: this type of file is not accepted (accepted: %(types)s).",
                    name=name,
                    types=", ".join(sorted(FILE_TYPES)),
                )
            if len(content) > max_mb * 1024 * 1024:
                return [], self.env._("%(name)s is larger than %(size)s MB.", name=name, size=max_mb)
            if not content:
                return [], self.env._("%(name)s is empty.", name=name)
            if guess_mimetype(content, default="application/octet-stream") not in FILE_TYPES[ext]:
                return [], self.env._("%(name)s does not contain what its name says.", name=name)
            clean.append((name, content))
        return clean, None

    @api.model
    def _cxm_parse_answer(self, field, raw):
        """Return ``(value, error)`` for one non-file answer; value None when empty."""
        raw = (raw or "").strip() if isinstance(raw, str) else raw
        if field.field_type == "boolean":
            return (str(raw).lower() in TRUE_VALUES), None
        if raw in (None, ""):
            return None, self.env._("This field is required.") if field.required else None
        if field.field_type in TEXT_MAX:
            if len(raw) > TEXT_MAX[field.field_type]:
                return None, self.env._("At most %(count)s characters.", count=TEXT_MAX[field.field_type])
            return raw, None
        if field.field_type == "number":
            try:
                return float(raw.replace(",", ".")), None
            except ValueError:
                return None, self.env._("Enter a number.")
        if field.field_type == "date":
            try:
                return date.fromisoformat(raw), None
            except ValueError:
                return None, self.env._("Enter a date (YYYY-MM-DD).")
        if field.field_type == "selection":
            if raw not in field._option_list():
                return None, self.env._("Choose one of the proposed values.")
            return raw, None
        return None, self.env._("Unknown field type.")

    @api.model
    def _cxm_check_contact(self, params):
        """Name and e-mail or phone of an anonymous customer; return ``(contact, errors)``."""
        errors, contact = {}, {}
        name = (params.get("name") or "").strip()
        if not name:
            errors["name"] = self.env._("Tell us your name.")
        elif len(name) > NAME_MAX:
            errors["name"] = self.env._("At most %(count)s characters.", count=NAME_MAX)
        contact["name"] = name[:NAME_MAX]
        email, phone = (params.get("email") or "").strip(), (params.get("phone") or "").strip()
        if email:
            contact["email"] = email_normalize(email)
            if not contact["email"]:
                errors["email"] = self.env._("This is not a valid e-mail address.")
        if phone:
            contact["phone"] = self.env.company._cxm_normalize_phone(phone)
            if not contact["phone"]:
                errors["phone"] = self.env._("This is not a valid phone number.")
        if not email and not phone:
            errors["email"] = self.env._("Give an e-mail address or a phone number so that we can answer you.")
        return contact, errors

    @api.model
    def _cxm_validate(self, category, params, files):
        """Return ``(answers, attachments, errors)``: answers are ``(field, value)`` of shown fields."""
        errors, values, answers, attachments = {}, {}, [], []
        form = category._cxm_help_fields()
        for field in form.filtered(lambda f: f.field_type != "file"):
            value, error = self._cxm_parse_answer(field, params.get(field.key))
            values[field.key] = value
            if error:
                errors[field.key] = error
        for field in form:
            if not field._is_shown(values):
                errors.pop(field.key, None)  # hidden answers are neither required nor kept
                continue
            if field.field_type == "file":
                clean, error = self._cxm_check_files(files.get(field.key, []))
                if error:
                    errors[field.key] = error
                elif field.required and not clean:
                    errors[field.key] = self.env._("This field is required.")
                attachments += clean
                values[field.key] = ", ".join(name for name, _content in clean) or None
            if values.get(field.key) is not None and field.key not in errors:
                answers.append((field, values[field.key]))
        return answers, attachments, errors

    # ------------------------------------------------------------ submission
    @api.model
    def _cxm_find_or_create_partner(self, contact):
        """Customer of an anonymous submission, through the identity look-up (e-mail first). Return
        ``(partner, matched)``: ``matched`` when the details are those of a customer already known."""
        # sudo: identifying a visitor is the system's doing; nothing of the partner found is shown back
        Identity = self.env["cxm.partner.identity"].sudo()
        entries = [{"email": contact.get("email")}, {"phone": contact.get("phone")}]
        for matches in Identity.cxm_lookup(entries):
            if matches:
                return self.env["res.partner"].sudo().browse(matches[0]["partner_id"]), True
        partner = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": contact["name"],
                    "email": contact.get("email") or False,
                    "phone": contact.get("phone") or False,
                    "lang": self.env.lang if self.env.lang in dict(self.env["res.lang"].get_installed()) else False,
                }
            )
        )
        return partner, False

    @api.model
    def _cxm_answer_text(self, field, value):
        if field.field_type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if field.field_type == "number":
            return ("%g" % value) if isinstance(value, float) else str(value)  # noqa: UP031
        return str(value)

    @api.model
    def _cxm_submit(self, category, params, files=None, instance=None, extra_vals=None):
        """Validate and create the ticket. ``params``: answers by key (and name/email/phone for anonymous
        callers); ``files``: ``{key: [(filename, bytes)]}``. Return ``{"errors": {...}}`` (nothing
        changed) or ``{"ticket": ticket, "show_status_link": bool}`` (the ticket as superuser: the caller
        only shows its reference, and its status link when ``show_status_link``).

        An anonymous sender has proven nothing: when the e-mail or phone is a known customer's, the
        ticket goes on that customer flagged *not verified* (hidden from their portal account, see the
        rule ``helpdesk_ticket_rule_sender_unverified``), the status link is not shown to the sender but
        mailed to the customer's known address, and the link confirms the sender before showing it."""
        files = files or {}
        category.check_access("read")
        if not (category.active and category.show_in_portal) or not self._cxm_visible_categories(instance, category.id):
            raise AccessError(self.env._("This category does not take requests from the help centre."))
        answers, attachments, errors = self._cxm_validate(category, params, files)
        anonymous = self.env.user._is_public()
        contact = {}
        if anonymous:
            contact, contact_errors = self._cxm_check_contact(params)
            errors.update(contact_errors)
        if errors:
            return {"errors": errors}
        partner, matched = self._cxm_find_or_create_partner(contact) if anonymous else (self.env.user.partner_id, False)
        lines = [(field.label, self._cxm_answer_text(field, value)) for field, value in answers]
        title = next((str(v) for f, v in answers if f.target == "name"), None)
        description = next((str(v) for f, v in answers if f.target == "description"), None)
        if not description:
            description = "\n".join(f"{label}: {text}" for label, text in lines) or category.name
        vals = {
            "name": (title or f"{category.name} - {partner.name}")[:200],
            "description": plaintext2html(description),
            "category_id": category.id,
            "company_id": (category.company_id or self.env.company).id,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email or False,
            # sudo: the channel record of web forms (a technical look-up; visitors may not read channels)
            "channel_id": self.env["helpdesk.ticket.channel"].sudo()._cxm_by_code("web_form").id,
            "cxm_sender_state": ("matched" if matched else "new") if anonymous else False,
            "cxm_answer_ids": [
                {"sequence": seq, "field_id": field.id, "key": field.key, "label": field.label, "value": text}
                for seq, ((field, _value), (_label, text)) in enumerate(zip(answers, lines, strict=True))
                if field.target == "answer"
            ],
            **(extra_vals or {}),
        }
        vals["cxm_answer_ids"] = [(0, 0, answer) for answer in vals["cxm_answer_ids"]]
        # sudo: customers cannot create tickets themselves; the category was checked above and the
        # values are the validated answers only; routing by category happens in create()
        ticket = self.env["helpdesk.ticket"].sudo().create(vals)
        if attachments:
            self.env["ir.attachment"].sudo().create(
                [
                    {"name": name, "datas": base64.b64encode(content), "res_model": ticket._name, "res_id": ticket.id}
                    for name, content in attachments
                ]
            )
        ticket._portal_ensure_token()
        if matched:  # what the sender typed, for the agent who checks who they are
            ticket.message_post(
                body=self.env._(
                    "Sent anonymously from the help centre as %(name)s (%(contact)s), the details of a known "
                    "customer: not verified. Do not disclose account information before the sender confirms "
                    "from the link mailed to the customer's address or you checked who they are.",
                    name=contact["name"],
                    contact=", ".join(filter(None, [contact.get("email"), contact.get("phone")])),
                ),
                subtype_xmlid="mail.mt_note",
            )
        suggested = [int(i) for i in str(params.get("cxm_suggested") or "").split(",") if i.strip().isdigit()]
        if suggested:  # articles were suggested and the customer submitted anyway
            self.env["cxm.knowledge.deflection"]._cxm_record(
                "submitted", suggested, params.get("cxm_query"), category, ticket
            )
        template = self.env.ref("cxm_selfservice.mail_template_help_ack", raise_if_not_found=False)
        if template and partner.email:
            template.sudo().send_mail(ticket.id, email_layout_xmlid="mail.mail_notification_light")
        return {"ticket": ticket, "show_status_link": not matched, "mailed": bool(template and partner.email)}

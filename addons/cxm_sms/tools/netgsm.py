# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Netgsm (Turkey): the XML send API, the HTTP GET report API and its numeric codes.

* Send: ``POST <base>/sms/send/xml``, ``<mainbody><header>`` with ``usercode``,
  ``password``, ``type`` 1:n, ``msgheader`` (the approved sender name) and
  ``<company dil="TR">`` when the text needs the Turkish characters (the XML
  spelling of the REST API's ``encoding=TR``); the answer is text: ``00 <jobid>``
  (also ``01``/``02``) on success, else a two-digit error code.
* Delivery reports: ``GET <base>/sms/report/?usercode&password&bulkid&type=0&status=100&version=2``,
  one line a number: ``<gsmno> <status> ...`` (0 waiting, 1 delivered, 2 timed
  out, 3 wrong number, 4 not sent to the operator, 11 refused by the operator,
  12 sending error, 13 duplicate); ``60`` when the job is unknown.
* Netgsm signs nothing: its webhooks are authenticated by the instance's secret
  token in the URL path AND, when set, the instance's IP allow-list."""

import hashlib
import re

from odoo.tools.translate import LazyTranslate

from . import gsm
from .provider import DELIVERED, FAILED, PENDING, Provider, Refused, register, required

_lt = LazyTranslate(__name__)

SUCCESS_CODES = ("00", "01", "02")
ERRORS = {
    "20": ("unknown", _lt("Netgsm refused the text (code 20: empty, too long or invalid characters).")),
    "30": ("sms_acc", _lt("Netgsm refused the credentials (code 30: wrong user code/password or no API access).")),
    "40": ("sms_acc", _lt("Netgsm refused the sender name (code 40: the header is not approved).")),
    "50": ("unknown", _lt("Netgsm refused the İYS-checked send (code 50).")),
    "51": ("unknown", _lt("Netgsm has no İYS brand code for this account (code 51).")),
    "70": ("wrong_number_format", _lt("Netgsm refused the parameters (code 70).")),
    "80": ("server_error", _lt("Netgsm send limit exceeded (code 80): try again later.")),
    "85": ("unknown", _lt("Netgsm refused a duplicate send (code 85).")),
}
#: report status -> (tracking outcome, failure type)
REPORT_STATUS = {
    "0": (PENDING, None),
    "1": (DELIVERED, None),
    "2": (FAILED, "expired"),
    "3": (FAILED, "invalid_destination"),
    "4": (FAILED, "not_delivered"),
    "11": (FAILED, "rejected"),
    "12": (FAILED, "not_delivered"),
    "13": (FAILED, "rejected"),
    "103": (FAILED, "not_delivered"),
}


def netgsm_number(number):
    """Netgsm wants the number as digits with the country code, no ``+`` (905321234567)."""
    digits = re.sub(r"\D", "", number or "")
    return digits[2:] if digits.startswith("00") else digits


def _cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _xml_text(text):
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@register
class NetgsmProvider(Provider):
    code = "netgsm"
    turkish_shift = True
    webhook_auth = "token"

    def base(self):
        return (self.instance.base_url or "https://api.netgsm.com.tr").rstrip("/")

    def build_xml(self, number, body):
        turkish = self.instance.sms_turkish_shift and gsm.sms_info(body, True)["encoding"] != gsm.GSM7
        company = '<company dil="TR">Netgsm</company>' if turkish else "<company>Netgsm</company>"
        return (
            '<?xml version="1.0" encoding="UTF-8"?><mainbody><header>'
            f"{company}<usercode>{_xml_text(self.creds.sms_account)}</usercode>"
            f"<password>{_xml_text(self.creds.secret)}</password><type>1:n</type>"
            f"<msgheader>{_xml_text(self.instance.sms_sender)}</msgheader></header>"
            f"<body><msg>{_cdata(body)}</msg><no>{netgsm_number(number)}</no></body></mainbody>"
        )

    def send(self, session, number, body, uuid):
        response, error = self._post(
            session,
            "POST",
            self.base() + "/sms/send/xml",
            data=self.build_xml(number, body).encode(),
            headers={"Content-Type": "application/xml; charset=UTF-8"},
        )
        if error or response.status_code >= 400:
            return {"uuid": uuid, "state": "server_error", "failure_reason": f"Netgsm: {error or response.status_code}"}
        answer = response.text.strip().split()
        code = answer[0] if answer else ""
        if code in SUCCESS_CODES and len(answer) > 1:
            return {"uuid": uuid, "state": "success", "ref": answer[1]}
        state, reason = ERRORS.get(code, ("unknown", _lt("Netgsm answered an unknown code.")))
        return {"uuid": uuid, "state": state, "failure_reason": f"{self.text(reason)} [{code}]"}

    def fetch_report(self, session, jobid):
        """Statuses of one job: ``[(number, status code)]``; ``None`` when Netgsm cannot tell (yet)."""
        response, error = self._post(
            session,
            "GET",
            self.base() + "/sms/report/",
            params={
                "usercode": self.creds.sms_account,
                "password": self.creds.secret,
                "bulkid": jobid,
                "type": "0",
                "status": "100",
                "version": "2",
            },
        )
        if error or response.status_code >= 400:
            return None
        rows = []
        for line in response.text.splitlines():
            parts = line.replace("|", " ").split()
            if len(parts) >= 2 and parts[0].isdigit() and len(parts[0]) > 5:
                rows.append((parts[0], parts[1]))
        return rows or None

    def check_webhook(self, req):
        # no signature at Netgsm: the token in the path found the instance; the allow-list narrows it
        self.check_ip(req)

    def parse_inbound(self, params):
        sender = params.get("gsmno") or params.get("no")
        text = params.get("mesaj") if "mesaj" in params else params.get("msg")
        sender, text = required({"gsmno": sender, "mesaj": text}, "gsmno", "mesaj")
        stamp = params.get("tarih") or ""
        external = params.get("msgid") or params.get("id")
        if not external:  # Netgsm forwards no id: the same sender, time and text is the same message
            external = hashlib.sha256(f"{sender}|{stamp}|{text}".encode()).hexdigest()[:32]
        digits = netgsm_number(sender)
        return {
            "external_id": f"in:{external}",
            # 90532...: international, made E.164; 0532...: national, normalised by the identity look-up
            "sender": digits if digits.startswith("0") else "+" + digits,
            "recipient": params.get("ceptel") or "",
            "text": text,
        }

    def parse_status(self, params):
        jobid, status = required(params, "bulkid", "status")
        if status not in REPORT_STATUS:
            raise Refused(400, "invalid", _lt("Unknown Netgsm report status."))
        outcome, failure = REPORT_STATUS[status]
        return f"dlr:{jobid}:{status}", jobid, outcome, failure, f"Netgsm {status}"

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""İYS vocabulary: how a ledger event is written for the registry and how a registry record is read
back. Pure functions, no Odoo import."""

import re
from datetime import datetime, timedelta

import pytz

TZ = pytz.timezone("Europe/Istanbul")  # İYS dates are Turkey local time
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
#: ledger channel -> İYS consent type (WhatsApp is an electronic message: MESAJ)
TYPE_OF_CHANNEL = {"call": "ARAMA", "sms": "MESAJ", "whatsapp": "MESAJ", "email": "EPOSTA"}
#: İYS consent type -> ledger channels it covers
CHANNELS_OF_TYPE = {"ARAMA": ("call",), "MESAJ": ("sms", "whatsapp"), "EPOSTA": ("email",)}
RECIPIENT_TYPE = {"individual": "BIREYSEL", "merchant": "TACIR"}
RECIPIENT_TYPE_BACK = {v: k for k, v in RECIPIENT_TYPE.items()}
STATUS = {"approve": "ONAY", "refuse": "RET"}
STATUS_BACK = {v: k for k, v in STATUS.items()}
#: the source codes İYS accepts from a brand (HS_IYS marks what came from the registry itself)
SOURCES = (
    "HS_FIZIKSEL_ORTAM",
    "HS_ISLAK_IMZA",
    "HS_WEB",
    "HS_CAGRI_MERKEZI",
    "HS_SOSYAL_MEDYA",
    "HS_EPOSTA",
    "HS_MESAJ",
    "HS_MOBIL",
    "HS_EORTAM",
    "HS_ETKINLIK",
    "HS_2015",
    "HS_ATM",
    "HS_KARAR",
)
PHONE = re.compile(r"^\+90[0-9]{10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BATCH_MAX = 10000
STATUS_MAX = 1000


def iys_date(utc_naive):
    """A naive UTC datetime as İYS writes dates: ``yyyy-MM-dd HH:mm:ss`` in Turkey time."""
    return pytz.utc.localize(utc_naive).astimezone(TZ).strftime(DATE_FORMAT)


def from_iys_date(text):
    """A naive UTC datetime from an İYS date; ``ValueError`` when unreadable."""
    local = datetime.strptime(str(text), DATE_FORMAT)
    return TZ.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def add_business_days(moment, days, holidays=frozenset()):
    """``moment`` plus ``days`` business days: Monday to Friday, except the dates in ``holidays``."""
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5 and moment.date() not in holidays:
            days -= 1
    return moment


def consent_payload(event):
    """The İYS consent of a ledger event (a record or a dict with the ledger's field names); ``None``
    when the registry cannot hold it (an address İYS does not know, a source it does not accept)."""
    type_ = TYPE_OF_CHANNEL.get(event["channel"])
    address = event["address"] or ""
    if not type_ or event["source"] not in SOURCES:
        return None
    if not (EMAIL if type_ == "EPOSTA" else PHONE).match(address):
        return None
    return {
        "consentDate": iys_date(event["consent_date"]),
        "source": event["source"],
        "recipient": address,
        "recipientType": RECIPIENT_TYPE[event["recipient_type"] or "individual"],
        "status": STATUS[event["status"]],
        "type": type_,
    }


def read_change(record):
    """Ledger values of one registry record ``{recipient, type, status, recipientType, consentDate...}``:
    ``{"channels", "address", "status", "recipient_type", "consent_date", "transaction_id"}``.
    ``ValueError`` naming what is wrong when the record is not a valid İYS consent."""
    if not isinstance(record, dict):
        raise ValueError("not an object")
    type_ = record.get("type")
    if type_ not in CHANNELS_OF_TYPE:
        raise ValueError(f"unknown type {type_!r}")
    status = STATUS_BACK.get(record.get("status"))
    if not status:
        raise ValueError(f"unknown status {record.get('status')!r}")
    recipient_type = RECIPIENT_TYPE_BACK.get(record.get("recipientType") or "BIREYSEL")
    if not recipient_type:
        raise ValueError(f"unknown recipient type {record.get('recipientType')!r}")
    recipient = record.get("recipient")
    if not isinstance(recipient, str):
        raise ValueError("no recipient")
    recipient = recipient.strip().lower() if type_ == "EPOSTA" else recipient.strip()
    if not (EMAIL if type_ == "EPOSTA" else PHONE).match(recipient):
        raise ValueError(f"recipient {recipient!r} is not valid for {type_}")
    consent_date = from_iys_date(record.get("consentDate") or record.get("creationDate"))
    return {
        "channels": CHANNELS_OF_TYPE[type_],
        "type": type_,
        "address": recipient,
        "status": status,
        "recipient_type": recipient_type,
        "consent_date": consent_date,
        "transaction_id": str(record.get("transactionId") or ""),
    }


def errors_of(data):
    """``(code, message)`` of the first error of an İYS error answer, ``(None, None)`` without one."""
    if isinstance(data, dict):
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("code") or ""), str(errors[0].get("message") or "")
        if isinstance(data.get("error"), dict):
            return str(data["error"].get("code") or ""), str(data["error"].get("message") or "")
        if data.get("message"):
            return None, str(data["message"])
    return None, None

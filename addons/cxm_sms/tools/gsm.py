# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Length of an SMS as the network counts it (3GPP TS 23.038 / 23.040).

* **GSM-7**: the default alphabet, 7 bits a character; the characters of the
  default extension table (``^{}\\[~]|€`` and form feed) take two (escape + char).
  One SMS holds 160 units; a long (concatenated) one 153 per part (the 6-byte
  header of the concatenation takes the rest).
* **GSM-7 with the Turkish National Language Single Shift table**: the
  extension table is replaced by the Turkish one (``TURKISH_SHIFT``: the Turkish letters
  with breve, cedilla and the dotted/dotless i that GSM-7 lacks)
  (two units each, like ``€``). The header announcing the table costs 3 more
  bytes: 155 units in one SMS, 149 per part. Netgsm's ``encoding=TR`` (``dil="TR"``)
  sends this way; providers that do not offer it fall back to UCS-2.
* **UCS-2** (UTF-16): any character, 70 units in one SMS, 67 per part; a
  character outside the Basic Multilingual Plane (most emoji) takes two.

A part never ends in the middle of an escape pair or of a surrogate pair.
Pure functions, no Odoo."""

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "\f^{}\\[~]|€"
#: Turkish National Language Single Shift table (TS 23.038 A.2.1)
TURKISH_SHIFT = GSM7_EXTENSION + "ĞğİıŞşç"

GSM7 = "gsm7"
GSM7_TR = "gsm7_tr"
UCS2 = "ucs2"

#: units in one SMS, units per part of a long SMS
LIMITS = {GSM7: (160, 153), GSM7_TR: (155, 149), UCS2: (70, 67)}


def _septets(text, extension):
    """Units of ``text`` in GSM-7 with ``extension`` as the shift table, or ``None``."""
    units = []
    for char in text:
        if char in GSM7_BASIC and char != "\x1b":
            units.append(1)
        elif char in extension:
            units.append(2)
        else:
            return None
    return units


def _ucs2_units(text):
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _parts(units, single, multi):
    total = sum(units)
    if total <= single:
        return 1 if units else 0
    parts, used = 1, 0
    for unit in units:  # never split a two-unit character across parts
        if used + unit > multi:
            parts, used = parts + 1, 0
        used += unit
    return parts


def sms_info(text, turkish_shift=False):
    """How ``text`` travels: ``{"encoding", "units", "parts", "per_part", "remaining"}``.

    ``turkish_shift``: the provider can send with the Turkish single shift table
    (Netgsm ``encoding=TR``). ``remaining`` is what still fits in the last part."""
    text = text or ""
    encoding, units = GSM7, _septets(text, GSM7_EXTENSION)
    if units is None and turkish_shift:
        encoding, units = GSM7_TR, _septets(text, TURKISH_SHIFT)
    if units is None:
        encoding, units = UCS2, _ucs2_units(text)
    single, multi = LIMITS[encoding]
    parts = _parts(units, single, multi)
    total = sum(units)
    per_part = single if parts <= 1 else multi
    if parts <= 1:
        remaining = single - total
    else:
        used = 0
        for unit in units:
            if used + unit > multi:
                used = 0
            used += unit
        remaining = multi - used
    return {"encoding": encoding, "units": total, "parts": parts, "per_part": per_part, "remaining": remaining}


def needs_unicode(text):
    """True when ``text`` cannot travel in the GSM-7 default alphabet."""
    return _septets(text or "", GSM7_EXTENSION) is None

# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF003 - the table is about letters that look alike
"""The Turkish name table of issue #18: pairs that must match or must not
match through partner search and duplicate detection (identity look-up and
import matching match by keys, not names). Shared by the modules' tests and
scripts/bench/turkish_fold.py.

``NAME_PAIRS``: (stored name, name as typed elsewhere, must match). The typed
name is the whole name in another case or without Turkish letters (duplicate
detection compares whole names). ``SEARCH_PAIRS``: (stored
name, what a user types in a search box, must find)."""

# look-alike letters of other scripts (they must never match Latin ones)
CYR_A = "\u0410"  # CYRILLIC CAPITAL LETTER A
CYR_C = "\u0421"  # CYRILLIC CAPITAL LETTER ES
CYR_I = "\u0406"  # CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
CYR_O = "\u043e"  # CYRILLIC SMALL LETTER O
GRK_E = "\u0395"  # GREEK CAPITAL LETTER EPSILON
GRK_I = "\u0399"  # GREEK CAPITAL LETTER IOTA

NAME_PAIRS = [
    # İ/I/ı/i in both cases
    ("Ayşe Yılmaz", "AYŞE YILMAZ", True),
    ("Ayşe Yılmaz", "ayse yilmaz", True),
    ("İlker Işık", "İLKER IŞIK", True),
    ("İlker Işık", "ilker isik", True),
    ("İlker Işık", "ILKER ISIK", True),
    ("Irmak Ilıca", "ırmak ılıca", True),
    ("Irmak Ilıca", "IRMAK ILICA", True),
    ("İnci Kılıç", "inci kılıç", True),
    ("İnci Kılıç", "İNCİ KILIÇ", True),
    # ş/s, ğ/g, ç/c, ö/o, ü/u
    ("Elif Şahin", "ELİF ŞAHİN", True),
    ("Elif Şahin", "Elif Sahin", True),
    ("Çağrı Doğan", "CAGRI DOGAN", True),
    ("Çağrı Doğan", "çağrı doğan", True),
    ("Gökçe Öztürk", "GÖKÇE ÖZTÜRK", True),
    ("Gökçe Öztürk", "Gokce Ozturk", True),
    ("Ümit Güneş", "ÜMİT GÜNEŞ", True),
    ("Ümit Güneş", "umit gunes", True),
    ("Müge Ağaoğlu", "MUGE  AGAOGLU", True),
    # other scripts' look-alikes never match Latin letters
    ("Ayşe Yılmaz", CYR_A + "yşe Yılmaz", False),
    ("Can Öztürk", CYR_C + "an Öztürk", False),
    ("İlker Işık", CYR_I + "lker Işık", False),
    ("Elif Şahin", GRK_E + "lif Şahin", False),
    ("İnci Kılıç", GRK_I + "nci Kılıç", False),
    ("Gökçe Öztürk", "Gökçe Öztürk".replace("ö", CYR_O), False),
    # different names stay different
    ("Ayşe Yılmaz", "Ayla Yılmaz", False),
    ("Can Öztürk", "Cem Öztürk", False),
    ("Ümit Güneş", "Ümit Gündüz", False),
]

SEARCH_PAIRS = [
    ("Ayşe Yılmaz", "YILMAZ", True),
    ("Ayşe Yılmaz", "yilmaz", True),
    ("Ayşe Yılmaz", "Ayse", True),
    ("Ayşe Yılmaz", "AYŞE", True),
    ("Elif Şahin", "ŞAHİN", True),
    ("Elif Şahin", "sahin", True),
    ("İlker Işık", "ışık", True),
    ("İlker Işık", "ILKER", True),
    ("İlker Işık", "ilker", True),
    ("Irmak Ilıca", "ırmak", True),
    ("İnci Kılıç", "KILIÇ", True),
    ("İnci Kılıç", "kilic", True),
    ("Çağrı Doğan", "CAĞRI", True),
    ("Çağrı Doğan", "dogan", True),
    ("Gökçe Öztürk", "ÖZTÜRK", True),
    ("Ümit Güneş", "gunes", True),
    ("Müge Ağaoğlu", "AĞAOĞLU", True),
    ("Can Öztürk", CYR_C + "an", False),
    ("Ayşe Yılmaz", CYR_A + "yşe", False),
    ("Elif Şahin", GRK_E + "lif", False),
    ("İlker Işık", CYR_I + "lker", False),
    ("Ümit Güneş", "Gündüz", False),
]

# customers in Turkish alphabetical order (Ç after C, Ğ after G, İ after I, Ö after O, Ş after S, Ü after U)
TURKISH_ORDER = [
    "Cemil Akın",
    "Çelik Ltd",
    "Gül Ak",
    "Ğ Test Ltd",
    "Irmak Ilıca",
    "İlker Işık",
    "Oya Tan",
    "Ömer Kaya",
    "Selin Er",
    "Şule Ak",
    "Uğur Er",
    "Ümit Güneş",
    "Zeynep Kaya",
]
